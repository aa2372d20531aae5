/**
 * What llms.txt and llms-full.txt print, read from D1: llms.txt the first records of the kinds it lists,
 * llms-full.txt every record a page at a time (a page of sources, or a few stories with all their records), each
 * page with the names of the entities it refers to and the composed sources it cites (keyed reads).
 */
import { citationOf } from "../../compose/citation";
import type { DocKind } from "../../compose";
import { withOrigin } from "../../compose/links";
import type { SourceDoc } from "../../compose/sources";
import type { Dataset } from "../../dataset/schema";
import { orm } from "../../queries/common";
import { documentsByIds, listDocuments } from "../../queries/documents";
import { datasetPage, datasetPages, entityNames, PAGE_SIZE, unstoriedEntityIds } from "../../queries/export";
import { type FullInput, type IndexInput, INDEX_LIMIT, type Input, pick, type StoryPage } from "./llms.markdown";

/** Stories per page of llms-full.txt (a story comes with all its records, ~160 at real size: a page holds ~5,000). */
export const STORY_PAGE = 32;

/** `name(id)` over the names of these entities, in the answer's language (the id when unknown). */
async function namer(d1: D1Database, input: Input, ids: Iterable<string>) {
  const names = await entityNames(orm(d1), input.release.version, ids);
  return (id: string) => pick(names.get(id), input.lang) || id;
}

/**
 * llms.txt's records: the first INDEX_LIMIT documents of each kind it lists, in id order and the answer's
 * language, as the API serves them (one range read per kind). Only their texts and ids are printed, so their
 * links are left origin-relative.
 */
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

/** The entity ids a story page's records refer to (subjects, devices, owners, parties, participants, targets). */
function referredEntities(p: Omit<StoryPage, "name" | "cite">): Set<string> {
  const ids = new Set<string>();
  for (const e of p.entities) for (const r of e.relations) ids.add(r.target);
  for (const f of p.figures) {
    ids.add(f.subject);
    if (f.conditions.device) ids.add(f.conditions.device);
  }
  for (const b of p.budgets) ids.add(b.owner).add(b.applies_to);
  for (const x of p.partnerships) ids.add(x.parties[0]).add(x.parties[1]);
  for (const e of p.events) for (const id of e.participants) ids.add(id);
  return ids;
}

/** The source ids a story page's statements cite. */
function citedSources(p: Omit<StoryPage, "name" | "cite">): Set<string> {
  const ids = new Set<string>();
  const add = (list: string[] | undefined) => {
    for (const id of list ?? []) ids.add(id);
  };
  for (const x of [...p.records, ...p.figures, ...p.budgets, ...p.partnerships, ...p.events, ...p.facts])
    add(x.sources);
  for (const x of p.partnerships) for (const h of [...x.history, ...x.reasons]) add(h.sources);
  return ids;
}

export function fullInput(
  d1: D1Database,
  input: Input,
  sizes: { sources: number; stories: number } = { sources: PAGE_SIZE, stories: STORY_PAGE },
): FullInput {
  const db = orm(d1);
  const version = input.release.version;
  return {
    ...input,
    async *sources() {
      for await (const records of datasetPages(db, version, "sources", sizes.sources)) {
        yield {
          records,
          name: await namer(
            d1,
            input,
            records.map((s) => s.publisher),
          ),
        };
      }
    },
    async *stories() {
      for await (const records of datasetPages(db, version, "stories", sizes.stories)) {
        const sel = { stories: records.map((s) => s.id) };
        const [entities, figures, budgets, partnerships, events, facts] = await Promise.all([
          datasetPage(db, version, "entities", sel),
          datasetPage(db, version, "figures", sel),
          datasetPage(db, version, "budgets", sel),
          datasetPage(db, version, "partnerships", sel),
          datasetPage(db, version, "events", sel),
          datasetPage(db, version, "facts", sel),
        ]);
        const page = { records, entities, figures, budgets, partnerships, events, facts };
        const [name, docs] = await Promise.all([
          namer(d1, input, referredEntities(page)),
          documentsByIds(d1, version, input.lang, { source: [...citedSources(page)] }),
        ]);
        // The sources as composed at publish, in the answer's language.
        const cited = new Map(docs.map((d) => [d.id, JSON.parse(withOrigin(d.body, input.origin)) as SourceDoc]));
        const cite: StoryPage["cite"] = (statement, link, ids) =>
          citationOf(
            statement,
            link,
            [...new Set(ids)].flatMap((id) => cited.get(id) ?? []),
            input.lang,
          );
        yield { ...page, name, cite };
      }
    },
    async *orphans() {
      const ids = await unstoriedEntityIds(db, version);
      for (let i = 0; i < ids.length; i += sizes.sources) {
        const records: Dataset["entities"] = await datasetPage(db, version, "entities", {
          ids: ids.slice(i, i + sizes.sources),
        });
        yield {
          records,
          name: await namer(
            d1,
            input,
            records.flatMap((e) => e.relations.map((r) => r.target)),
          ),
        };
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
