/**
 * Serving composed documents: envelopes are written around the stored bytes (no parse, no re-serialize),
 * and links are made absolute for the serving origin in one pass.
 */
import type { Context } from "hono";
import type { DocKind, Refs } from "../compose";
import { withOrigin } from "../compose/links";
import type { AppEnv } from "../env";
import {
  documentIds,
  documentsByIds,
  type Columns,
  type DocRow,
  getDocument,
  hasDocument,
  type ListFilter,
  listDocuments,
  neighbourIds,
  resolveDocument,
  unionRefs,
} from "../queries/documents";
import { closest, entityKeysOf } from "../queries/entities";
import { parseInclude } from "../openapi/include";
import { DEFAULT_LIMIT, decodeCursor, page } from "./pagination";
import { ProblemError } from "./problem";
import { origin } from "./urls";

const str = JSON.stringify;

/** A JSON answer from stored bytes, links made absolute. */
export function sendJson(c: Context<AppEnv>, json: string, status: 200 = 200): Response {
  return c.body(withOrigin(json, origin(c)), status, { "Content-Type": "application/json" });
}

const meta = (c: Context<AppEnv>) => `"release":${str(c.get("release").version)},"lang":${str(c.get("lang"))}`;
const includedPart = (included: string | undefined) => (included ? `"included":${included},` : "");

/** `{data, included?, meta, links: {self}}` around one stored body. */
export function single(c: Context<AppEnv>, body: string, selfPath: string, included?: string) {
  return `{"data":${body},${includedPart(included)}"meta":{${meta(c)}},"links":{"self":${str(origin(c) + selfPath)}}}`;
}

/** `{data: [...], included?, meta (with limit and next_cursor), links}` around stored bodies. */
export function collection(
  c: Context<AppEnv>,
  bodies: string[],
  p: { nextCursor: string | null; links: { self: string; next: string | null } },
  limit: number,
  included?: string,
) {
  return `{"data":[${bodies.join(",")}],${includedPart(included)}"meta":{${meta(c)},"limit":${limit},"next_cursor":${str(p.nextCursor)}},"links":${str(p.links)}}`;
}

/** Included kinds in the order `included` lists them, with their document kinds. */
const INCLUDED: [keyof Refs, DocKind][] = [
  ["sources", "source"],
  ["entities", "entity"],
  ["figures", "figure"],
];

/**
 * `included` for documents: the records their refs name, of the kinds asked for, ordered by id: one keyed
 * read whatever the page size. Undefined when nothing is asked.
 */
export async function includedFor(
  c: Context<AppEnv>,
  rows: { refs: string | null }[],
  asked: ReadonlySet<string>,
  extra?: Refs,
) {
  if (asked.size === 0) return undefined;
  const refs = unionRefs(rows, asked);
  for (const [k, list] of Object.entries(extra ?? {})) {
    if (asked.has(k)) refs[k as keyof Refs] = [...new Set([...(refs[k as keyof Refs] ?? []), ...(list ?? [])])];
  }
  const wanted = INCLUDED.filter(([k]) => asked.has(k));
  const docs = await documentsByIds(
    c.get("d1"),
    c.get("release").version,
    c.get("lang"),
    Object.fromEntries(wanted.map(([k, kind]) => [kind, refs[k] ?? []])),
  );
  return `{${wanted
    .map(
      ([k, kind]) =>
        `${str(k)}:[${docs
          .filter((d) => d.kind === kind)
          .map((d) => d.body)
          .join(",")}]`,
    )
    .join(",")}}`;
}

/**
 * Close ids of a kind for a 404 or an unknown id filter: the closest among the ids next to it in id order (one
 * bounded read, src/queries/documents.ts `neighbourIds`), never every id of the kind.
 */
export async function suggestionsFor(c: Context<AppEnv>, kind: DocKind, id: string) {
  return closest(id, await neighboursOf(c, kind, id));
}

/** The ids next to `id` in id order (at most 2 × NEIGHBOURS): the candidates for suggestions. */
export function neighboursOf(c: Context<AppEnv>, kind: DocKind, id: string) {
  return neighbourIds(c.get("d1"), c.get("release").version, kind, id.toLowerCase());
}

/** Every id of a kind in the serving release, held by the app (one query per release and kind; the fact of the day). */
export async function idsOf(c: Context<AppEnv>, kind: DocKind): Promise<string[]> {
  const state = c.get("state");
  const release = c.get("release").version;
  const key = `${release}/${kind}`;
  let ids = state.ids.get(key);
  if (!ids) {
    ids = await documentIds(c.get("d1"), release, kind);
    if (state.ids.size > 64) state.ids.clear();
    state.ids.set(key, ids);
  }
  return ids;
}

