/**
 * Reads of composed documents (see src/compose): a detail is one keyed read, a list page one range of the
 * documents (or, filtered, the chunks of its facet lists and then its documents by key), `include=` one keyed
 * read. Raw prepared D1 statements: no query builder on the hot path.
 *
 * What D1 counts as rows read (workerd's SQLite, measured in test/rows-read.test.ts): one per row a cursor lands
 * on (a seek that finds a row, each step of a range, a sorter's or an ephemeral table's steps, each row of a
 * virtual table such as json_each), none for a keyed seek that finds nothing, none for the step from an index to
 * its own table's row. So a join reads each row in each table; `IN (?, ?)` reads each value from an ephemeral
 * table and then its row (2 per row); `IN (SELECT value FROM json_each(?))` 3 per row; a VALUES list driving the
 * lookups (`WITH k(id) AS (VALUES (?), (?)) … CROSS JOIN`) only the rows found. A range that ends before its
 * LIMIT steps once onto the next row of the index, which counts: one row more than returned.
 *
 * Filtered pages, the trade-off: a record's filter values are many (a fact names several entities and
 * sources), so no index of `documents` can list a filter's records, and a second table costs a counted read per
 * row when joined (42 read for 21 returned). Storing each list item again beside each filter value would read it
 * once, but the real release has 706 (record, value) pairs for 4.4 MB of bodies: that copy is 4.5 MB more per
 * release, about twice the documents, at every size. Facet lists instead hold only ids, 256 to a row: a page
 * reads one or two of them (any number of entries, one row each) and then its documents by key, two queries,
 * at most 2 rows more than it returns, and publishing writes fewer rows than one per pair. Several facets
 * together are intersected here; when the matches are sparse (far apart in large lists), the next chunks are
 * read in another query, so such a page may take more than 2 queries, never more rows than its chunks.
 */
import type { DocKind, Refs } from "../compose";
import { ALL, FACET_CHUNK, REDIRECT } from "../compose";

export interface DocRow {
  id: string;
  lang: string;
  sort: string;
  body: string;
  detail: string | null;
  refs: string | null;
  extra: string | null;
}

/**
 * The columns a read returns: `item` what a JSON answer of the record or a list item sends (its body, and the
 * refs `include=` reads), with `detail` and `extra` null; `all` every column (a partnership's detail, a fact's
 * JSON-LD, a budget check's rendering). D1 hands every byte of a row back as JSON text, so `item` halves what a
 * fact's read moves.
 */
export type Columns = "item" | "all";
const COLUMNS: Record<Columns, (alias: string) => string> = {
  item: (a) => `${a}id, ${a}lang, ${a}sort, ${a}body, NULL AS detail, ${a}refs, NULL AS extra`,
  all: (a) => `${a}id, ${a}lang, ${a}sort, ${a}body, ${a}detail, ${a}refs, ${a}extra`,
};

/**
 * Columns whose `body` is the document cut to some of its top-level fields (a JSON object of them, built in
 * SQL from the stored JSON), for a reader that needs a few fields of many documents (the claim check's base):
 * D1 then hands back those bytes only. `fields` are names from the code, never from a request.
 */
export const fieldColumns = (fields: readonly string[]) => (a: string) => {
  for (const f of fields) if (!/^[a-z_]+$/.test(f)) throw new Error(`not a field name: ${f}`);
  const object = fields.map((f, i) => `'${i ? "," : ""}"${f}":' || coalesce(${a}body -> '$.${f}', 'null')`);
  return `${a}id, ${a}lang, ${a}sort, '{' || ${object.join(" || ")} || '}' AS body, NULL AS detail, NULL AS refs, NULL AS extra`;
};
/** What a read returns: a named set of columns, or a document cut to some fields (fieldColumns). */
type Selected = Columns | ((alias: string) => string);
const selected = (columns: Selected, alias: string) =>
  typeof columns === "function" ? columns(alias) : COLUMNS[columns](alias);
const GET_SQL = (columns: Columns) =>
  `SELECT ${COLUMNS[columns]("")} FROM documents WHERE release = ?1 AND kind = ?2 AND lang = ?3 AND id = ?4`;
const GET: Record<Columns, string> = { item: GET_SQL("item"), all: GET_SQL("all") };

/** The document of a record in `lang` (the `columns` asked), or null. One query. */
export async function getDocument(
  db: D1Database,
  release: string,
  kind: DocKind,
  id: string,
  lang: string,
  columns: Columns = "all",
) {
  return db.prepare(GET[columns]).bind(release, kind, lang, id).first<DocRow>();
}

/**
 * A record in `lang` by any of `keys` (its id first). The record itself is one keyed read; only when there is
 * none are the alias rows of `aliasKind` among the keys read (a second query, on the rare path of a redirect
 * or a 404). `aliases` maps each key to the ids it names.
 */
