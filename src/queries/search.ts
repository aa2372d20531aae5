/**
 * Search: one query over `search_index` (composed at publish, see src/compose/search.ts), answering the page's
 * hits with their titles, texts and the number of matches. Besides the index it reads one row of the
 * `entity_names` index at most (whether `q` is a whole name, below).
 *
 * Why the reads are bounded. D1 counts as rows read the rows a statement's own program steps over; for an
 * FTS5 table that is each row the virtual table hands back, not the index pages FTS5 reads inside (measured:
 * 30,000 rows, 10,000 matching, `ORDER BY rank LIMIT 10` reads 9 rows; `ORDER BY bm25(t) LIMIT 10` reads
 * 20,000, since every match is handed back to be scored and sorted outside). So everything that selects is
 * inside FTS5: the release is the rowid range of its rows (releaseRowids, given as literals, which FTS5
 * applies while it walks its index, so no row of another release is handed back), the kinds of `type=` a
 * `{kind}` clause of the MATCH expression.
 *
 * Why the work is bounded too. FTS5's own work is not billed as rows but it is time, and two of its costs grow
 * with the number of matches: `ORDER BY rank` scores (bm25) and sorts every match before it hands back the
 * first, and bm25 itself, for its IDF, counts the rows of the whole table holding each phrase of the query
 * (measured at 1,000× data: 60 ms for `Apple Alibaba` even when only 10 matches are scored). Walking the
 * matches in FTS5's native order (rowid) with a LIMIT stops early. So a search takes one of two paths, chosen
 * inside the statement by counting each term's matches in the release up to BM25_MAX + 1 (`widest`):
 * - **bm25** (every term matches at most BM25_MAX records of the release: the real dataset, any query): the
 *   order is FTS5's own `rank` (bm25 with this module's column weights, `rank MATCH 'bm25(…)'`) and
 *   `ORDER BY rank LIMIT n`; each phrase's IDF counts at most BM25_MAX rows per kept release. `type=` is
 *   checked beside the MATCH rather than in it (a `{kind}` phrase would make bm25 count every row of that
 *   kind; its weight is 0, so the scores are the same).
 * - **sample** (some term matches more): the first SAMPLE matches (or `limit`, if more) in rowid order, which is
 *   the importance order publishing gives the rows (entities, then facts, events, sources, each in curated
 *   order: see composeSearchIndex), plus the records named exactly `q` wherever they are, ranked by `sampleScore` below
 *   (computed in SQL from their texts, no IDF): an exact name first, then the best of the sample. A record
 *   past the sample that would score higher is not considered: with thousands of matches, a client refines
 *   `q` or `type`.
 * The total is counted by a scalar subquery over the same MATCH and range, up to MAX_COUNTED + 1 rows: at the
 * real size it is exact; when more than MAX_COUNTED records match, `total` is MAX_COUNTED and `total_exact` is
 * false. A search is one query; whatever the size of the release, it reads at most `terms × (BM25_MAX + 1) +
 * MAX_COUNTED + 1 + (terms + 6) × (max(SAMPLE, limit) + limit)` rows (D1 also counts the sample's rows each
 * time the statement steps over them as it scores them), and FTS5 walks no further than those rows (besides the
 * seeks of its leapfrog joins).
 *
 * sampleScore, bm25's shape without IDF: for each term t, w(t) = Σ over the fields holding t (lower case, as a
 * substring) of the field's weight; score = Σ_t (k1 + 1)·w(t) / (w(t) + k1·(1 − b + b·len / avglen)), len the
 * characters of the record's texts, avglen their mean over the sample, k1 = 1.2, b = 0.75; plus (k1 + 1) × terms
 * for a record named exactly `q` (more than any other record can score). Ties in rowid order. A field counts
 * once however often it holds t (as in BM25F, where a field's weight already outweighs repetition): counting
 * occurrences (`replace` per term and field) was a quarter of a search's time at 1,000× data, and the texts are
 * short.
 *
 * Measured at 1,000× data in workerd (the statement alone, median of 11 runs of 30, against the real size in the
 * same runs), the sample of 50 and the count up to 1,000 made `Qwen` 1.8× and `Apple Alibaba` 2.4× their
 * real-size time; this sample of 20, presence and the count up to 500 make them 1.4× both.
 *
 * Query semantics: `q` is split on whitespace; a record matches when it holds every term (in any order, in
 * any of its fields and languages), case-insensitive, each term as a plain substring, except that a term of
 * 1–2 characters with a letter or digit and no CJK character (`AI`, `5G`) matches whole words only (holdsTerm
 * in src/compose/search.ts): a term of 3+ characters through the trigram index of the field columns, a term of
 * 1–2 characters through the short-term tokens. Every term is quoted as an FTS5 string, so no query syntax
 * (`OR`, `*`, `NEAR(…)`, `-`, `"`) is interpreted. A query equal to a name or alias of an entity gets that
 * name's boost.
 */
