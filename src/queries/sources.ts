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
