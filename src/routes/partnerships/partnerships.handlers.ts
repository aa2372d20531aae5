import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { parseInclude } from "../../openapi/include";
import { loadEntities } from "../../present/entities";
import { type EventOut, presentEvents } from "../../present/events";
import { loadSources } from "../../present/sources";
import { collection, single } from "../../lib/envelope";
import { closest } from "../../queries/entities";
import { eventsOfPartnerships } from "../../queries/events";
import * as q from "../../queries/partnerships";
import { type PartnershipOut, presentPartnerships } from "./partnerships.present";
import type { getPartnership, listPartnerships, PARTNERSHIP_INCLUDES } from "./partnerships.routes";

type Include = (typeof PARTNERSHIP_INCLUDES)[number];

/** Every source and entity the partnerships (and their embedded events) reference: ≤ 4 queries. */
async function included(c: Context<AppEnv>, data: PartnershipOut[], events: EventOut[], include: string | undefined) {
  const asked = parseInclude<Include>(include);
  if (asked.size === 0) return undefined;
  const sourceIds = [
    ...data.flatMap((p) => [
      ...p.sources,
      ...p.history.flatMap((h) => h.sources),
      ...p.reasons.flatMap((r) => r.sources),
    ]),
    ...events.flatMap((e) => e.sources),
  ];
  const entityIds = [
    ...data.flatMap((p) => p.parties.map((e) => e.id)),
    ...events.flatMap((e) => e.participants.map((x) => x.id)),
  ];
  const [sources, entities] = await Promise.all([
    asked.has("sources") ? loadSources(c, sourceIds) : undefined,
    asked.has("entities") ? loadEntities(c, entityIds) : undefined,
  ]);
  return { ...(sources ? { sources } : {}), ...(entities ? { entities } : {}) };
}

export const list: RouteHandler<typeof listPartnerships, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("partnerships", query.cursor, 1);
  const rows = await q.listPartnerships(c.get("db"), c.get("release").version, {
    party: query.party,
    status: query.status,
    cursor,
    limit,
  });
  const p = page(c, "partnerships", rows, limit, (r) => [r.id]);
  const data = await presentPartnerships(c, p.items);
  return c.json(collection(c, data, p, limit, await included(c, data, [], query.include)), 200);
};

export const get: RouteHandler<typeof getPartnership, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await q.getPartnership(db, release, id);
  if (!row) {
    throw new ProblemError("not-found", {
      detail: `No partnership has the id "${id}".`,
      suggestions: closest(id, await q.partnershipIds(db, release)),
    });
  }
  const [[partnership], events] = await Promise.all([
    presentPartnerships(c, [row]),
    eventsOfPartnerships(db, release, [id]).then((rows) => presentEvents(c, rows)),
  ]);
  if (!partnership) throw new Error("unreachable: a partnership row always presents");
  const data = { ...partnership, events };
  return c.json(single(c, data, `/v1/partnerships/${id}`, await included(c, [partnership], events, include)), 200);
};
