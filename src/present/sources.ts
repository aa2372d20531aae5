import type { Context } from "hono";
import type { Lang } from "../dataset/schema";
import type { AppEnv } from "../env";
import { dateOf, Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import { type SourceRow, sourcesByIds } from "../queries/sources";

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
