import type { RouteHandler } from "@hono/zod-openapi";
import { sendCard } from "../../lib/cards";
import type { AppEnv } from "../../env";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { collection, documentOr404, includedFor, listFiltered, sendJson, single } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import type { getFigure, listFigures, getFigureCard } from "./figures.routes";

export const list: RouteHandler<typeof listFigures, AppEnv> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("figures", query.cursor, 1);
  const rows = await listFiltered(c, "figure", {
    filters: [
      { parameter: "entity", facet: "entity", value: query.entity, names: "entity" },
      { parameter: "metric", facet: "metric", value: query.metric },
      { parameter: "kind", facet: "kind", value: query.kind },
      { parameter: "source", facet: "source", value: query.source, names: "source" },
    ],
    cursor,
    limit,
  });
  const p = page(c, "figures", rows, limit, (r) => [r.id]);
  const included = await includedFor(c, p.items, parseInclude(include));
  return sendJson(
    c,
    collection(
      c,
      p.items.map((r) => r.body),
      p,
      limit,
      included,
    ),
  ) as never;
};

export const get: RouteHandler<typeof getFigure, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const row = await documentOr404(c, "figure", id, "figure");
  return sendJson(
    c,
    single(c, row.body, `/v1/figures/${id}`, await includedFor(c, [row], parseInclude(include))),
  ) as never;
};

/** The share card (PNG). */
export const card: RouteHandler<typeof getFigureCard, AppEnv> = async (c) =>
  (await sendCard(c, "figures", c.req.valid("param").id)) as never;
