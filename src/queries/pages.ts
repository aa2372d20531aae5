/**
 * Reads of a permalink page's view: what is stored of the page (one keyed read), then the documents it refers
 * to (one keyed read of several kinds), completed by src/compose/pages.ts.
 */
import type { FactDoc } from "../compose/facts";
import type { FigureDoc } from "../compose/figures";
import { type PageKind, type PageView, pageRefs, pageView, type StoredPage } from "../compose/pages";
import type { SourceDoc } from "../compose/sources";
import { documentsByIds, getDocument } from "./documents";

/** The view of a page of `release` with its links behind ORIGIN, or null: two keyed queries (one if stored whole). */
export async function readView(d1: D1Database, release: string, kind: PageKind, id: string, lang: string) {
  const row = await getDocument(d1, release, "page", `${kind}/${id}`, lang, "item");
  if (!row) return null;
  const stored = JSON.parse(row.body) as StoredPage | PageView;
  const wanted = pageRefs(stored);
  const docs = [wanted.source, wanted.fact ?? [], wanted.figure ?? []].some((ids) => ids.length)
    ? await documentsByIds(d1, release, lang, { source: wanted.source, fact: wanted.fact, figure: wanted.figure })
    : [];
  const of = <T>(kind: string) =>
    new Map(docs.filter((d) => d.kind === kind).map((d) => [d.id, JSON.parse(d.body) as T]));
  const fact = of<FactDoc>("fact").get(id);
  return pageView(stored, { sources: of<SourceDoc>("source"), fact, figures: of<FigureDoc>("figure") }, release);
}
