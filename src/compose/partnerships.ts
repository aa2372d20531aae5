/** Composes partnerships: parties, status history, reasons; the detail adds the timeline's events. */
import type { Lang } from "../dataset/schema";
import { dateOf, Localizer } from "../lib/localize";
import { entityRef } from "./entities";
import { composeEvent } from "./events";
import { link } from "./links";
import { precisionOf, type ReleaseRows } from "./rows";

export function composePartnership(rows: ReleaseRows, id: string, lang: Lang) {
  const p = rows.partnerships.get(id);
  if (!p) throw new Error(`unknown partnership ${id}`);
  const l = new Localizer(lang);
  const party = (i: 0 | 1) => entityRef(l, `parties[${i}].name`, rows.entity(p.parties[i]));
  return {
    id: p.id,
    parties: [party(0), party(1)] as [ReturnType<typeof party>, ReturnType<typeof party>],
    subject: l.text("subject", p.subject),
    status: p.status,
    summary: l.text("summary", p.summary),
    history: p.history.map((h, i) => ({
      status: h.status,
      date: dateOf(h.date, precisionOf(h.date), h.certainty, h.phrase),
      note: l.text(`history[${i}].note`, h.note),
      sources: rows.citesOf("history", `${p.id}#${i + 1}`),
    })),
    reasons: p.reasons.map((r, i) => ({
      text: l.text(`reasons[${i}].text`, r.text),
      basis: r.basis,
      sources: rows.citesOf("reason", `${p.id}#${i + 1}`),
    })),
    sources: rows.citesOf("partnership", id),
    story: p.story,
    href: link(`/v1/partnerships/${p.id}`),
    fallback: l.fallback,
  };
}

/** The partnership as its own URL answers it: the record and the events on its timeline. */
export function composePartnershipDetail(rows: ReleaseRows, id: string, lang: Lang) {
  return {
    ...composePartnership(rows, id, lang),
    events: rows.eventsOfPartnership(id).map((e) => composeEvent(rows, e.id, lang)),
  };
}
