import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { collection, single } from "../../lib/envelope";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { parseInclude } from "../../openapi/include";
import { factIncluded, type FactInclude, presentFacts } from "../../present/facts";
import { closest } from "../../queries/entities";
import * as q from "../../queries/facts";
import type { getFact, listFacts } from "./facts.routes";

export const list: RouteHandler<typeof listFacts, AppEnv> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("facts", query.cursor, 1);
  const rows = await q.listFacts(c.get("db"), c.get("release").version, { ...query, cursor, limit });
  const p = page(c, "facts", rows, limit, (r) => [r.id]);
  const data = await presentFacts(c, p.items);
  const included = await factIncluded(c, data, parseInclude<FactInclude>(include));
  return c.json(collection(c, data, p, limit, included), 200);
};

export const get: RouteHandler<typeof getFact, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await q.getFact(db, release, id);
  if (!row) {
    throw new ProblemError("not-found", {
      detail: `No fact has the id "${id}".`,
      suggestions: closest(id, await q.allFactIds(db, release)),
    });
  }
  const [data] = await presentFacts(c, [row]);
  if (!data) throw new Error("unreachable: a fact row always presents");
  const included = await factIncluded(c, [data], parseInclude<FactInclude>(include));
  return c.json(single(c, data, `/v1/facts/${id}`, included), 200);
};
