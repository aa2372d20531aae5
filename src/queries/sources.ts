import { and, asc, eq } from "drizzle-orm";
import { citations, entities, sources } from "../../schema";
import { after, type Db, inIds } from "./common";

const sourceColumns = {
  id: sources.id,
  kind: sources.kind,
  title: sources.title,
  publisherId: sources.publisherId,
  publisherName: entities.name,
  publisherType: entities.type,
  author: sources.author,
  date: sources.date,
  datePrecision: sources.datePrecision,
  dateCertainty: sources.dateCertainty,
  datePhrase: sources.datePhrase,
  language: sources.language,
  url: sources.url,
  viaId: sources.viaId,
  description: sources.description,
};

export type SourceRow = Awaited<ReturnType<typeof sourcesByIds>>[number];

function base(db: Db) {
  return db
    .select(sourceColumns)
    .from(sources)
    .innerJoin(entities, and(eq(entities.release, sources.release), eq(entities.id, sources.publisherId)));
}

export function sourcesByIds(db: Db, release: string, ids: readonly string[]) {
  return base(db)
    .where(and(eq(sources.release, release), inIds(sources.id, ids)))
    .orderBy(asc(sources.id));
}

export function listSources(
  db: Db,
  release: string,
  f: { kind?: SourceRow["kind"]; publisher?: string; cursor: (string | number)[] | null; limit: number },
) {
  return base(db)
    .where(
      and(
        eq(sources.release, release),
        f.kind ? eq(sources.kind, f.kind) : undefined,
        f.publisher ? eq(sources.publisherId, f.publisher) : undefined,
        after([sources.id], f.cursor),
      ),
    )
    .orderBy(asc(sources.id))
    .limit(f.limit + 1);
}

export async function getSource(db: Db, release: string, id: string) {
  const rows = await sourcesByIds(db, release, [id]);
  return rows[0] ?? null;
}

/** Source ids of each record (in citation order), for a page of records of one kind: one query. */
export async function citationsOf(db: Db, release: string, kind: string, ids: readonly string[]) {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({ recordId: citations.recordId, sourceId: citations.sourceId })
    .from(citations)
    .where(and(eq(citations.release, release), eq(citations.recordKind, kind), inIds(citations.recordId, ids)))
    .orderBy(asc(citations.recordId), asc(citations.seq));
  for (const r of rows) {
    const list = map.get(r.recordId) ?? [];
    list.push(r.sourceId);
    map.set(r.recordId, list);
  }
  return map;
}

/** Every source id of the release, for 404 suggestions. */
export async function sourceIds(db: Db, release: string) {
  const rows = await db
    .select({ id: sources.id })
    .from(sources)
    .where(eq(sources.release, release))
    .orderBy(asc(sources.id));
  return rows.map((r) => r.id);
}
