import type { Context } from "hono";
import type { Lang } from "../dataset/schema";
import type { AppEnv } from "../env";
import { collection, single } from "../lib/envelope";
import { Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import { type SourceRow, sourcesByIds } from "../queries/sources";

type Precision = "year" | "month" | "day";
type Certainty = "stated" | "relative" | "inferred";

/** A PartialDate with its enums kept as literal types (so handlers match the response schemas). */
export function dateOf(value: string, precision: Precision, certainty: Certainty, phrase?: string | null) {
  return { value, precision, certainty, phrase: phrase ?? null };
}

export function presentSource(c: Context<AppEnv>, row: SourceRow, lang: Lang) {
  const l = new Localizer(lang);
  return {
    id: row.id,
    kind: row.kind,
    title: l.text("title", row.title),
    publisher: {
      id: row.publisherId,
      type: row.publisherType,
      name: l.text("publisher.name", row.publisherName),
      href: absolute(c, `/v1/entities/${row.publisherId}`),
    },
    author: row.author,
    date: dateOf(row.date, row.datePrecision, row.dateCertainty, row.datePhrase),
    language: row.language,
    url: row.url,
    via: row.viaId,
    description: l.text("description", row.description),
    href: absolute(c, `/v1/sources/${row.id}`),
    fallback: l.fallback,
  };
}

/** Full source records for `included.sources`: one query whatever the number of ids. */
export async function loadSources(c: Context<AppEnv>, ids: Iterable<string>) {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return [];
  const rows = await sourcesByIds(c.get("db"), c.get("release").version, unique);
  return rows.map((r) => presentSource(c, r, c.get("lang")));
}

type Included = Record<string, unknown[]>;

/** `single()` with `included` typed as given (the envelope types it loosely). */
export function singleWith<T, I extends Included>(c: Context<AppEnv>, data: T, selfPath: string, included?: I) {
  return single(c, data, selfPath, included) as Omit<ReturnType<typeof single<T>>, "included"> & { included?: I };
}

/** `collection()` with `included` typed as given. */
export function collectionWith<T, I extends Included>(
  c: Context<AppEnv>,
  data: T[],
  p: Parameters<typeof collection>[2],
  limit: number,
  included?: I,
) {
  return collection(c, data, p, limit, included) as Omit<ReturnType<typeof collection<T>>, "included"> & {
    included?: I;
  };
}
