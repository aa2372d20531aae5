import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { ProblemError } from "../../lib/problem";
import { documentOr404, includedFor, sendJson, single, listPage } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import type { SortRange } from "../../queries/documents";
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
 * comparison of both sides cut to the shorter of the two lengths (the common precision), tested on an
 * event's sort key, its date. Every date starts with its year, so no match sorts below `from`'s year or above
 * `to`'s (`~` sorts after the digits and `-`): where the read starts and stops.
 */
function dateRange(from: string | undefined, to: string | undefined): SortRange | undefined {
  if (!from && !to) return undefined;
  const cut = (a: string, b: string) => [a.slice(0, b.length), b.slice(0, a.length)] as const;
  return {
    test: (date) => {
      if (from) {
        const [d, f] = cut(date, from);
        if (d < f) return false;
      }
      if (to) {
        const [d, t] = cut(date, to);
        if (d > t) return false;
      }
      return true;
    },
    ...(from ? { from: from.slice(0, 4) } : {}),
    ...(to ? { to: `${to.slice(0, 4)}~` } : {}),
  };
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