export async function resolveDocument(
  db: D1Database,
  release: string,
  kind: DocKind,
  keys: readonly string[],
  lang: string,
  aliasKind: DocKind = kind,
) {
  const unique = [...new Set(keys)];
  const aliases = new Map<string, string[]>();
  const doc = await getDocument(db, release, kind, unique[0] ?? "", lang);
  if (doc) return { doc, aliases };
  const { results } = await db
    .prepare(
      `SELECT id, body FROM documents WHERE release = ?1 AND kind = ?2 AND lang = '${REDIRECT}' AND id IN (SELECT value FROM json_each(?3))`,
    )
    .bind(release, aliasKind, JSON.stringify(unique))
    .all<{ id: string; body: string }>();
  for (const r of results) aliases.set(r.id, JSON.parse(r.body) as string[]);
  return { doc: null, aliases };
}

/**
 * A condition on a collection's sort key (an event's date), tested on the entries of the facet lists: `test`
 * decides; `from` is a sort key no match is below (where the read starts) and `to` one no match is above
 * (where it stops).
 */
export interface SortRange {
  test: (sort: string) => boolean;
  from?: string;
  to?: string;
}

export interface ListFilter {
  facets?: [facet: string, value: string][];
  /** Matched on the facet lists (a kind's `*` list when no facet is given; events have one). */
  where?: SortRange;
  cursor: (string | number)[] | null;
  limit: number;
  /** The columns read (default `all`). */
  columns?: Selected;
}

/** D1 binds at most 100 parameters a statement; lists longer than fit are written as SQL string literals. */
const MAX_PARAMS = 100;

/** A string as an SQL literal (quotes doubled): for ids read from the release itself, never for request input. */
const quoted = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * A page of documents of one kind in `lang`, in (sort, id) order after the cursor: `limit + 1` rows, so the
 * caller knows whether there is a next page.
 *
 * Without filters, one query: a range of the documents. With facets or a `where`, two: the chunks of the facet
 * lists holding the entries after the cursor (one or two per facet; a chunk is one row read whatever its
 * length), then the page's documents by key (`documentsOfPage`). Joining the facets to the documents in one
 * query would read every row of the page twice, once in each table; storing each list item beside each facet
 * value would read it once, but would store every document once more per value it is filtered by. Only when
 * several facets or a `where` leave fewer matches than a page in the chunks read are the next chunks read
 * (another query each time).
 */
export async function listDocuments(db: D1Database, release: string, kind: DocKind, lang: string, f: ListFilter) {
  const key = f.cursor ? (f.cursor.length === 2 ? f.cursor : [f.cursor[0], f.cursor[0]]) : null;
  if (!f.facets?.length && !f.where) {
    const after = key ? " AND (d.sort, d.id) > (?4, ?5)" : "";
    const sql = `SELECT ${selected(f.columns ?? "all", "d.")} FROM documents d WHERE d.release = ?1 AND d.kind = ?2 AND d.lang = ?3${after}
      ORDER BY d.sort, d.id LIMIT ${f.limit + 1}`;
    return (
      await db
        .prepare(sql)
        .bind(release, kind, lang, ...(key ?? []))
        .all<DocRow>()
    ).results;
  }
  const entries = await pageEntries(db, release, kind, f, key ? [String(key[0]), String(key[1])] : null);
  return documentsOfPage(db, release, kind, lang, entries.slice(0, f.limit + 1), f.columns ?? "all");
}

type Entry = [sort: string, id: string];

