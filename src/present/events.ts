import type { Context } from "hono";
import type { AppEnv } from "../env";
import { Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import type { EntityRow } from "../queries/entities";
import { type EventRow, participantsOf } from "../queries/events";
import { citationsOf } from "../queries/sources";
import { dateOf } from "./sources";

/** An EntityRef with its type kept as the enum (so handlers match the response schemas). */
export function ref(
  c: Context<AppEnv>,
  l: Localizer,
  field: string,
  e: { id: string; type: EntityRow["type"]; name: EntityRow["name"] },
) {
  return { id: e.id, type: e.type, name: l.text(field, e.name), href: absolute(c, `/v1/entities/${e.id}`) };
}

/** Presents a page of event rows: two queries (participants, citations) whatever the page size. */
export async function presentEvents(c: Context<AppEnv>, rows: EventRow[]) {
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const [participants, cites] = ids.length
    ? await Promise.all([participantsOf(db, release, ids), citationsOf(db, release, "event", ids)])
    : [[], new Map<string, string[]>()];
  return rows.map((row) => {
    const l = new Localizer(c.get("lang"));
    return {
      id: row.id,
      date: dateOf(row.date, row.datePrecision, row.dateCertainty, row.datePhrase),
      title: l.text("title", row.title),
      description: l.text("description", row.description),
      participants: participants
        .filter((p) => p.eventId === row.id)
        .map((p, i) => ref(c, l, `participants[${i}].name`, p)),
      partnership: row.partnershipId,
      quote: row.quote,
      sources: cites.get(row.id) ?? [],
      story: row.storyId,
      href: absolute(c, `/v1/events/${row.id}`),
      fallback: l.fallback,
    };
  });
}

export type EventOut = Awaited<ReturnType<typeof presentEvents>>[number];
