import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { collection, documentOr404, includedFor, listFiltered, sendJson, single } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import type { getSource, listSources } from "./sources.routes";

export const list: RouteHandler<typeof listSources, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("sources", query.cursor, 1);
  const rows = await listFiltered(c, "source", {
    filters: [
      { parameter: "kind", facet: "kind", value: query.kind },
      { parameter: "publisher", facet: "publisher", value: query.publisher, names: "entity" },
    ],
    cursor,
    limit,
  });
  const p = page(c, "sources", rows, limit, (r) => [r.id]);
  const included = await includedFor(c, p.items, parseInclude(query.include));
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

export const get: RouteHandler<typeof getSource, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const row = await documentOr404(c, "source", id, "source");
  return sendJson(
    c,
    single(c, row.body, `/v1/sources/${id}`, await includedFor(c, [row], parseInclude(include))),
  ) as never;
};
