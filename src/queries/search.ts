import { and, eq, type SQL, sql } from "drizzle-orm";
import { entities, events, facts, sources } from "../../schema";
import { type Db, inIds } from "./common";

import type { SearchKind } from "../domain";

export { SEARCH_KINDS, type SearchKind } from "../domain";

/** Rows read from the index before grouping per record: the bound on what one search reads. */
export const MAX_SEARCH_ROWS = 200;

export interface SearchRow {
  kind: SearchKind;
  id: string;
  lang: string;
  field: string;
  score: number;
  text: string;
}

/** Characters (code points), so "千問" is 2 and a 2-character CJK query takes the LIKE path. */
export const charLength = (s: string) => [...s].length;

/** `"…"`: the query as one FTS5 phrase, so quotes, `*`, `-`, `AND`, `NEAR(…)` and the like are plain text. */
export const ftsPhrase = (q: string) => `"${q.replaceAll('"', '""')}"`;

/** `%…%` for LIKE with `\` as escape character. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * Index rows matching `q`, best first, at most MAX_SEARCH_ROWS. Three characters or more: an FTS5 phrase
 * match over the trigram index, scored by bm25 times the field's weight. Fewer: LIKE over the same rows,
 * scored by the field's weight times the share of the text the query covers (an exact name wins).
 */
export async function searchRows(db: Db, release: string, q: string, kinds: readonly SearchKind[] | null) {
  const kindFilter: SQL = kinds ? sql` AND kind IN (SELECT value FROM json_each(${JSON.stringify(kinds)}))` : sql``;
  const query =
    charLength(q) >= 3
      ? sql`SELECT kind, record_id AS id, lang, field, text,
            -bm25(search) * CAST(weight AS REAL) AS score
          FROM search
          WHERE search MATCH ${ftsPhrase(q)} AND release = ${release}${kindFilter}
          ORDER BY score DESC, kind, record_id, lang, field
          LIMIT ${MAX_SEARCH_ROWS}`
      : sql`SELECT kind, record_id AS id, lang, field, text,
            CAST(weight AS REAL) * ${charLength(q)} / length(text) AS score
          FROM search
          WHERE release = ${release} AND text LIKE ${likePattern(q)} ESCAPE '\\'${kindFilter}
          ORDER BY score DESC, kind, record_id, lang, field
          LIMIT ${MAX_SEARCH_ROWS}`;
  return db.all<SearchRow>(query);
}

/** Display names and titles of the hit records, one query per kind present (at most four). */
export async function titlesOf(db: Db, release: string, ids: Record<SearchKind, string[]>) {
  const none = Promise.resolve([]);
  const [e, f, ev, s] = await Promise.all([
    ids.entity.length
      ? db
          .select({ id: entities.id, title: entities.name })
          .from(entities)
          .where(and(eq(entities.release, release), inIds(entities.id, ids.entity)))
      : none,
    ids.fact.length
      ? db
          .select({ id: facts.id, title: facts.text })
          .from(facts)
          .where(and(eq(facts.release, release), inIds(facts.id, ids.fact)))
      : none,
    ids.event.length
      ? db
          .select({ id: events.id, title: events.title })
          .from(events)
          .where(and(eq(events.release, release), inIds(events.id, ids.event)))
      : none,
    ids.source.length
      ? db
          .select({ id: sources.id, title: sources.title })
          .from(sources)
          .where(and(eq(sources.release, release), inIds(sources.id, ids.source)))
      : none,
  ]);
  const map = new Map<string, (typeof e)[number]["title"]>();
  for (const [kind, rows] of [
    ["entity", e],
    ["fact", f],
    ["event", ev],
    ["source", s],
  ] as const) {
    for (const r of rows) map.set(`${kind}/${r.id}`, r.title);
  }
  return map;
}
