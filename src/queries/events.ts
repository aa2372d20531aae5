import { and, asc, eq, sql } from "drizzle-orm";
import { entities, eventParticipants, events } from "../../schema";
import { after, type Db, inIds } from "./common";

export type EventRow = typeof events.$inferSelect;

export interface EventFilters {
  entity?: string;
  partnership?: string;
  from?: string;
  to?: string;
}

/**
 * Date range conditions with overlap semantics: a partial date stands for the whole period it names, and an
 * event matches when its period overlaps [start of `from`, end of `to`]. On partial-date strings that is a
 * comparison of both sides cut to the shorter of the two lengths (the common precision).
 */
function dateRange(f: EventFilters) {
  return and(
    f.from
      ? sql`substr(${events.date}, 1, ${f.from.length}) >= substr(${f.from}, 1, length(${events.date}))`
      : undefined,
    f.to ? sql`substr(${events.date}, 1, ${f.to.length}) <= substr(${f.to}, 1, length(${events.date}))` : undefined,
  );
}

/** The timeline events of the given partnerships, by date then id: one query. */
export function eventsOfPartnerships(db: Db, release: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as EventRow[]);
  return db
    .select()
    .from(events)
    .where(and(eq(events.release, release), inIds(events.partnershipId, ids)))
    .orderBy(asc(events.date), asc(events.id));
}
