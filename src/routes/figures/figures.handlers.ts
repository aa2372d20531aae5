import type { RouteHandler } from "@hono/zod-openapi";
import { sendCard } from "../../lib/cards";
import type { AppEnv } from "../../env";
import { documentOr404, includedFor, sendJson, single, listPage } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import type { getFigure, listFigures, getFigureCard } from "./figures.routes";

export const list: RouteHandler<typeof listFigures, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  return (await listPage(c, "figures", "figure", query, {
    filters: [
      { parameter: "entity", facet: "entity", value: query.entity, names: "entity" },
      { parameter: "metric", facet: "metric", value: query.metric },
      { parameter: "kind", facet: "kind", value: query.kind },
      { parameter: "source", facet: "source", value: query.source, names: "source" },
    ],
  })) as never;
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
