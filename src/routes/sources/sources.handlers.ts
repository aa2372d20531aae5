import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { parseInclude } from "../../openapi/include";
import { loadEntities } from "../../present/entities";
import { presentSource } from "../../present/sources";
import { collection, single } from "../../lib/envelope";
import { closest } from "../../queries/entities";
import * as q from "../../queries/sources";
import type { getSource, listSources, SOURCE_INCLUDES } from "./sources.routes";

type Include = (typeof SOURCE_INCLUDES)[number];

async function included(c: Parameters<typeof loadEntities>[0], rows: q.SourceRow[], include: string | undefined) {
  const asked = parseInclude<Include>(include);
  if (asked.size === 0) return undefined;
  return {
    entities: await loadEntities(
      c,
      rows.map((r) => r.publisherId),
    ),
  };
}

export const list: RouteHandler<typeof listSources, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("sources", query.cursor, 1);
  const rows = await q.listSources(c.get("db"), c.get("release").version, {
    kind: query.kind,
    publisher: query.publisher,
    cursor,
    limit,
  });
  const p = page(c, "sources", rows, limit, (r) => [r.id]);
  const data = p.items.map((r) => presentSource(c, r, c.get("lang")));
  return c.json(collection(c, data, p, limit, await included(c, p.items, query.include)), 200);
};

export const get: RouteHandler<typeof getSource, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await q.getSource(db, release, id);
  if (!row) {
    throw new ProblemError("not-found", {
      detail: `No source has the id "${id}".`,
      suggestions: closest(id, await q.sourceIds(db, release)),
    });
  }
  const data = presentSource(c, row, c.get("lang"));
  return c.json(single(c, data, `/v1/sources/${id}`, await included(c, [row], include)), 200);
};
