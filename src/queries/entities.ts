import { and, asc, eq, sql } from "drizzle-orm";
import { entities, entityNames, entityStories } from "../../schema";
import { normalizeName } from "../domain";
import { after, type Db } from "./common";

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

/** The keys an entity id from a path or filter may be stored under: as given, normalized, words for dashes. */
export const entityKeysOf = (id: string) => [
  ...new Set([id, normalizeName(id), normalizeName(id.replace(/[-_]+/g, " "))]),
];

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
