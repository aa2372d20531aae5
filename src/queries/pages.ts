/**
 * Reads of a permalink page's view, two keyed queries: what is stored of the page (for a fact, the fact's
 * document), then the documents it refers to (one read of several kinds), completed by src/compose/pages.ts.
 */
import type { DocKind } from "../compose";
import type { EntityDoc, RelationsDoc } from "../compose/entities";
import type { EventDoc } from "../compose/events";
import type { FactDoc } from "../compose/facts";
import type { FigureDoc } from "../compose/figures";
import {
  factPage,
  factPageRefs,
  type PageKind,
  type PageRefs,
  type PageView,
  pageRefs,
  pageView,
  type StoredEntityPage,
  type StoredPartnershipPage,
} from "../compose/pages";
import type { SourceDoc } from "../compose/sources";
import type { StoryDoc } from "../compose/stories";
import { type DocRow, documentsByIds, getDocument } from "./documents";

/** Documents by kind and id, parsed. */
async function documentsOf(d1: D1Database, release: string, lang: string, ids: Partial<Record<DocKind, string[]>>) {
  const rows = Object.values(ids).some((list) => list?.length) ? await documentsByIds(d1, release, lang, ids) : [];
  return <T>(kind: DocKind) =>
    new Map(rows.filter((d) => d.kind === kind).map((d) => [d.id, JSON.parse(d.body) as T] as const));
}

/**
 * The view of a page of `release` with its links behind ORIGIN, or null when there is no such record. A release
 * before LOADER_VERSION 10 stored each page whole (a fact's has its JSON-LD in the fact's `extra`): served as is.
 */
export async function readView(
  d1: D1Database,
  release: string,
  kind: PageKind,
  id: string,
  lang: string,
): Promise<PageView | null> {
  if (kind === "facts") {
    const row = await getDocument(d1, release, "fact", id, lang, "all");
    if (!row) return null;
    if (row.extra) return whole(await getDocument(d1, release, "page", `${kind}/${id}`, lang, "item"));
    const fact = JSON.parse(row.body) as FactDoc;
    const of = await documentsOf(d1, release, lang, factPageRefs(fact));
    const refs: PageRefs = {
      sources: of<SourceDoc>("source"),
      fact,
      figures: of<FigureDoc>("figure"),
      entities: of<EntityDoc>("entity"),
      events: of<EventDoc>("event"),
      stories: of<StoryDoc>("story"),
    };
    return pageView(factPage(fact, lang as PageView["lang"], refs), refs, release);
  }
  const row = await getDocument(d1, release, "page", `${kind}/${id}`, lang, "item");
  if (!row) return null;
  const stored = JSON.parse(row.body) as StoredEntityPage | StoredPartnershipPage | PageView;
  const of = await documentsOf(d1, release, lang, pageRefs(stored));
  const refs: PageRefs = {
    sources: of<SourceDoc>("source"),
    entities: of<EntityDoc>("entity"),
    relations: of<RelationsDoc>("relations"),
  };
  return pageView(stored, refs, release);
}

const whole = (row: DocRow | null) => (row ? (JSON.parse(row.body) as PageView) : null);
