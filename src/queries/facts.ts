import { and, asc, eq, sql } from "drizzle-orm";
import { citations, entities, factEntities, factEvents, factFigures, facts } from "../../schema";
import { after, type Db, inIds } from "./common";

export type FactRow = typeof facts.$inferSelect;

export function listFacts(
  db: Db,
  release: string,
  f: {
    entity?: string;
    topic?: FactRow["topic"];
    status?: FactRow["status"];
    source?: string;
    cursor: (string | number)[] | null;
    limit: number;
  },
) {
  return db
    .select()
    .from(facts)
    .where(
      and(
        eq(facts.release, release),
        f.topic ? eq(facts.topic, f.topic) : undefined,
        f.status ? eq(facts.status, f.status) : undefined,
        f.entity
          ? sql`${facts.id} IN (SELECT ${factEntities.factId} FROM ${factEntities} WHERE ${factEntities.release} = ${release} AND ${factEntities.targetId} = ${f.entity})`
          : undefined,
        f.source
          ? sql`${facts.id} IN (SELECT ${citations.recordId} FROM ${citations} WHERE ${citations.release} = ${release} AND ${citations.sourceId} = ${f.source} AND ${citations.recordKind} = 'fact')`
          : undefined,
        after([facts.id], f.cursor),
      ),
    )
    .orderBy(asc(facts.id))
    .limit(f.limit + 1);
}

export async function getFact(db: Db, release: string, id: string) {
  const rows = await db
    .select()
    .from(facts)
    .where(and(eq(facts.release, release), eq(facts.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Every fact id of the release, ordered by id (404 suggestions, the fact of the day). */
export async function allFactIds(db: Db, release: string) {
  const rows = await db.select({ id: facts.id }).from(facts).where(eq(facts.release, release)).orderBy(asc(facts.id));
  return rows.map((r) => r.id);
}

/** The entities each fact is about (with type and name, for references), for a page of facts: one query. */
export function entitiesOfFacts(db: Db, release: string, ids: readonly string[]) {
  return db
    .select({ factId: factEntities.factId, id: entities.id, type: entities.type, name: entities.name })
    .from(factEntities)
    .innerJoin(entities, and(eq(entities.release, factEntities.release), eq(entities.id, factEntities.targetId)))
    .where(and(eq(factEntities.release, release), inIds(factEntities.factId, ids)))
    .orderBy(asc(factEntities.factId), asc(entities.id));
}

/** Figure and event ids of a page of facts: one query (a UNION of the two link tables). */
export async function linksOfFacts(db: Db, release: string, ids: readonly string[]) {
  const figures = db
    .select({ factId: factFigures.factId, kind: sql<string>`'figure'`.as("kind"), targetId: factFigures.targetId })
    .from(factFigures)
    .where(and(eq(factFigures.release, release), inIds(factFigures.factId, ids)));
  const events = db
    .select({ factId: factEvents.factId, kind: sql<string>`'event'`.as("kind"), targetId: factEvents.targetId })
    .from(factEvents)
    .where(and(eq(factEvents.release, release), inIds(factEvents.factId, ids)));
  const rows = await figures.unionAll(events);
  return rows.sort((a, b) => (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
}
