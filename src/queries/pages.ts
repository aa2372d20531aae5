/** The few lookups the permalink pages need beyond the API's own queries. */
import { and, asc, eq } from "drizzle-orm";
import { events } from "../../schema";
import { type Db, inIds } from "./common";

/** Id, title and date of the given events, by date then id: one query. */
export function eventsByIds(db: Db, release: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: events.id, title: events.title, date: events.date })
    .from(events)
    .where(and(eq(events.release, release), inIds(events.id, ids)))
    .orderBy(asc(events.date), asc(events.id));
}
