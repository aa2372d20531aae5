/** The two envelopes: one for a single record, one for a page of a collection. */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { absolute } from "./urls";

type Included = Record<string, unknown[]>;

/** `included` is typed as given, so handlers match the response schemas built by singleOf/collectionOf. */
export function single<T, I extends Included = never>(c: Context<AppEnv>, data: T, selfPath: string, included?: I) {
  return {
    data,
    ...((included ? { included } : {}) as { included?: I }),
    meta: { release: c.get("release").version, lang: c.get("lang") },
    links: { self: absolute(c, selfPath) },
  };
}

export function collection<T, I extends Included = never>(
  c: Context<AppEnv>,
  data: T[],
  p: { nextCursor: string | null; links: { self: string; next: string | null } },
  limit: number,
  included?: I,
) {
  return {
    data,
    ...((included ? { included } : {}) as { included?: I }),
    meta: { release: c.get("release").version, lang: c.get("lang"), limit, next_cursor: p.nextCursor },
    links: p.links,
  };
}
