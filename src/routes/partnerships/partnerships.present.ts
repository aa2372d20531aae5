import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { Localizer } from "../../lib/localize";
import { absolute } from "../../lib/urls";
import { ref } from "../../present/events";
import { dateOf } from "../../lib/localize";
import { entitiesByIds } from "../../queries/entities";
import * as q from "../../queries/partnerships";
import { citationsOf } from "../../queries/sources";

/**
 * Presents a page of partnership rows: six queries (parties, history, reasons, and the citations of the
 * partnerships, of the history steps and of the reasons) whatever the page size.
 */
export async function presentPartnerships(c: Context<AppEnv>, rows: q.PartnershipRow[]) {
  if (rows.length === 0) return [];
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const [parties, history, reasons, cites] = await Promise.all([
    entitiesByIds(db, release, [...new Set(rows.flatMap((r) => [r.partyA, r.partyB]))]),
    q.historyOf(db, release, ids),
    q.reasonsOf(db, release, ids),
    citationsOf(db, release, "partnership", ids),
  ]);
  const [historyCites, reasonCites] = await Promise.all([
    citationsOf(
      db,
      release,
      "history",
      history.map((h) => `${h.partnershipId}#${h.seq}`),
    ),
    citationsOf(
      db,
      release,
      "reason",
      reasons.map((r) => `${r.partnershipId}#${r.seq}`),
    ),
  ]);
  const party = new Map(parties.map((e) => [e.id, e]));
  return rows.map((row) => {
    const l = new Localizer(c.get("lang"));
    const refOf = (id: string, i: number) => {
      const e = party.get(id);
      if (!e) throw new Error(`unreachable: party ${id} of ${row.id} is not an entity`);
      return ref(c, l, `parties[${i}].name`, e);
    };
    return {
      id: row.id,
      parties: [refOf(row.partyA, 0), refOf(row.partyB, 1)] as [ReturnType<typeof refOf>, ReturnType<typeof refOf>],
      subject: l.text("subject", row.subject),
      status: row.status,
      summary: l.text("summary", row.summary),
      history: history
        .filter((h) => h.partnershipId === row.id)
        .map((h, i) => ({
          status: h.status,
          date: dateOf(h.date, h.datePrecision, h.dateCertainty, h.datePhrase),
          note: l.text(`history[${i}].note`, h.note),
          sources: historyCites.get(`${row.id}#${h.seq}`) ?? [],
        })),
      reasons: reasons
        .filter((r) => r.partnershipId === row.id)
        .map((r, i) => ({
          text: l.text(`reasons[${i}].text`, r.text),
          basis: r.basis,
          sources: reasonCites.get(`${row.id}#${r.seq}`) ?? [],
        })),
      sources: cites.get(row.id) ?? [],
      story: row.storyId,
      href: absolute(c, `/v1/partnerships/${row.id}`),
      fallback: l.fallback,
    };
  });
}

export type PartnershipOut = Awaited<ReturnType<typeof presentPartnerships>>[number];
