import { and, asc, eq } from "drizzle-orm";
import { stories } from "../../schema";
import { after, type Db, inIds } from "./common";

export type StoryRow = typeof stories.$inferSelect;

export async function getStory(db: Db, release: string, id: string) {
  const rows = await db
    .select()
    .from(stories)
    .where(and(eq(stories.release, release), inIds(stories.id, [id])))
    .limit(1);
  return rows[0] ?? null;
}
