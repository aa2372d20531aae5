/** The two envelopes: one for a single record, one for a page of a collection. */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { absolute } from "./urls";

type Included = Record<string, unknown[]> | undefined;

export function single<T>(c: Context<AppEnv>, data: T, selfPath: string, included?: Included) {
  return {
    data,
    ...(included ? { included } : {}),
    meta: { release: c.get("release").version, lang: c.get("lang") },
    links: { self: absolute(c, selfPath) },
  };
}

export function collection<T>(
  c: Context<AppEnv>,
  data: T[],
  p: { nextCursor: string | null; links: { self: string; next: string | null } },
  limit: number,
  included?: Included,
) {
  return {
    data,
    ...(included ? { included } : {}),
    meta: { release: c.get("release").version, lang: c.get("lang"), limit, next_cursor: p.nextCursor },
    links: p.links,
  };
}
