import type { RouteHandler } from "@hono/zod-openapi";
import { sendCard } from "../../lib/cards";
import type { Context } from "hono";
import { type FactDoc, factMarkdown, factText } from "../../compose/facts";
import { withOrigin } from "../../compose/links";
import type { AppEnv } from "../../env";
import { ProblemError } from "../../lib/problem";
import { documentOr404, idsOf, includedFor, sendJson, single, listPage } from "../../lib/serve";
import { absolute, origin } from "../../lib/urls";
import { dayOf, offered, sendAs } from "../../middleware/negotiate";
import { parseInclude } from "../../openapi/include";
import { factOfTheDayIndex, secondsToUtcMidnight } from "../../lib/day";
import type { Columns, DocRow } from "../../queries/documents";
import { FACT_FORMATS, type getFact, type getFactOfTheDay, type listFacts, type getFactCard } from "./facts.routes";

export const list: RouteHandler<typeof listFacts, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  return (await listPage(c, "facts", "fact", query, {
    filters: [
      { parameter: "entity", facet: "entity", value: query.entity, names: "entity" },
      { parameter: "topic", facet: "topic", value: query.topic },
      { parameter: "status", facet: "status", value: query.status },
      { parameter: "source", facet: "source", value: query.source, names: "source" },
    ],
  })) as never;
};

/** One fact in the negotiated representation (the representation was checked before any query). */
async function answer(
  c: Context<AppEnv>,
  rep: (typeof FACT_FORMATS)[number],
  row: DocRow,
  include: string | undefined,
) {
  const at = (text: string) => withOrigin(text, origin(c));
  switch (rep) {
    case "text":
      return sendAs(c, "text", at(factText(JSON.parse(row.body) as FactDoc)));
    case "markdown":
      return sendAs(c, "markdown", at(factMarkdown(JSON.parse(row.body) as FactDoc, c.get("lang"))));
    case "jsonld":
      return sendAs(c, "jsonld", at(JSON.stringify((JSON.parse(row.extra ?? "{}") as { jsonld: unknown }).jsonld)));
    default: {
      const included = await includedFor(c, [row], parseInclude(include));
      return sendJson(c, single(c, row.body, `/v1/facts/${row.id}`, included));
    }
  }
}

/** Only the JSON-LD representation reads the fact's `extra` (its JSON-LD): the others read the body. */
const columnsFor = (rep: (typeof FACT_FORMATS)[number]): Columns => (rep === "jsonld" ? "all" : "item");

export const get: RouteHandler<typeof getFact, AppEnv> = async (c) => {
  const rep = offered(c, FACT_FORMATS);
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const row = await documentOr404(c, "fact", id, "fact", columnsFor(rep));
  // JSON, text and Markdown bodies are typed loosely by zod-openapi for non-JSON media types: the union of
  // the four representations is not one TypedResponse, hence the cast.
  return (await answer(c, rep, row, include)) as never;
};

export const today: RouteHandler<typeof getFactOfTheDay, AppEnv> = async (c) => {
  const rep = offered(c, FACT_FORMATS);
  const { include } = c.req.valid("query");
  const ids = await idsOf(c, "fact");
  const id = ids[factOfTheDayIndex(dayOf(c), ids.length)];
  if (!id) throw new ProblemError("not-found", { detail: "This release has no facts." });
  const row = await documentOr404(c, "fact", id, "fact", columnsFor(rep));
  const res = await answer(c, rep, row, include);
  res.headers.set("Cache-Control", `public, max-age=${secondsToUtcMidnight()}`);
  res.headers.set("Link", `<${absolute(c, `/v1/facts/${row.id}`)}>; rel="canonical"`);
  return res as never;
};

/** The share card (PNG). */
export const card: RouteHandler<typeof getFactCard, AppEnv> = async (c) =>
  (await sendCard(c, "facts", c.req.valid("param").id)) as never;
