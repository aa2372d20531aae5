import type { Context } from "hono";
import type { Lang } from "../dataset/schema";
import type { AppEnv } from "../env";
import { citationsFor, permalink } from "../lib/citation";
import { Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import type { EntityRow } from "../queries/entities";
import { type EventRow, participantsOf } from "../queries/events";
import { dateOf } from "../lib/localize";

/** An EntityRef with its type kept as the enum (so handlers match the response schemas). */
export function ref(
  c: Context<AppEnv>,
  l: Localizer,
  field: string,
  e: { id: string; type: EntityRow["type"]; name: EntityRow["name"] },
) {
  return { id: e.id, type: e.type, name: l.text(field, e.name), href: absolute(c, `/v1/entities/${e.id}`) };
}

/** An event as one quotable line in `lang`: its title, then its date as precisely as known. */
export function eventStatement(lang: Lang, title: string, date: string) {
  return lang === "en" ? `${title} (${date}).` : `${title}(${date})。`;
}

/**
 * Presents a page of event rows with their citations: three queries (participants, citation ids, the cited
 * sources) whatever the page size. `sources` are the cited sources, by id (for `included.sources`).
 */
export async function presentEventPage(c: Context<AppEnv>, rows: EventRow[]) {
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const [participants, cites] = await Promise.all([
    ids.length ? participantsOf(db, release, ids) : Promise.resolve([]),
    citationsFor(c, "event", ids),
  ]);
  const data = rows.map((row) => {
    const l = new Localizer(c.get("lang"));
    const title = l.text("title", row.title);
    return {
      id: row.id,
      date: dateOf(row.date, row.datePrecision, row.dateCertainty, row.datePhrase),
      title,
      description: l.text("description", row.description),
      participants: participants
        .filter((p) => p.eventId === row.id)
        .map((p, i) => ref(c, l, `participants[${i}].name`, p)),
      partnership: row.partnershipId,
      quote: row.quote,
      sources: cites.ids(row.id),
      story: row.storyId,
      href: absolute(c, `/v1/events/${row.id}`),
      citation: cites.citation(
        row.id,
        eventStatement(row.title[l.lang] ? l.lang : "en", title, row.date),
        permalink(c, "events", row.id),
      ),
      fallback: l.fallback,
    };
  });
  return { data, sources: cites.loaded };
}

/** Presents a page of event rows (see presentEventPage). */
export async function presentEvents(c: Context<AppEnv>, rows: EventRow[]) {
  return (await presentEventPage(c, rows)).data;
}

export type EventOut = Awaited<ReturnType<typeof presentEvents>>[number];
