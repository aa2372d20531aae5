/**
 * Turns a validated dataset into a release: a content-hash version, per-record hashes, counts, and the SQL
 * that loads it into D1 beside the serving release and then makes it current in one UPDATE.
 *
 * Why this is atomic whatever runs the SQL (wrangler's --file, D1 batches, one statement at a time): readers
 * only see the published release with the highest `seq`. Every row of the new release is written under its
 * own version while it is `loading`; only the final UPDATE publishes it. A load that stops part-way leaves
 * a `loading` release nobody reads, and the next attempt clears it first. Loading the current release again
 * is refused before anything is written (see publish.ts), so it changes nothing.
 */
import type { Dataset, Localized } from "./schema";
import { DATASET_KINDS, normalizeName, RECORD_KIND } from "./schema";
import { releaseTables } from "../../schema";
import { composeRelease } from "../compose";
import { citationLists } from "../compose/rows";
import { composeSearchIndex, releaseRowids, SEARCH_INDEX_COLUMNS } from "../compose/search";
import { HANT_CONVERTER, withHant } from "./hant";

/**
 * Bump when the SQL a release loads changes: a migration adds a column the loader fills, or a composer
 * (src/compose) writes different documents for the same data. The version is hashed into the release, so the
 * same data published by a newer loader is a new release and is loaded again (otherwise `db:seed` would keep
 * serving documents the old composers wrote). 7: pinned citations, the story facet, CJK colons and dashes.
 * 8: facet lists (migration 0007) instead of facet rows. 9: each kind's records listed by story (and the
 * entities of none), which llms-full.txt reads. 10: a fact's JSON-LD is built when served (no `extra`), a
 * partnership's detail stores only its events, and a permalink page stores only what the record documents do
 * not hold (src/compose/pages.ts); releases loaded before keep their whole pages, details and stored JSON-LD,
 * which the readers serve as they are. 11: the search index's short-term columns hold a short term of the spaced
 * scripts only where it is a whole word (src/compose/search.ts).
 */
export const LOADER_VERSION = 11;

export interface ReleaseRecord {
  kind: string;
  id: string;
  hash: string;
}

export interface BuiltRelease {
  version: string;
  contentHash: string;
  counts: Record<string, number>;
  records: ReleaseRecord[];
}

/** JSON with object keys sorted, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Records hashed at once. WebCrypto's digest is asynchronous: awaited one by one, each waits its own turn (about
 * 75 µs in Node, 1.5 s of every 100× publish); 64 in flight take a quarter of that, with a bounded number pending.
 */
const HASHED_AT_ONCE = 64;

export async function buildRelease(dataset: Dataset): Promise<BuiltRelease> {
  const records: ReleaseRecord[] = [];
  const counts: Record<string, number> = {};
  for (const kind of DATASET_KINDS) {
    const list = dataset[kind] as { id: string }[];
    counts[kind] = list.length;
    for (let i = 0; i < list.length; i += HASHED_AT_ONCE) {
      const chunk = list.slice(i, i + HASHED_AT_ONCE);
      const hashes = await Promise.all(chunk.map((record) => sha256Hex(canonicalJson(record))));
      chunk.forEach((record, j) => {
        records.push({ kind: RECORD_KIND[kind], id: record.id, hash: (hashes[j] as string).slice(0, 16) });
      });
    }
  }
  counts.relations = dataset.entities.reduce((n, e) => n + e.relations.length, 0);
  records.sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : 1));
  // The loader's version is hashed too: a release loaded by an older loader (e.g. before a migration added a
  // column it fills) is a different release and is loaded again. So is the converter that derives zh-Hant.
  const contentHash = await sha256Hex(
    [
      `loader/${LOADER_VERSION}`,
      `zh-Hant/${HANT_CONVERTER}`,
      ...records.map((r) => `${r.kind}/${r.id}/${r.hash}`),
    ].join("\n"),
  );
  return { version: contentHash.slice(0, 12), contentHash, counts, records };
}

// ---------------------------------------------------------------------------------------------------------
// SQL

