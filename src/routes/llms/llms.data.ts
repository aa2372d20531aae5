/**
 * What llms.txt and llms-full.txt print, read from the composed documents (as the API serves them, in the
 * answer's language): llms.txt the first documents of the kinds it lists, llms-full.txt every document a page at
 * a time (a page of sources, or of stories with every record of theirs, found through the story facet lists),
 * each page with the composed sources it cites.
 */
import { ALL, type DocKind, NO_STORY } from "../../compose";
import { citationOf } from "../../compose/citation";
import type { RelationsDoc } from "../../compose/entities";
import { withOrigin } from "../../compose/links";
import type { SourceDoc } from "../../compose/sources";
import { type DocRow, documentsByIds, facetMembers, listDocuments } from "../../queries/documents";
import {
  type EntityEntry,
  type FullInput,
  type IndexInput,
  INDEX_LIMIT,
  type Input,
  type StoryPage,
  type StoryRecords,
} from "./llms.markdown";

/** Sources per page of llms-full.txt. */
export const SOURCE_PAGE = 500;
/**
 * Stories per page of llms-full.txt: a story comes with all its records (~160 at real size), so a page holds ~1,300
 * documents. Measured at 1,000× data, a page of 32 stories held about 43 MiB of the isolate while it streamed, and
 * one of 8 about 17 MiB, in the same time.
 */
export const STORY_PAGE = 8;
/** Entities of no story per page of llms-full.txt. */
export const ORPHAN_PAGE = 500;

/** Every document of a kind in the answer's language, `size` at a time, in the collection's order. */
async function* pagesOf<T>(d1: D1Database, input: Input, kind: DocKind, size: number): AsyncGenerator<T[]> {
  let cursor: string[] | null = null;
  for (;;) {
    const rows: DocRow[] = await listDocuments(d1, input.release.version, kind, input.lang, {
      cursor,
      limit: size,
      columns: "item",
    });
    const page = rows.slice(0, size);
    if (page.length > 0) yield page.map((r) => parse<T>(r, input));
    if (rows.length <= size) return;
    const last = page.at(-1) as DocRow;
    cursor = [last.sort, last.id];
  }
}

/** A document as served: its links made absolute. */
const parse = <T>(r: DocRow, input: Input) => JSON.parse(withOrigin(r.body, input.origin)) as T;

export async function indexInput(d1: D1Database, input: Input): Promise<IndexInput> {
  const version = input.release.version;
  const first = async <T>(kind: DocKind) => {
    const rows = await listDocuments(d1, version, kind, input.lang, {
      cursor: null,
      limit: INDEX_LIMIT,
      columns: "item",
    });
    return rows.slice(0, INDEX_LIMIT).map((r) => JSON.parse(r.body) as T);
  };
  type Data = IndexInput["data"];
  const [stories, facts, entities, partnerships] = await Promise.all([
    first<Data["stories"][number]>("story"),
    first<Data["facts"][number]>("fact"),
    first<Data["entities"][number]>("entity"),
    first<Data["partnerships"][number]>("partnership"),
  ]);
  return { ...input, data: { stories, facts, entities, partnerships } };
}

/** The source ids a story page's statements cite. */
function citedSources(p: StoryRecords): Set<string> {
  const ids = new Set<string>();
  const add = (list: string[] | undefined) => {
    for (const id of list ?? []) ids.add(id);
  };
  for (const x of [...p.records, ...p.figures, ...p.budgets, ...p.partnerships, ...p.events, ...p.facts])
    add(x.sources);
  for (const x of p.partnerships) for (const h of [...x.history, ...x.reasons]) add(h.sources);
  return ids;
}

/** The kinds a story lists its records by (the story facet), in the order a story's section prints them. */
const STORY_KINDS = ["entity", "figure", "budget", "partnership", "event", "fact"] as const;

export function fullInput(
  d1: D1Database,
  input: Input,
  sizes: { sources: number; stories: number; orphans: number } = {
    sources: SOURCE_PAGE,
    stories: STORY_PAGE,
    orphans: ORPHAN_PAGE,
  },
): FullInput {
  const version = input.release.version;
  const { lang } = input;
  /** Documents by kind, each kind in id order; entities come with their relations (documentsByIds, a chunk of keys per query). */
  const read = async (ids: Partial<Record<DocKind, string[]>>) => {
    const rows = await documentsByIds(d1, version, lang, { ...ids, relations: ids.entity ?? [] });
    const byKind = new Map<string, DocRow[]>();
    for (const r of rows) {
      const list = byKind.get(r.kind);
      if (list) list.push(r);
      else byKind.set(r.kind, [r]);
    }
    const of = <T>(kind: DocKind) => (byKind.get(kind) ?? []).map((r) => parse<T>(r, input));
    const relations = new Map((byKind.get("relations") ?? []).map((r) => [r.id, parse<RelationsDoc>(r, input)]));
    const entities: EntityEntry[] = of<EntityEntry["doc"]>("entity").map((doc) => ({
      doc,
      relations: relations.get(doc.id) ?? [],
    }));
    return { of, entities };
  };
  return {
    ...input,
    sources: () => pagesOf(d1, input, "source", sizes.sources),
    async *stories() {
      for await (const records of pagesOf<StoryPage["records"][number]>(d1, input, "story", sizes.stories)) {
        const members = await facetMembers(
          d1,
          version,
          STORY_KINDS,
          "story",
          records.map((s) => s.id),
        );
        const { of, entities } = await read(Object.fromEntries(members));
        const page: StoryRecords = {
          records,
          entities,
          figures: of("figure"),
          budgets: of("budget"),
          partnerships: of("partnership"),
          events: of("event"),
          facts: of("fact"),
        };
        const cited = new Map(
          (await documentsByIds(d1, version, lang, { source: [...citedSources(page)] })).map((d) => [
            d.id,
            parse<SourceDoc>(d, input),
          ]),
        );
        const cite: StoryPage["cite"] = (statement, link, ids) =>
          citationOf(
            statement,
            link,
            [...new Set(ids)].flatMap((id) => cited.get(id) ?? []),
            lang,
          );
        yield { ...page, cite };
      }
    },
    async *orphans() {
      const ids = (await facetMembers(d1, version, ["entity"], NO_STORY, [ALL])).get("entity") ?? [];
      for (let i = 0; i < ids.length; i += sizes.orphans) {
        yield (await read({ entity: ids.slice(i, i + sizes.orphans) })).entities;
      }
    },
  };
}

/** The text of blocks of lines: their lines joined by "\n", written block by block. */
export async function* joined(blocks: AsyncIterable<string[]>): AsyncGenerator<string> {
  let first = true;
  for await (const block of blocks) {
    if (block.length === 0) continue;
    yield `${first ? "" : "\n"}${block.join("\n")}`;
    first = false;
  }
}