const after = (a: Entry, b: Entry) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** The entries of the page (up to `limit + 1`) through the facet lists: one query, more only when sparse. */
async function pageEntries(db: D1Database, release: string, kind: DocKind, f: ListFilter, cursor: Entry | null) {
  const lists = f.facets?.length ? f.facets : [[ALL, ALL] as [string, string]];
  const range = f.where;
  let from: Entry | null = cursor;
  if (range?.from !== undefined && (!from || after([range.from, ""], from))) from = [range.from, ""];
  const found: Entry[] = [];
  // Chunks read per list and round. A first page needs one: the first chunk holds a page (FACET_CHUNK ≥ 101)
  // or is the list's last. One facet after a cursor or through a date range reads two, which always hold the
  // page. Several facets read one each and go on from the nearest end only when the matches are sparse: with
  // LIMIT 1, D1 never steps past a list's end onto the next list's row.
  const chunks = lists.length === 1 && (cursor || range) ? 2 : 1;
  const sql = lists
    .map(
      (_, i) =>
        `SELECT ${i} AS list, entries FROM (SELECT last_sort, last_id, entries FROM facet_lists
          WHERE release = ?1 AND kind = ?2 AND facet = ?${5 + 2 * i} AND value = ?${6 + 2 * i} AND (last_sort, last_id) > (?3, ?4)
          ORDER BY last_sort, last_id LIMIT ${chunks})`,
    )
    .join(" UNION ALL ");
  const statement = db.prepare(sql);
  for (;;) {
    const { results } = await statement
      .bind(release, kind, from?.[0] ?? "", from?.[1] ?? "", ...lists.flat())
      .all<{ list: number; entries: string }>();
    // Each list's entries after `from`, and how far they are complete (the end of its last chunk read, unless
    // fewer chunks came than asked, or the last is short: then the list is read to its end).
    const read = lists.map(() => ({ entries: [] as Entry[], chunks: 0, done: false }));
    for (const r of results) {
      const list = read[r.list] as (typeof read)[number];
      list.chunks++;
      const chunk = JSON.parse(r.entries) as (string | Entry)[];
      list.done = chunk.length < FACET_CHUNK;
      for (const e of chunk) {
        const entry: Entry = typeof e === "string" ? [e, e] : e;
        if (!from || after(entry, from)) list.entries.push(entry);
      }
    }
    let horizon: Entry | null = null;
    for (const list of read) {
      const end = list.entries.at(-1);
      if (list.chunks === chunks && !list.done && end && (!horizon || after(horizon, end))) horizon = end;
    }
    const [first, ...others] = read as [(typeof read)[number], ...(typeof read)[number][]];
    const members = others.map((list) => new Set(list.entries.map((e) => e[1])));
    let stopped = false;
    for (const entry of first.entries) {
      if (horizon && after(entry, horizon)) break;
      if (range?.to !== undefined && entry[0] > range.to) {
        stopped = true;
        break;
      }
      if (members.every((m) => m.has(entry[1])) && (!range || range.test(entry[0]))) found.push(entry);
    }
    if (stopped || !horizon || found.length > f.limit || read.some((list) => list.chunks === 0)) return found;
    from = horizon;
  }
}

/**
 * The documents of a page's entries, in their order: one query, each document found by its key (its id in a
 * VALUES list driving the lookups, so D1 reads one row per document: an IN list or a json_each would read
 * each id once more).
 */
