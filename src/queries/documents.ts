/**
 * Reads of composed documents (see src/compose): a detail is one keyed read, a list page one range of the
 * documents (or one range of the facets joined to its documents), `include=` one keyed read. Raw prepared D1 statements: no query builder on the hot path.
 */
import type { DocKind, Refs } from "../compose";
import { REDIRECT } from "../compose";

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

export interface ListFilter {
  facets?: [facet: string, value: string][];
  /** SQL over the facet's or the document's `sort` column (`s`), with its bound values. */
  where?: { sql: string; args: (string | number)[] };
  cursor: (string | number)[] | null;
  limit: number;
  /** The columns read (default `all`). */
  columns?: Columns;
}

/**
 * A page of documents of one kind in `lang`, in (sort, id) order after the cursor: `limit + 1` rows, so the
 * caller knows whether there is a next page. One query: without filters a range of the documents; with filters
 * a range of the first facet (the others as EXISTS) joined to the page's documents.
 */
export async function listDocuments(db: D1Database, release: string, kind: DocKind, lang: string, f: ListFilter) {
  const args: (string | number)[] = [];
  const p = (v: string | number) => {
    args.push(v);
    return `?${args.length}`;
  };
  const cursor = (alias: string) => {
    if (!f.cursor) return "";
    const [sort, id] = f.cursor.length === 2 ? f.cursor : [f.cursor[0], f.cursor[0]];
    return ` AND (${alias}.sort, ${alias}.id) > (${p(sort as string)}, ${p(id as string)})`;
  };
  const where = (alias: string) => {
    if (!f.where) return "";
    const base = args.length;
    args.push(...f.where.args);
    return ` AND ${f.where.sql.replaceAll("s.", `${alias}.`).replace(/\?(\d+)/g, (_, n) => `?${base + Number(n)}`)}`;
  };
  const facets = f.facets ?? [];
  if (facets.length === 0) {
    const sql = `SELECT ${COLUMNS[f.columns ?? "all"]("d.")} FROM documents d
      WHERE d.release = ${p(release)} AND d.kind = ${p(kind)} AND d.lang = ${p(lang)}${where("d")}${cursor("d")}
      ORDER BY d.sort, d.id LIMIT ${p(f.limit + 1)}`;
    return (
      await db
        .prepare(sql)
        .bind(...args)
        .all<DocRow>()
    ).results;
  }
  const [[facet, value], ...more] = facets as [[string, string], ...[string, string][]];
  const r = p(release);
  const k = p(kind);
  const exists = more
    .map(
      ([name, v]) =>
        ` AND EXISTS (SELECT 1 FROM facets g WHERE g.release = ${r} AND g.kind = ${k} AND g.facet = ${p(name)} AND g.value = ${p(v)} AND g.sort = f.sort AND g.id = f.id)`,
    )
    .join("");
  // The page's facet rows joined to their documents: one query, each row of the page read once in each table.
  const sql = `SELECT ${COLUMNS[f.columns ?? "all"]("d.")} FROM facets f
    JOIN documents d ON d.release = f.release AND d.kind = f.kind AND d.lang = ${p(lang)} AND d.id = f.id
    WHERE f.release = ${r} AND f.kind = ${k} AND f.facet = ${p(facet)} AND f.value = ${p(value)}${exists}${where("f")}${cursor("f")}
    ORDER BY f.sort, f.id LIMIT ${p(f.limit + 1)}`;
  return (
    await db
      .prepare(sql)
      .bind(...args)
      .all<DocRow>()
  ).results;
}

/** Ids bound one parameter each up to this many (D1 allows 100 per statement); beyond, as one JSON array. */
const BOUND_IDS = 90;

/** Documents of several kinds by id, in `lang`, ordered by kind then id: one query. */
export async function documentsByIds(
  db: D1Database,
  release: string,
  lang: string,
  ids: Partial<Record<DocKind, string[]>>,
) {
  const kinds = Object.entries(ids).filter(([, list]) => list && list.length > 0) as [DocKind, string[]][];
  if (kinds.length === 0) return [];
  const all = [...new Set(kinds.flatMap(([, list]) => list))];
  const kindList = kinds.map(([k]) => k);
  // Each id its own parameter: D1 counts the rows of a json_each list as read, twice what the lookups read.
  const bound = all.length + kindList.length <= BOUND_IDS;
  const inKinds = bound ? kindList.map((_, i) => `?${i + 3}`).join(", ") : "SELECT value FROM json_each(?3)";
  const inIds = bound ? all.map((_, i) => `?${i + 3 + kindList.length}`).join(", ") : "SELECT value FROM json_each(?4)";
  const { results } = await db
    .prepare(
      `SELECT kind, id, lang, sort, body, detail, refs, extra FROM documents
        WHERE release = ?1 AND lang = ?2 AND kind IN (${inKinds}) AND id IN (${inIds})
        ORDER BY kind, id`,
    )
    .bind(release, lang, ...(bound ? [...kindList, ...all] : [JSON.stringify(kindList), JSON.stringify(all)]))
    .all<DocRow & { kind: string }>();
  const wanted = new Map(kinds.map(([k, list]) => [k, new Set(list)]));
  return results.filter((r) => wanted.get(r.kind as DocKind)?.has(r.id));
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