import {
  exactToken,
  FIELD_WEIGHTS,
  SEARCH_FIELDS,
  type SearchKind,
  releaseRowids,
  shortToken,
} from "../compose/search";
import { normalizeName } from "../domain";

export type { SearchKind };

import { MAX_COUNTED } from "../compose/search";

export { MAX_COUNTED };

/** A term matching more records of the release than this makes the search rank a sample (module header). */
export const BM25_MAX = 200;
/** How many matches, first in rowid (importance) order, a search over more than BM25_MAX ranks. */
export const SAMPLE = 20;

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
 * `ranked` is the same for every kind with the first term's clause made `(exact OR first term)`: true of the
 * same records (a name equal to the query holds its first term), so it only adds the exact name's boost to
 * their score; `exact` selects the records of the kinds asked named exactly the query; `terms` each term alone.
 */
export function matchExpressions(terms: readonly string[], kinds: readonly SearchKind[] | null) {
  const clauses = terms.map(termMatch);
  const [first = "", ...rest] = clauses;
  const kind = kinds ? [`{kind} : (${kinds.map(ftsString).join(" OR ")})`] : [];
  const exact = `{exact} : ${ftsString(exactToken(terms.join(" ")))}`;
  const and = (cs: string[]) => cs.map((c) => `(${c})`).join(" AND ");
  return {
    count: and([...kind, first, ...rest]),
    ranked: and([`${exact} OR ${first}`, ...rest]),
    exact: and([...kind, exact]),
    terms: clauses,
  };
}

export interface SearchHitRow {
  kind: SearchKind;
  id: string;
  /** JSON Localized: the record's title. */
  titles: string;
  /** JSON SearchPart[]: every searchable text with its field and language. */
  parts: string;
  /** Higher is better: -bm25, or sampleScore (module header). */
  score: number;
  /** Matching records, up to MAX_COUNTED + 1. */
  total: number;
  /** 1 when the hits are the best of a sample (some term matches more than BM25_MAX records), else 0. */
  sampled: number;
}

/** The parameters of searchSql, in order (?1…?11). */
export function searchParams(
  release: string,
  terms: readonly string[],
  kinds: readonly SearchKind[] | null,
  limit: number,
) {
  const { count, ranked, exact, terms: clauses } = matchExpressions(terms, kinds);
  const phrase = terms.join(" ");
  return [
    count,
    ranked,
    RANK,
    limit,
    release,
    exact,
    JSON.stringify(clauses),
    JSON.stringify(terms),
    exactToken(phrase),
    kinds ? `,${kinds.join(",")},` : null,
    normalizeName(phrase),
  ];
}

/** A MATCH expression no row matches (a trigram of a control character no text holds): a path not taken. */
const NOTHING = `'"' || char(3, 3, 3) || '"'`;
const K1 = 1.2;
const B = 0.75;
const SAMPLE_COLUMNS = `rowid AS r, kind, id, titles, parts, release, exact, ${SEARCH_FIELDS.join(", ")}`;
/** Whether the lower-cased field `l_<field>` holds the term `t.value`: 1 or 0. */
const holds = (f: string) => `(instr(l_${f}, t.value) > 0)`;
const WEIGHTED = SEARCH_FIELDS.map((f) => `${FIELD_WEIGHTS[f]} * ${holds(f)}`).join(" + ");
const LENGTH = SEARCH_FIELDS.map((f) => `length(${f})`).join(" + ");

/**
 * The query of a search in `release`, with searchParams: ?1 count match, ?2 ranked match, ?3 rank, ?4 limit,
 * ?5 release, ?6 exact match, ?7 each term's match (JSON), ?8 the terms (JSON), ?9 the exact token, ?10 the
 * kinds (`,entity,fact,`, or null for all), ?11 the query as entity_names.norm holds names. The rowid range is
 * written as literals (integers computed here, never client text): FTS5 only narrows its walk to a range it
 * is given as constants (measured: bound as parameters, it hands back every match of the other releases; as
 * literals, only the release's). Each path's MATCH is NOTHING unless `widest` chose it, so FTS5 does no work
 * for the other.
 */
