import { and, asc, eq } from "drizzle-orm";
import { stories } from "../../schema";
import { after, type Db, inIds } from "./common";

export type StoryRow = typeof stories.$inferSelect;

export function listStories(db: Db, release: string, f: { cursor: (string | number)[] | null; limit: number }) {
  return db
    .select()
    .from(stories)
    .where(and(eq(stories.release, release), after([stories.id], f.cursor)))
    .orderBy(asc(stories.id))
    .limit(f.limit + 1);
}

export async function getStory(db: Db, release: string, id: string) {
  const rows = await db
    .select()
    .from(stories)
    .where(and(eq(stories.release, release), inIds(stories.id, [id])))
    .limit(1);
  return rows[0] ?? null;
}

/** Every story id of the release, for 404 suggestions. */
export async function storyIds(db: Db, release: string) {
  const rows = await db
    .select({ id: stories.id })
    .from(stories)
    .where(eq(stories.release, release))
    .orderBy(asc(stories.id));
  return rows.map((r) => r.id);
}