type SqlValue = string | number | boolean | null | undefined | Localized | Record<string, unknown>;

export function literal(value: SqlValue): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value}`);
    return String(value);
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

/** Bytes per statement, well under D1's 100 KB limit. */
const MAX_STATEMENT = 60_000;
/** D1's limit on the length of one SQL statement, in bytes. */
const D1_STATEMENT_LIMIT = 100_000;
/** Columns that name a row's record, for an error about the row. */
const NAMING = new Set(["kind", "record_kind", "id", "record_id", "lang"]);
/** UTF-8 bytes of a (well-formed) string, counted without encoding it (no copy of each row). */
function bytes(text: string) {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes below U+0800, 4 for a surrogate pair (2 code units, 2 each), else 3.
    if (c >= 0x80) n += c < 0x800 || (c & 0xf800) === 0xd800 ? 1 : 2;
  }
  return n;
}

/** A row that alone would make a statement over D1's limit: publishing refuses it before anything is sent. */
export class OversizedRowError extends Error {}

/**
 * A multi-row INSERT filled one row at a time: `add` hands back the finished statement when the next row would
 * take it over D1's statement size limit, `end` the last one. Rows are written as they come, never held. A row
 * that alone would make a statement over D1's limit is refused with an error naming its record (D1 would refuse
 * the statement, and say less).
 */
class Inserts {
  private readonly head: string;
  private readonly headSize: number;
  private values: string[] = [];
  private size: number;
  constructor(
    private readonly table: string,
    private readonly columns: string[],
  ) {
    this.head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES `;
    this.headSize = bytes(this.head);
    this.size = this.headSize;
  }
  add(row: SqlValue[]): string | undefined {
    const tuple = `(${row.map(literal).join(", ")})`;
    const tupleSize = bytes(tuple);
    if (this.headSize + tupleSize > D1_STATEMENT_LIMIT) {
      // R() puts the release first: the other columns line up with `columns` from the end.
      const values = row.slice(row.length - this.columns.length);
      const named = this.columns.flatMap((c, i) => (NAMING.has(c) ? [`${c} ${String(values[i])}`] : []));
      throw new OversizedRowError(
        `${this.table}: the row of ${named.join(", ")} takes ${tupleSize} bytes of SQL, over D1's ${D1_STATEMENT_LIMIT}-byte limit on a statement; shorten its texts`,
      );
    }
    const full = this.values.length > 0 && this.size + tupleSize > MAX_STATEMENT ? this.end() : undefined;
    this.values.push(tuple);
    this.size += tupleSize + 2;
    return full;
  }
  end(): string | undefined {
    if (this.values.length === 0) return undefined;
    const statement = this.head + this.values.join(",\n");
    this.values = [];
    this.size = this.headSize;
    return statement;
  }
}

/** Multi-row INSERTs of `rows`, each under D1's statement size limit, as the rows come. */
function* insert(table: string, columns: string[], rows: Iterable<SqlValue[]>): Generator<string> {
  const inserts = new Inserts(table, columns);
  for (const row of rows) {
    const full = inserts.add(row);
    if (full) yield full;
  }
  const last = inserts.end();
  if (last) yield last;
}

const DOCUMENT_COLUMNS = ["release", "kind", "id", "lang", "sort", "body", "detail", "refs", "extra"];

/** `list.flatMap(f)`, lazily. */
function* each<T>(list: Iterable<T>, f: (x: T) => Iterable<SqlValue[]>): Generator<SqlValue[]> {
  for (const x of list) yield* f(x);
}

export const CURRENT_RELEASE_SQL = "SELECT version FROM releases WHERE status = 'published' ORDER BY seq DESC LIMIT 1";

/** Precision of a partial date from its form. */
export const precisionOf = (date: string) => (date.length === 4 ? "year" : date.length === 7 ? "month" : "day");

export { normalizeName };

/**
 * The statements that load `dataset` as release `release.version` and publish it, in order, made as they are
 * consumed: the records are composed one at a time and each statement is handed over once full, so publishing
 * holds the dataset and one statement, not the release's SQL (at 1,000× data that is gigabytes). `keep`: how many
 * published releases keep their records (pinned URLs serve them); default all of them.
 */
