/** Composes events. */
import type { Lang } from "../dataset/schema";
import { dateOf, Localizer } from "../lib/localize";
import { citationOf } from "./citation";
import { entityRef } from "./entities";
import { link, permalink, pinnedLink } from "./links";
import { precisionOf, type ReleaseRows } from "./rows";
import { citedSources } from "./sources";

/** An event as one quotable line in `lang`: its title, then its date as precisely as known. */
export function eventStatement(lang: Lang, title: string, date: string) {
  return lang === "en" ? `${title} (${date}).` : `${title}（${date}）。`;
}

export function composeEvent(rows: ReleaseRows, id: string, lang: Lang) {
  const e = rows.events.get(id);
  if (!e) throw new Error(`unknown event ${id}`);
  const l = new Localizer(lang);
  const title = l.text("title", e.title);
  return {
    id: e.id,
    date: dateOf(e.date, precisionOf(e.date), e.certainty, e.phrase),
    title,
    description: l.text("description", e.description),
    participants: rows.entitiesByIds(e.participants).map((p, i) => entityRef(l, `participants[${i}].name`, p)),
    partnership: e.partnership ?? null,
    quote: e.quote,
    sources: rows.citesOf("event", id),
    story: e.story,
    href: link(`/v1/events/${e.id}`),
    citation: citationOf(
      eventStatement(e.title[lang] ? lang : "en", title, e.date),
      permalink("events", e.id),
      citedSources(rows, "event", id, lang),
      lang,
      pinnedLink(rows.version, "events", e.id),
    ),
    fallback: l.fallback,
  };
}

export type EventDoc = ReturnType<typeof composeEvent>;