/** The document of a record (one keyed read of the `columns` asked), or a 404 problem with close ids. */
export async function documentOr404(
  c: Context<AppEnv>,
  kind: DocKind,
  id: string,
  noun: string,
  columns: Columns = "all",
): Promise<DocRow> {
  const row = await getDocument(c.get("d1"), c.get("release").version, kind, id, c.get("lang"), columns);
  if (row) return row;
  throw new ProblemError("not-found", {
    detail: `No ${noun} has the id "${id}".`,
    suggestions: await suggestionsFor(c, kind, id),
  });
}

/** A list filter: the query parameter, the facet it matches, its value, and the kind of record it names. */
export interface Filter {
  parameter: string;
  facet: string;
  value: string | undefined;
  /** For id filters: the kind of record the value names (an entity, a source, a story, a partnership). */
  names?: DocKind;
}

/**
 * A page of a collection through its filters: one range of the documents, or of a facet and then the page's
 * documents. Only when a filtered page is empty are its id filters examined: an alias or former id is
 * resolved like a path (and the page read again), an unknown id is a 400 naming the parameter, with close ids.
 */
export async function listFiltered(
  c: Context<AppEnv>,
  kind: DocKind,
  f: {
    filters: Filter[];
    where?: ListFilter["where"];
    cursor: (string | number)[] | null;
    limit: number;
    columns?: Columns;
  },
) {
  const read = (filters: Filter[]) =>
    listDocuments(c.get("d1"), c.get("release").version, kind, c.get("lang"), {
      facets: filters.filter((x) => x.value !== undefined).map((x) => [x.facet, x.value as string]),
      where: f.where,
      cursor: f.cursor,
      limit: f.limit,
      columns: f.columns,
    });
  const rows = await read(f.filters);
  if (rows.length > 0 || !f.filters.some((x) => x.names && x.value !== undefined)) return rows;
  let changed = false;
  const resolved: Filter[] = [];
  for (const x of f.filters) {
    if (!x.names || x.value === undefined) {
      resolved.push(x);
      continue;
    }
    const canonical = await canonicalId(c, x.names, x.value);
    if (canonical === null) {
      const suggestions = await suggestionsFor(c, x.names, x.value);
      const detail = `no ${NOUNS[x.names]} has the id "${x.value}"${suggestions.length ? `; did you mean ${suggestions.join(", ")}?` : ""}`;
      throw new ProblemError("invalid-parameter", {
        detail: `${x.parameter}: ${detail}`,
        errors: [{ parameter: x.parameter, in: "query", detail }],
        suggestions,
      });
    }
    if (canonical !== x.value) changed = true;
    resolved.push({ ...x, value: canonical });
  }
  return changed ? read(resolved) : rows;
}

const NOUNS: Partial<Record<DocKind, string>> = {
  entity: "entity",
  source: "source",
  story: "story",
  partnership: "partnership",
};

/** The id a filter value names: itself, the entity an alias or former id names (when only one), or null. */
async function canonicalId(c: Context<AppEnv>, kind: DocKind, value: string): Promise<string | null> {
  if (kind !== "entity") return (await hasDocument(c.get("d1"), c.get("release").version, kind, value)) ? value : null;
  const keys = entityKeysOf(value);
  const found = await resolveDocument(c.get("d1"), c.get("release").version, "entity", keys, "en");
  if (found.doc) return value;
  const targets = [...new Set(keys.flatMap((k) => found.aliases.get(k) ?? []))];
  return targets.length === 1 ? (targets[0] as string) : null;
}

/**
 * A collection's page, the one list handler: its documents through the filters (`listFiltered`), paged by
 * `limit` and `cursor` (keyset over each row's id, or its sort key and id when `sorted`), with `included` when
 * asked.
 */
export async function listPage(
  c: Context<AppEnv>,
  name: string,
  kind: DocKind,
  query: { limit?: number; cursor?: string; include?: string },
  f: { filters?: Filter[]; where?: ListFilter["where"]; sorted?: boolean } = {},
): Promise<Response> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor(name, query.cursor, f.sorted ? 2 : 1);
  // A list item is its body (and the refs `include=` reads): never the detail or the extra of a record.
  const rows = await listFiltered(c, kind, {
    filters: f.filters ?? [],
    where: f.where,
    cursor,
    limit,
    columns: "item",
  });
  const p = page(c, name, rows, limit, f.sorted ? (r) => [r.sort, r.id] : (r) => [r.id]);
  const included = await includedFor(c, p.items, parseInclude(query.include));
  return sendJson(
    c,
    collection(
      c,
      p.items.map((r) => r.body),
      p,
      limit,
      included,
    ),
  );
}
