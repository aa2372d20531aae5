/** Composes sources. */
import type { Lang } from "../dataset/schema";
import { dateOf, Localizer } from "../lib/localize";
import { link } from "./links";
import type { ReleaseRows } from "./rows";

export function composeSource(rows: ReleaseRows, id: string, lang: Lang) {
  const row = rows.source(id);
  const l = new Localizer(lang);
  return {
    id: row.id,
    kind: row.kind,
    title: l.text("title", row.title),
    publisher: {
      id: row.publisherId,
      type: row.publisherType,
      name: l.text("publisher.name", row.publisherName),
      href: link(`/v1/entities/${row.publisherId}`),
    },
    author: row.author,
    date: dateOf(row.date, row.datePrecision, row.dateCertainty, row.datePhrase),
    language: row.language,
    url: row.url,
    via: row.viaId,
    description: l.text("description", row.description),
    href: link(`/v1/sources/${row.id}`),
    fallback: l.fallback,
  };
}

export type SourceDoc = ReturnType<typeof composeSource>;

/** The cited sources of a record, in citation order, composed in `lang`. */
export const citedSources = (rows: ReleaseRows, kind: string, id: string, lang: Lang) =>
  rows.citesOf(kind, id).map((s) => composeSource(rows, s, lang));
