import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { parseInclude } from "../../openapi/include";
import { loadEntities } from "../../present/entities";
import { type EventOut, presentEventPage } from "../../present/events";
import { loadSources } from "../../present/sources";
import { collection, single } from "../../lib/envelope";
import { closest } from "../../queries/entities";
import * as q from "../../queries/events";
import type { EVENT_INCLUDES, getEvent, listEvents } from "./events.routes";

type Include = (typeof EVENT_INCLUDES)[number];

/** `included` for a set of events: at most four queries whatever their number. */
export async function eventsIncluded(
  c: Context<AppEnv>,
  data: EventOut[],
  include: string | undefined,
  cited?: Awaited<ReturnType<typeof loadSources>>,
) {
  const asked = parseInclude<Include>(include);
  if (asked.size === 0) return undefined;
  const [sources, entities] = await Promise.all([
    asked.has("sources")
      ? (cited ??
        loadSources(
          c,
          data.flatMap((e) => e.sources),
        ))
      : undefined,
    asked.has("entities")
      ? loadEntities(
          c,
          data.flatMap((e) => e.participants.map((p) => p.id)),
        )
      : undefined,
  ]);
  return { ...(sources ? { sources } : {}), ...(entities ? { entities } : {}) };
}

/** `from` must not be later than `to`, compared at their common precision (2024-06 … 2024 is valid). */
function checkRange(from: string | undefined, to: string | undefined) {
  if (!from || !to) return;
  const n = Math.min(from.length, to.length);
  if (from.slice(0, n) <= to.slice(0, n)) return;
  throw new ProblemError("invalid-parameter", {
    detail: `from, to: from (${from}) is later than to (${to}); give from ≤ to.`,
    errors: [
      { parameter: "from", in: "query", detail: `is later than to (${to})` },
      { parameter: "to", in: "query", detail: `is earlier than from (${from})` },
    ],
  });
}

export const list: RouteHandler<typeof listEvents, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  checkRange(query.from, query.to);
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("events", query.cursor, 2);
  const rows = await q.listEvents(c.get("db"), c.get("release").version, {
    entity: query.entity,
    partnership: query.partnership,
    from: query.from,
    to: query.to,
    cursor,
    limit,
  });
  const p = page(c, "events", rows, limit, (r) => [r.date, r.id]);
  const { data, sources } = await presentEventPage(c, p.items);
  return c.json(collection(c, data, p, limit, await eventsIncluded(c, data, query.include, sources)), 200);
};

export const get: RouteHandler<typeof getEvent, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await q.getEvent(db, release, id);
  if (!row) {
    throw new ProblemError("not-found", {
      detail: `No event has the id "${id}".`,
      suggestions: closest(id, await q.eventIds(db, release)),
    });
  }
  const page = await presentEventPage(c, [row]);
  const [data] = page.data;
  if (!data) throw new Error("unreachable: an event row always presents");
  return c.json(single(c, data, `/v1/events/${id}`, await eventsIncluded(c, [data], include, page.sources)), 200);
};
