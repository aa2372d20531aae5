import { and, asc, eq, or, sql } from "drizzle-orm";
import { entities, entityNames, entityRedirects, entityRelations, entityStories } from "../../schema";
import { normalizeName } from "../dataset/schema";
import { after, type Db, inIds } from "./common";

export type EntityRow = typeof entities.$inferSelect;

export function listEntities(
  db: Db,
  release: string,
  f: { type?: EntityRow["type"]; story?: string; q?: string; cursor: (string | number)[] | null; limit: number },
) {
  // A substring test with instr(), not LIKE: D1 caps LIKE patterns at 50 bytes (a longer q was a 500), and a
  // substring needs no escaping. Names are stored normalized (NFKC, lower case), as q is here.
  const q = f.q ? normalizeName(f.q) : undefined;
  return db
    .select()
    .from(entities)
    .where(
      and(
        eq(entities.release, release),
        f.type ? eq(entities.type, f.type) : undefined,
        f.story
          ? sql`${entities.id} IN (SELECT ${entityStories.entityId} FROM ${entityStories} WHERE ${entityStories.release} = ${release} AND ${entityStories.storyId} = ${f.story})`
          : undefined,
        q
          ? sql`${entities.id} IN (SELECT ${entityNames.entityId} FROM ${entityNames} WHERE ${entityNames.release} = ${release} AND instr(${entityNames.norm}, ${q}) > 0)`
          : undefined,
        after([entities.id], f.cursor),
      ),
    )
    .orderBy(asc(entities.id))
    .limit(f.limit + 1);
}

export function entitiesByIds(db: Db, release: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as EntityRow[]);
  return db
    .select()
    .from(entities)
    .where(and(eq(entities.release, release), inIds(entities.id, ids)))
    .orderBy(asc(entities.id));
}

export async function getEntity(db: Db, release: string, id: string) {
  const rows = await entitiesByIds(db, release, [id]);
  return rows[0] ?? null;
}

/** Names and aliases of the given entities: one query. */
export function namesOf(db: Db, release: string, ids: readonly string[]) {
  return db
    .select()
    .from(entityNames)
    .where(and(eq(entityNames.release, release), inIds(entityNames.entityId, ids)))
    .orderBy(asc(entityNames.entityId), asc(entityNames.isAlias), asc(entityNames.lang), asc(entityNames.text));
}

/** Story ids of the given entities: one query. */
export function storiesOf(db: Db, release: string, ids: readonly string[]) {
  return db
    .select({ entityId: entityStories.entityId, storyId: entityStories.storyId })
    .from(entityStories)
    .where(and(eq(entityStories.release, release), inIds(entityStories.entityId, ids)));
}

/** The canonical id for a former id, an alias or a differently written name, if any. */
export async function resolveEntityAlias(db: Db, release: string, id: string): Promise<string | null> {
  const redirect = await db
    .select({ to: entityRedirects.toId })
    .from(entityRedirects)
    .where(and(eq(entityRedirects.release, release), eq(entityRedirects.fromId, id)))
    .limit(1);
  if (redirect[0]) return redirect[0].to;
  const decoded = normalizeName(id.replace(/[-_]+/g, " "));
  const raw = normalizeName(id);
  const byName = await db
    .selectDistinct({ to: entityNames.entityId })
    .from(entityNames)
    .where(
      and(
        eq(entityNames.release, release),
        or(
          eq(entityNames.norm, raw),
          eq(entityNames.norm, decoded),
          eq(sql`replace(${entityNames.norm}, ' ', '-')`, raw),
        ),
      ),
    )
    .limit(2);
  return byName.length === 1 && byName[0] ? byName[0].to : null;
}

/** The keys an entity id from a path or filter may be stored under: as given, normalized, words for dashes. */
export const entityKeysOf = (id: string) => [
  ...new Set([id, normalizeName(id), normalizeName(id.replace(/[-_]+/g, " "))]),
];

/** Relations where the entity is subject or object, with the other side's name and type. */
export function relationsOf(db: Db, release: string, id: string) {
  return db
    .select({
      subjectId: entityRelations.subjectId,
      type: entityRelations.type,
      objectId: entityRelations.objectId,
      note: entityRelations.note,
      otherName: entities.name,
      otherType: entities.type,
    })
    .from(entityRelations)
    .innerJoin(
      entities,
      and(
        eq(entities.release, entityRelations.release),
        sql`${entities.id} = CASE WHEN ${entityRelations.subjectId} = ${id} THEN ${entityRelations.objectId} ELSE ${entityRelations.subjectId} END`,
      ),
    )
    .where(
      and(
        eq(entityRelations.release, release),
        or(eq(entityRelations.subjectId, id), eq(entityRelations.objectId, id)),
      ),
    )
    .orderBy(asc(entityRelations.type), asc(entities.id));
}

/** Ids close to an unknown one (shared prefix or edit distance), for 404 suggestions. */
export async function closeEntityIds(db: Db, release: string, id: string) {
  const all = await db.select({ id: entities.id }).from(entities).where(eq(entities.release, release));
  return closest(
    id,
    all.map((r) => r.id),
  );
}

export function closest(target: string, candidates: string[], max = 3): string[] {
  const t = target.toLowerCase();
  return candidates
    .map((c) => ({ c, d: c.startsWith(t) || t.startsWith(c) || c.includes(t) ? 0 : distance(t, c) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(t.length / 3)))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}
