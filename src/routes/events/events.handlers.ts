import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { ProblemError } from "../../lib/problem";
import { documentOr404, includedFor, sendJson, single, listPage } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import type { getEvent, listEvents } from "./events.routes";

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

/**
 * Date range conditions with overlap semantics: a partial date stands for the whole period it names, and an
 * event matches when its period overlaps [start of `from`, end of `to`]. On partial-date strings that is a
 * comparison of both sides cut to the shorter of the two lengths (the common precision). Over `s.sort`,
 * which is an event's date.
 */
function dateRange(from: string | undefined, to: string | undefined) {
  const parts: string[] = [];
  const args: string[] = [];
  if (from) {
    args.push(from);
    parts.push(`substr(s.sort, 1, length(?${args.length})) >= substr(?${args.length}, 1, length(s.sort))`);
  }
  if (to) {
    args.push(to);
    parts.push(`substr(s.sort, 1, length(?${args.length})) <= substr(?${args.length}, 1, length(s.sort))`);
  }
  return parts.length ? { sql: parts.join(" AND "), args } : undefined;
}

export const list: RouteHandler<typeof listEvents, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  checkRange(query.from, query.to);
  return (await listPage(c, "events", "event", query, {
    filters: [
      { parameter: "entity", facet: "entity", value: query.entity, names: "entity" },
      { parameter: "partnership", facet: "partnership", value: query.partnership, names: "partnership" },
    ],
    where: dateRange(query.from, query.to),
    sorted: true,
  })) as never;
};

export const get: RouteHandler<typeof getEvent, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const row = await documentOr404(c, "event", id, "event");
  return sendJson(
    c,
    single(c, row.body, `/v1/events/${id}`, await includedFor(c, [row], parseInclude(include))),
  ) as never;
};