export function searchSql(release: string) {
  const [first, last] = releaseRowids(release);
  const range = `rowid >= ${first} AND rowid <= ${last}`;
  const sampled = `(SELECT n FROM widest) > ${BM25_MAX}`;
  return `WITH
  widest AS (SELECT max(n) AS n FROM (SELECT (SELECT count(*) FROM (SELECT 1 FROM search_index
      WHERE search_index MATCH t.value AND ${range} LIMIT ${BM25_MAX + 1})) AS n FROM json_each(?7) AS t)),
  ranked AS (SELECT kind, id, titles, parts, -rank AS score FROM search_index
    WHERE search_index MATCH iif(${sampled}, ${NOTHING}, ?2) AND rank MATCH ?3 AND ${range}
      AND release = ?5 AND (?10 IS NULL OR instr(?10, ',' || kind || ',') > 0)
    ORDER BY rank LIMIT ?4),
  firsts AS (SELECT ${SAMPLE_COLUMNS} FROM search_index
    WHERE search_index MATCH iif(${sampled}, ?1, ${NOTHING}) AND ${range} LIMIT max(${SAMPLE}, ?4)),
  candidates AS (SELECT * FROM firsts UNION ALL SELECT * FROM (SELECT ${SAMPLE_COLUMNS} FROM search_index
    WHERE search_index MATCH iif(${sampled} AND EXISTS (SELECT 1 FROM entity_names WHERE release = ?5 AND norm = ?11), ?6, ${NOTHING})
      AND rowid > (SELECT max(r) FROM firsts) AND rowid <= ${last} LIMIT ?4)),
  measured AS (SELECT r, kind, id, titles, parts, ${SEARCH_FIELDS.map((f) => `lower(${f}) AS l_${f}`).join(", ")},
      instr(exact, ?9) > 0 AS exact_hit, ${LENGTH} AS len, avg(${LENGTH}) OVER () AS avglen
    FROM candidates WHERE release = ?5),
  scored AS (SELECT kind, id, titles, parts,
      exact_hit * ${K1 + 1} * json_array_length(?8) + (SELECT sum(w * ${K1 + 1} / (w + ${K1} * (${1 - B} + ${B} * len / avglen)))
        FROM (SELECT ${WEIGHTED} AS w FROM json_each(?8) AS t)) AS score
    FROM measured ORDER BY score DESC, r LIMIT ?4)
SELECT kind, id, titles, parts, score, sampled,
  (SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ?1 AND ${range} LIMIT ${MAX_COUNTED + 1})) AS total
FROM (SELECT *, 0 AS sampled FROM ranked UNION ALL SELECT *, 1 AS sampled FROM scored)`;
}

/** The best `limit` hits of the folded `terms` in `release`, with the (bounded) number of matching records. */
export async function searchIndex(
  db: D1Database,
  release: string,
  terms: readonly string[],
  kinds: readonly SearchKind[] | null,
  limit: number,
) {
  const { results } = await db
    .prepare(searchSql(release))
    .bind(...searchParams(release, terms, kinds, limit))
    .all<SearchHitRow>();
  return results;
}

/** The most facts a claim's lookup hands to the check (in importance order): a bound on its work at any size. */
export const FACT_CANDIDATES = 200;

/**
 * The ids of the facts of `release` holding every term as a substring (case aside) of one of their fields, in
 * rowid (importance) order, at most FACT_CANDIDATES: the claim check's candidates (src/claims/check.ts
 * `factLookup`), which it then compares exactly. One FTS5 query within the release's rowid range.
 */
export async function factCandidates(db: D1Database, release: string, terms: readonly string[]) {
  const [first, last] = releaseRowids(release);
  const match = [`{kind} : ${ftsString("fact")}`, ...terms.map(termMatch)].map((c) => `(${c})`).join(" AND ");
  const { results } = await db
    .prepare(
      `SELECT id FROM search_index WHERE search_index MATCH ?1 AND rowid >= ${first} AND rowid <= ${last}
        AND release = ?2 AND kind = 'fact' LIMIT ${FACT_CANDIDATES}`,
    )
    .bind(match, release)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}
