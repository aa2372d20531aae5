/**
 * Search: one FTS5 query over `search_index` (composed at publish, see src/compose/search.ts), answering the
 * page's hits with their titles, texts and the number of matches. No other table is read.
 *
 * Why the reads are bounded. D1 counts as rows read the rows a statement's own program steps over; for an
 * FTS5 table that is each row the virtual table hands back, not the index pages FTS5 reads inside (measured:
 * 30,000 rows, 10,000 matching, `ORDER BY rank LIMIT 10` reads 9 rows; `ORDER BY bm25(t) LIMIT 10` reads
 * 20,000, since every match is handed back to be scored and sorted outside). So:
 * - everything that selects is inside FTS5: the release is the rowid range of its rows (releaseRowids, given
 *   as literals, which FTS5 applies while it walks its index and while it ranks, so no row of another release
 *   is handed back), the kinds of `type=` a `{kind}` clause of the MATCH expression;
 * - the order is FTS5's own `rank` (bm25 with this module's column weights, `rank MATCH 'bm25(…)'`) and
 *   `ORDER BY rank LIMIT n`: FTS5 scores and sorts inside and hands back the first n rows only;
 * - the total is counted by a scalar subquery over the same MATCH and range, up to MAX_COUNTED + 1 rows.
 * A search is one query and reads at most `limit + MAX_COUNTED + 1` rows, whatever the size of the release:
 * at the real size the count is exact; when more than MAX_COUNTED records match, `total` is MAX_COUNTED and
 * `total_exact` is false (a client refines `q` rather than paging through thousands of hits). FTS5's own work
 * (reading doclists, bm25 for each match) still grows with the number of matches; it is not billed as rows.
 *
 * Query semantics: `q` is split on whitespace; a record matches when it holds every term (in any order, in
 * any of its fields and languages), each term as a plain substring, case-insensitive: a term of 3+
 * characters through the trigram index of the field columns, a term of 1–2 characters through the short-term
 * tokens (see src/compose/search.ts). Every term is quoted as an FTS5 string, so no query syntax (`OR`, `*`,
 * `NEAR(…)`, `-`, `"`) is interpreted. A query equal to a name or alias of an entity gets that name's boost.
 */
import {
  exactToken,
  FIELD_WEIGHTS,
  SEARCH_FIELDS,
  type SearchKind,
  releaseRowids,
  shortToken,
} from "../compose/search";

export type { SearchKind };

import { MAX_COUNTED } from "../compose/search";

export { MAX_COUNTED };

/** Boost of a query equal to a whole name or alias (the `exact` column). */
const EXACT_WEIGHT = 20;

/**
 * bm25 weights in table order: kind (a filter), the fields, exact, name_short (short terms in names, weighted as
 * names), short (short terms elsewhere, weighted as quotes); the unindexed columns never match.
 */
export const RANK = `bm25(0, ${SEARCH_FIELDS.map((f) => FIELD_WEIGHTS[f]).join(", ")}, ${EXACT_WEIGHT}, ${FIELD_WEIGHTS.name}, ${FIELD_WEIGHTS.quote})`;

/** Characters (code points), so "千問" is 2 and takes the short-term path. */
export const charLength = (s: string) => [...s].length;

/** `"…"`: text as one FTS5 string, so quotes, `*`, `-`, `AND`, `NEAR(…)` and the like are plain text. */
export const ftsString = (text: string) => `"${text.replaceAll('"', '""')}"`;

const FIELD_COLUMNS = `{${SEARCH_FIELDS.join(" ")}}`;

/** The FTS5 condition for one folded term: a substring of some field, whatever its length. */
export function termMatch(term: string) {
  return charLength(term) >= 3
    ? `${FIELD_COLUMNS} : ${ftsString(term)}`
    : `{name_short short} : ${ftsString(shortToken(term))}`;
}

/**
 * The MATCH expressions of a search: `count` selects the records holding every term (of the kinds asked);
 * `ranked` is the same with the first term's clause made `(exact OR first term)`: true of the same records
 * (a name equal to the query holds its first term), so it only adds the exact name's boost to their score.
 */
export function matchExpressions(terms: readonly string[], kinds: readonly SearchKind[] | null) {
  const [first = "", ...rest] = terms.map(termMatch);
  const kind = kinds ? [`{kind} : (${kinds.map(ftsString).join(" OR ")})`] : [];
  const exact = `{exact} : ${ftsString(exactToken(terms.join(" ")))}`;
  return {
    count: [...kind, first, ...rest].map((c) => `(${c})`).join(" AND "),
    ranked: [...kind, `${exact} OR ${first}`, ...rest].map((c) => `(${c})`).join(" AND "),
  };
}

export interface SearchHitRow {
  kind: SearchKind;
  id: string;
  /** JSON Localized: the record's title. */
  titles: string;
  /** JSON SearchPart[]: every searchable text with its field and language. */
  parts: string;
  /** -bm25: higher is better. */
  score: number;
  /** Matching records, up to MAX_COUNTED + 1. */
  total: number;
}

/**
 * The query of a search in `release`: ?1 count match, ?2 ranked match, ?3 rank, ?4 limit, ?5 release. The
 * rowid range is written as literals (integers computed here, never client text): FTS5 only narrows its walk
 * to a range it is given as constants (measured: bound as parameters, it hands back every match of the other
 * releases; as literals, only the release's).
 */
export function searchSql(release: string) {
  const [first, last] = releaseRowids(release);
  const range = `rowid >= ${first} AND rowid <= ${last}`;
  return `SELECT kind, id, titles, parts, -rank AS score,
    (SELECT count(*) FROM (SELECT 1 FROM search_index
      WHERE search_index MATCH ?1 AND ${range} LIMIT ${MAX_COUNTED + 1})) AS total
  FROM search_index
  WHERE search_index MATCH ?2 AND rank MATCH ?3 AND ${range} AND release = ?5
  ORDER BY rank
  LIMIT ?4`;
}

/** The best `limit` hits of the folded `terms` in `release`, with the (bounded) number of matching records. */
export async function searchIndex(
  db: D1Database,
  release: string,
  terms: readonly string[],
  kinds: readonly SearchKind[] | null,
  limit: number,
) {
  const { count, ranked } = matchExpressions(terms, kinds);
  const { results } = await db
    .prepare(searchSql(release))
    .bind(count, ranked, RANK, limit, release)
    .all<SearchHitRow>();
  return results;
}