async function documentsOfPage(
  db: D1Database,
  release: string,
  kind: DocKind,
  lang: string,
  entries: Entry[],
  columns: Selected,
) {
  if (entries.length === 0) return [];
  const ids = entries.map((e) => e[1]);
  const bound = ids.length + 3 <= MAX_PARAMS;
  const values = ids.map((id, i) => `(${bound ? `?${i + 4}` : quoted(id)})`).join(", ");
  const { results } = await db
    .prepare(
      `WITH page(id) AS (VALUES ${values})
       SELECT ${selected(columns, "d.")} FROM page CROSS JOIN documents d ON d.release = ?1 AND d.kind = ?2 AND d.lang = ?3 AND d.id = page.id`,
    )
    .bind(release, kind, lang, ...(bound ? ids : []))
    .all<DocRow>();
  const byId = new Map(results.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Keys per keyed read. Past D1's 100 bound parameters the ids are SQL literals, and a statement must stay under
 * D1's 100 KB: 500 keys are about 30 KB.
 */
const READ_CHUNK = 500;

/**
 * Documents of several kinds by id, in `lang`, ordered by kind then id, one row read per document: one query per
 * READ_CHUNK of them (one query for any page or `include=`; more for a whole story in llms-full.txt, or a claim
 * matching thousands of records).
 */
export async function documentsByIds(
  db: D1Database,
  release: string,
  lang: string,
  ids: Partial<Record<DocKind, string[]>>,
) {
  const pairs = (Object.entries(ids) as [DocKind, string[] | undefined][])
    .flatMap(([kind, list]) => [...new Set(list ?? [])].map((id) => [kind, id] as Entry))
    .sort((a, b) => (after(a, b) ? 1 : after(b, a) ? -1 : 0));
  const out: (DocRow & { kind: string })[] = [];
  for (let i = 0; i < pairs.length; i += READ_CHUNK) {
    out.push(...(await documentsOfPairs(db, release, lang, pairs.slice(i, i + READ_CHUNK))));
  }
  return out;
}

/** The documents of (kind, id) pairs in their order: one query. */
async function documentsOfPairs(db: D1Database, release: string, lang: string, pairs: Entry[]) {
  // The kinds are the app's own words; the ids are bound, or, past D1's parameter limit, quoted.
  const bound = pairs.length + 2 <= MAX_PARAMS;
  const values = pairs.map(([kind, id], i) => `(${quoted(kind)}, ${bound ? `?${i + 3}` : quoted(id)})`).join(", ");
  const { results } = await db
    .prepare(
      `WITH wanted(kind, id) AS (VALUES ${values})
       SELECT d.kind, ${COLUMNS.all("d.")} FROM wanted CROSS JOIN documents d
        ON d.release = ?1 AND d.kind = wanted.kind AND d.lang = ?2 AND d.id = wanted.id`,
    )
    .bind(release, lang, ...(bound ? pairs.map((p) => p[1]) : []))
    .all<DocRow & { kind: string }>();
  const byKey = new Map(results.map((r) => [`${r.kind}\u0000${r.id}`, r]));
  return pairs.flatMap(([kind, id]) => byKey.get(`${kind}\u0000${id}`) ?? []);
}

/** How many ids on each side of a missing id are read for 404 suggestions (so a 404 reads at most 2×this rows). */
export const NEIGHBOURS = 16;

/**
 * The ids of a kind next to `id` in id order, on both sides: the candidates for a 404's suggestions (typos,
 * a prefix, a missing suffix land next to the id they miss). One query of two bounded ranges of the primary
 * key: at most 2 × NEIGHBOURS rows read, whatever the size of the release.
 */
export async function neighbourIds(db: D1Database, release: string, kind: DocKind, id: string, each = NEIGHBOURS) {
  const { results } = await db
    .prepare(
      `SELECT id FROM (SELECT id FROM documents WHERE release = ?1 AND kind = ?2 AND lang = 'en' AND id >= ?3 ORDER BY id LIMIT ?4)
       UNION ALL
       SELECT id FROM (SELECT id FROM documents WHERE release = ?1 AND kind = ?2 AND lang = 'en' AND id < ?3 ORDER BY id DESC LIMIT ?4)`,
    )
    .bind(release, kind, id, each)
    .all<{ id: string }>();
  return results.map((r) => r.id).sort();
}

/** Whether a record of a kind has this id: one keyed read. */
export async function hasDocument(db: D1Database, release: string, kind: DocKind, id: string) {
  const row = await db
    .prepare("SELECT 1 AS found FROM documents WHERE release = ?1 AND kind = ?2 AND lang = 'en' AND id = ?3")
    .bind(release, kind, id)
    .first<{ found: number }>();
  return row !== null;
}

/** Every id of a kind, ordered: one query (the fact of the day), cached by the app per release. */
export async function documentIds(db: D1Database, release: string, kind: DocKind) {
  const { results } = await db
    .prepare("SELECT id FROM documents WHERE release = ?1 AND kind = ?2 AND lang = 'en' ORDER BY id")
    .bind(release, kind)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * The JSON a record's own URL answers: its detail where it has one (a partnership: its body with `events`
 * spliced in as the last member, the bytes JSON.stringify makes of the detail), else its body.
 */
export function detailOf(row: Pick<DocRow, "body" | "detail">): string {
  if (row.detail === null) return row.body;
  // A release before LOADER_VERSION 10 stored the whole detail.
  if (row.detail.startsWith("{")) return row.detail;
  return `${row.body.slice(0, -1)},"events":${row.detail}}`;
}

/** Union of the refs of documents, by included kind. */
export function unionRefs(rows: { refs: string | null }[], asked: ReadonlySet<string>): Refs {
  const out: Record<string, Set<string>> = {};
  for (const r of rows) {
    if (!r.refs) continue;
    for (const [k, list] of Object.entries(JSON.parse(r.refs) as Refs)) {
      if (!asked.has(k)) continue;
      out[k] ??= new Set();
      for (const id of list ?? []) out[k].add(id);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}

/**
 * The ids every list of `facet` holds for any of `values`, by kind (each list whole, in its (sort, id) order,
 * lists after one another in `values` order): one query, one row read per chunk. For reading records by group
 * (llms-full.txt: a page of stories, every record of theirs), not for pages of a collection.
 */
export async function facetMembers(
  db: D1Database,
  release: string,
  kinds: readonly DocKind[],
  facet: string,
  values: readonly string[],
): Promise<Map<DocKind, string[]>> {
  const out = new Map<DocKind, string[]>(kinds.map((k) => [k, []]));
  if (kinds.length === 0 || values.length === 0) return out;
  const { results } = await db
    .prepare(
      `WITH k(kind) AS (SELECT value FROM json_each(?3)), v(n, value) AS (SELECT key, value FROM json_each(?4))
       SELECT f.kind, f.entries FROM k CROSS JOIN v CROSS JOIN facet_lists f
        ON f.release = ?1 AND f.kind = k.kind AND f.facet = ?2 AND f.value = v.value
       ORDER BY v.n, f.last_sort, f.last_id`,
    )
    .bind(release, facet, JSON.stringify(kinds), JSON.stringify(values))
    .all<{ kind: DocKind; entries: string }>();
  for (const r of results) {
    const ids = out.get(r.kind);
    for (const e of JSON.parse(r.entries) as (string | Entry)[]) ids?.push(typeof e === "string" ? e : e[1]);
  }
  return out;
}