export function* releaseStatements(
  dataset: Dataset,
  release: BuiltRelease,
  now: string,
  keep?: number,
): Generator<string> {
  const v = release.version;
  const current = `(${CURRENT_RELEASE_SQL})`;
  const R = (...row: SqlValue[]) => [v, ...row];

  // 1. Clear what an earlier, unfinished (or superseded) load of this version left behind.
  const notCurrent = `${literal(v)} IS NOT ${current}`;
  for (const table of [...releaseTables].reverse()) {
    yield `DELETE FROM ${table} WHERE release = ${literal(v)} AND ${notCurrent}`;
  }
  yield `DELETE FROM release_records WHERE release = ${literal(v)} AND ${notCurrent}`;
  yield `DELETE FROM release_changes WHERE release = ${literal(v)} AND ${notCurrent}`;
  yield `DELETE FROM releases WHERE version = ${literal(v)} AND ${notCurrent}`;

  // 2. The release row, invisible while loading.
  yield* insert(
    "releases",
    ["version", "seq", "status", "content_hash", "created_at", "counts"],
    [[v, null, "loading", release.contentHash, now, release.counts]],
  );

  // 3. The records.
  // Every text as served: Traditional Chinese derived from the Simplified text (the tables, the search index and
  // the composed documents all hold it; the export drops it again, since data/ never holds it).
  const d = withHant(dataset);
  const dated = (x: { date: string; certainty: string; phrase?: string }) => [
    x.date,
    precisionOf(x.date),
    x.certainty,
    x.phrase,
  ];
  yield* insert(
    "stories",
    ["release", "id", "headline", "summary", "date", "date_precision", "date_certainty", "date_phrase"],
    d.stories.map((r) => R(r.id, r.headline, r.summary, ...dated(r))),
  );
  yield* insert(
    "entities",
    ["release", "id", "type", "name", "description", "url"],
    d.entities.map((r) => R(r.id, r.type, r.name, r.description, r.url)),
  );

  const names: SqlValue[][] = [];
  for (const e of d.entities) {
    const seen = new Set<string>();
    const add = (lang: string, text: string, isAlias: boolean, note?: string, mistranslation = false) => {
      const key = `${lang}\u0000${text}`;
      if (seen.has(key)) return;
      seen.add(key);
      names.push(R(e.id, lang, text, normalizeName(text), isAlias, note, seen.size, mistranslation));
    };
    for (const [lang, text] of Object.entries(e.name)) if (text) add(lang, text, false);
    for (const a of e.aliases) add(a.lang, a.text, true, a.note, a.mistranslation ?? false);
  }
  yield* insert(
    "entity_names",
    ["release", "entity_id", "lang", "text", "norm", "is_alias", "note", "seq", "mistranslation"],
    names,
  );
  yield* insert(
    "entity_redirects",
    ["release", "from_id", "to_id"],
    d.entities.flatMap((e) => e.former_ids.map((f) => R(f, e.id))),
  );
  yield* insert(
    "entity_stories",
    ["release", "entity_id", "story_id"],
    d.entities.flatMap((e) => e.stories.map((st) => R(e.id, st))),
  );
  yield* insert(
    "entity_relations",
    ["release", "subject_id", "type", "object_id", "note", "seq"],
    d.entities.flatMap((e) => e.relations.map((r, i) => R(e.id, r.type, r.target, r.note, i + 1))),
  );

  yield* insert(
    "sources",
    [
      "release",
      "id",
      "kind",
      "title",
      "publisher_id",
      "author",
      "date",
      "date_precision",
      "date_certainty",
      "date_phrase",
      "language",
      "url",
      "via_id",
      "description",
    ],
    d.sources.map((r) =>
      R(r.id, r.kind, r.title, r.publisher, r.author, ...dated(r), r.language, r.url, r.via, r.description),
    ),
  );
  yield* insert(
    "story_sources",
    ["release", "story_id", "source_id"],
    d.stories.flatMap((st) => st.sources.map((src) => R(st.id, src))),
  );

  yield* insert(
    "figures",
    [
      "release",
      "id",
      "story_id",
      "metric",
      "subject_id",
      "value",
      "unit",
      "display",
      "kind",
      "device_id",
      "precision",
      "scope",
      "as_of",
      "as_of_precision",
      "as_of_certainty",
      "quote",
      "formula",
      "tolerance",
      "note",
    ],
    d.figures.map((f) =>
      R(
        f.id,
        f.story,
        f.metric,
        f.subject,
        f.value,
        f.unit,
        f.display,
        f.kind,
        f.conditions.device,
        f.conditions.precision,
        f.conditions.scope,
        f.as_of,
        precisionOf(f.as_of),
        f.as_of_certainty,
        f.quote,
        f.derivation?.formula,
        f.derivation?.tolerance,
        f.note,
      ),
    ),
  );
  yield* insert(
    "figure_inputs",
    ["release", "figure_id", "name", "input_id"],
    d.figures.flatMap((f) => Object.entries(f.derivation?.inputs ?? {}).map(([name, input]) => R(f.id, name, input))),
  );

  yield* insert(
    "budgets",
    ["release", "id", "story_id", "name", "description", "owner_id", "applies_to_id"],
    d.budgets.map((b) => R(b.id, b.story, b.name, b.description, b.owner, b.applies_to)),
  );
  yield* insert(
    "budget_limits",
    ["release", "budget_id", "metric", "max", "unit", "figure_id", "seq"],
    d.budgets.flatMap((b) => b.limits.map((l, i) => R(b.id, l.metric, l.max, l.unit, l.figure, i + 1))),
  );

  yield* insert(
    "partnerships",
    ["release", "id", "story_id", "party_a", "party_b", "subject", "status", "summary"],
    d.partnerships.map((p) => R(p.id, p.story, p.parties[0], p.parties[1], p.subject, p.status, p.summary)),
  );
  yield* insert(
    "partnership_history",
    ["release", "partnership_id", "seq", "status", "date", "date_precision", "date_certainty", "date_phrase", "note"],
    d.partnerships.flatMap((p) => p.history.map((h, i) => R(p.id, i + 1, h.status, ...dated(h), h.note))),
  );
  yield* insert(
    "partnership_reasons",
    ["release", "partnership_id", "seq", "text", "basis"],
    d.partnerships.flatMap((p) => p.reasons.map((r, i) => R(p.id, i + 1, r.text, r.basis))),
  );

  yield* insert(
    "events",
    [
      "release",
      "id",
      "story_id",
      "partnership_id",
      "date",
      "date_precision",
      "date_certainty",
      "date_phrase",
      "title",
      "description",
      "quote",
    ],
    d.events.map((e) => R(e.id, e.story, e.partnership, ...dated(e), e.title, e.description, e.quote)),
  );
  yield* insert(
    "event_participants",
    ["release", "event_id", "entity_id", "seq"],
    d.events.flatMap((e) => e.participants.map((p, i) => R(e.id, p, i + 1))),
  );

  yield* insert(
    "facts",
    ["release", "id", "story_id", "topic", "status", "text", "quote"],
    d.facts.map((f) => R(f.id, f.story, f.topic, f.status, f.text, f.quote)),
  );
  yield* insert(
    "fact_entities",
    ["release", "fact_id", "entity_id", "seq"],
    d.facts.flatMap((f) => f.entities.map((x, i) => R(f.id, x, i + 1))),
  );
  yield* insert(
    "fact_figures",
    ["release", "fact_id", "figure_id", "seq"],
    d.facts.flatMap((f) => f.figures.map((x, i) => R(f.id, x, i + 1))),
  );
  yield* insert(
    "fact_events",
    ["release", "fact_id", "event_id", "seq"],
    d.facts.flatMap((f) => f.events.map((x, i) => R(f.id, x, i + 1))),
  );

  const cite: SqlValue[][] = [];
  for (const [kind, id, list] of citationLists(d)) {
    list.forEach((src, i) => {
      cite.push(R(kind, id, src, i + 1));
    });
  }
  yield* insert("citations", ["release", "record_kind", "record_id", "source_id", "seq"], cite);

  // The search index: one row per record, composed from the same data (src/compose/search.ts).
  const [firstRowid] = releaseRowids(v);
  let rowid = firstRowid;
  yield* insert(
    "search_index",
    ["rowid", "release", ...SEARCH_INDEX_COLUMNS],
    each(composeSearchIndex(d), (r) => [[rowid++, ...R(...SEARCH_INDEX_COLUMNS.map((c) => r[c]))]]),
  );
  // The composed documents every surface serves, and the facet lists filters match, written as composed.
  const documents = new Inserts("documents", DOCUMENT_COLUMNS);
  const lists = new Inserts("facet_lists", ["release", "kind", "facet", "value", "last_sort", "last_id", "entries"]);
  for (const c of composeRelease(d, v)) {
    let full: string | undefined;
    if (c.table === "documents") {
      const x = c.row;
      full = documents.add(R(x.kind, x.id, x.lang, x.sort, x.body, x.detail, x.refs, x.extra));
    } else {
      const x = c.row;
      full = lists.add(R(x.kind, x.facet, x.value, x.lastSort, x.lastId, x.entries));
    }
    if (full) yield full;
  }
  for (const last of [documents.end(), lists.end()]) if (last) yield last;
  yield* insert(
    "release_records",
    ["release", "kind", "record_id", "hash"],
    release.records.map((r) => R(r.kind, r.id, r.hash)),
  );

  // 4. What changed against the release that serves now.
  yield `INSERT INTO release_changes (release, change, kind, record_id)
SELECT n.release, 'added', n.kind, n.record_id FROM release_records n
 WHERE n.release = ${literal(v)} AND NOT EXISTS (SELECT 1 FROM release_records o WHERE o.release = ${current} AND o.kind = n.kind AND o.record_id = n.record_id)
UNION ALL
SELECT n.release, 'changed', n.kind, n.record_id FROM release_records n JOIN release_records o
    ON o.release = ${current} AND o.kind = n.kind AND o.record_id = n.record_id AND o.hash <> n.hash
 WHERE n.release = ${literal(v)}
UNION ALL
SELECT ${literal(v)}, 'removed', o.kind, o.record_id FROM release_records o
 WHERE o.release = ${current} AND NOT EXISTS (SELECT 1 FROM release_records n WHERE n.release = ${literal(v)} AND n.kind = o.kind AND n.record_id = o.record_id)`;

  // 5. Publish: the one statement that switches readers to the new release, with its counts of changes (what
  // /v1/releases lists; migration 0010 counts them the same way for releases published before).
  yield `UPDATE releases SET status = 'published', seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM releases), published_at = ${literal(now)}, previous = ${current}, change_counts = (
  SELECT json_object('added', count(CASE WHEN change = 'added' THEN 1 END), 'changed', count(CASE WHEN change = 'changed' THEN 1 END), 'removed', count(CASE WHEN change = 'removed' THEN 1 END))
  FROM release_changes WHERE release = ${literal(v)}
) WHERE version = ${literal(v)} AND status = 'loading'`;

  // 6. Keep the records of the published releases (all, or the newest `keep`: pinned URLs serve them, and a
  // rollback needs the previous one), and of a release another publisher is loading right now (started within
  // the hour: it must not lose rows under it); drop the rest, including what a load that died long ago left.
  const limit = keep === undefined || !Number.isFinite(keep) ? "" : ` LIMIT ${Math.max(2, Math.floor(keep))}`;
  const kept = `(SELECT version FROM releases WHERE status = 'published' ORDER BY seq DESC${limit}) AND release NOT IN (SELECT version FROM releases WHERE status = 'loading' AND created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 hour'))`;
  for (const table of [...releaseTables, "release_records"].reverse()) {
    yield `DELETE FROM ${table} WHERE release NOT IN ${kept}`;
  }
}
