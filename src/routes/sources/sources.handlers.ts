import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { documentOr404, includedFor, sendJson, single, listPage } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import type { getSource, listSources } from "./sources.routes";

export const list: RouteHandler<typeof listSources, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  return (await listPage(c, "sources", "source", query, {
    filters: [
      { parameter: "kind", facet: "kind", value: query.kind },
      { parameter: "publisher", facet: "publisher", value: query.publisher, names: "entity" },
    ],
  })) as never;
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
