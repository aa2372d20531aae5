import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { collection, single } from "../../lib/envelope";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { parseInclude } from "../../openapi/include";
import { loadEntities } from "../../present/entities";
import { type FigureOut, figureEntityIds, presentFigurePage } from "../../present/figures";
import { loadSources } from "../../present/sources";
import { closest } from "../../queries/entities";
import * as q from "../../queries/figures";
import type { FIGURE_INCLUDES, getFigure, listFigures } from "./figures.routes";

type Include = (typeof FIGURE_INCLUDES)[number];

/** `included` for a page of figures: at most one query per kind asked for. */
export async function figureIncluded(
  c: Context<AppEnv>,
  include: string | undefined,
  figures: FigureOut[],
  cited?: Awaited<ReturnType<typeof loadSources>>,
) {
  const kinds = parseInclude<Include>(include);
  if (kinds.size === 0) return undefined;
  const [sources, entities] = await Promise.all([
    kinds.has("sources")
      ? (cited ??
        loadSources(
          c,
          figures.flatMap((f) => f.sources),
        ))
      : undefined,
    kinds.has("entities") ? loadEntities(c, figures.flatMap(figureEntityIds)) : undefined,
  ]);
  return { ...(sources ? { sources } : {}), ...(entities ? { entities } : {}) };
}

export const list: RouteHandler<typeof listFigures, AppEnv> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("figures", query.cursor, 1);
  const rows = await q.listFigures(c.get("db"), c.get("release").version, { ...query, cursor, limit });
  const p = page(c, "figures", rows, limit, (r) => [r.id]);
  const { data, sources } = await presentFigurePage(c, p.items);
  return c.json(collection(c, data, p, limit, await figureIncluded(c, include, data, sources)), 200);
};

export const get: RouteHandler<typeof getFigure, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await q.getFigure(db, release, id);
  if (!row) {
    throw new ProblemError("not-found", {
      detail: `No figure has the id "${id}".`,
      suggestions: closest(id, await q.allFigureIds(db, release)),
    });
  }
  const { data, sources } = await presentFigurePage(c, [row]);
  const [figure] = data;
  if (!figure) throw new Error("unreachable: a figure row always presents");
  return c.json(single(c, figure, `/v1/figures/${id}`, await figureIncluded(c, include, data, sources)), 200);
};
