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

export function listEvents(
  db: Db,
  release: string,
  f: EventFilters & { cursor: (string | number)[] | null; limit: number },
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.release, release),
        f.partnership ? eq(events.partnershipId, f.partnership) : undefined,
        f.entity
          ? sql`${events.id} IN (SELECT ${eventParticipants.eventId} FROM ${eventParticipants} WHERE ${eventParticipants.release} = ${release} AND ${eventParticipants.entityId} = ${f.entity})`
          : undefined,
        dateRange(f),
        after([events.date, events.id], f.cursor),
      ),
    )
    .orderBy(asc(events.date), asc(events.id))
    .limit(f.limit + 1);
}

export async function getEvent(db: Db, release: string, id: string) {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.release, release), eq(events.id, id)))
    .limit(1);
  return rows[0] ?? null;
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

/** Participants of the given events with their names and types, by event then entity id: one query. */
export function participantsOf(db: Db, release: string, ids: readonly string[]) {
  return db
    .select({ eventId: eventParticipants.eventId, id: entities.id, type: entities.type, name: entities.name })
    .from(eventParticipants)
    .innerJoin(
      entities,
      and(eq(entities.release, eventParticipants.release), eq(entities.id, eventParticipants.entityId)),
    )
    .where(and(eq(eventParticipants.release, release), inIds(eventParticipants.eventId, ids)))
    .orderBy(asc(eventParticipants.eventId), asc(entities.id));
}

/** Every event id of the release, for 404 suggestions. */
export async function eventIds(db: Db, release: string) {
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .where(eq(events.release, release))
    .orderBy(asc(events.id));
  return rows.map((r) => r.id);
}
