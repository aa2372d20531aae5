import type { RouteHandler } from "@hono/zod-openapi";
import { sendCard } from "../../lib/cards";
import type { Refs } from "../../compose";
import type { AppEnv } from "../../env";
import { documentOr404, includedFor, sendJson, single, listPage } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import { detailOf } from "../../queries/documents";
import type { getPartnership, listPartnerships, getPartnershipCard } from "./partnerships.routes";

export const list: RouteHandler<typeof listPartnerships, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  return (await listPage(c, "partnerships", "partnership", query, {
    filters: [
      { parameter: "party", facet: "party", value: query.party, names: "entity" },
      { parameter: "status", facet: "status", value: query.status },
    ],
  })) as never;
};

export const get: RouteHandler<typeof getPartnership, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const row = await documentOr404(c, "partnership", id, "partnership");
  // The detail embeds the timeline's events: its refs are theirs too.
  const { detailRefs } = JSON.parse(row.extra ?? "{}") as { detailRefs?: Refs };
  const included = await includedFor(c, [{ refs: JSON.stringify(detailRefs ?? {}) }], parseInclude(include));
  return sendJson(c, single(c, detailOf(row), `/v1/partnerships/${id}`, included)) as never;
};

/** The share card (PNG). */
export const card: RouteHandler<typeof getPartnershipCard, AppEnv> = async (c) =>
  (await sendCard(c, "partnerships", c.req.valid("param").id)) as never;
