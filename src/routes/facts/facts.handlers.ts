import type { RouteHandler } from "@hono/zod-openapi";
import { sendCard } from "../../lib/cards";
import type { Context } from "hono";
import { type FactDoc, factJsonLd, factMarkdown, factText } from "../../compose/facts";
import type { FigureDoc } from "../../compose/figures";
import type { SourceDoc } from "../../compose/sources";
import { withOrigin } from "../../compose/links";
import type { AppEnv } from "../../env";
import { ProblemError } from "../../lib/problem";
import { documentOr404, idsOf, includedFor, sendJson, single, listPage } from "../../lib/serve";
import { absolute, origin } from "../../lib/urls";
import { dayOf, offered, sendAs } from "../../middleware/negotiate";
import { parseInclude } from "../../openapi/include";
import { factOfTheDayIndex, secondsToUtcMidnight } from "../../lib/day";
import { type Columns, type DocRow, documentsByIds } from "../../queries/documents";
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
      return sendAs(c, "jsonld", at(JSON.stringify(await jsonLdOf(c, row))));
    default: {
      const included = await includedFor(c, [row], parseInclude(include));
      return sendJson(c, single(c, row.body, `/v1/facts/${row.id}`, included));
    }
  }
}

/**
 * The fact's JSON-LD, built from its document and its sources' and figures' (one keyed read). A release before
 * LOADER_VERSION 10 stored it in the fact's `extra`: that is served as it is.
 */
async function jsonLdOf(c: Context<AppEnv>, row: DocRow): Promise<unknown> {
  if (row.extra) return (JSON.parse(row.extra) as { jsonld: unknown }).jsonld;
  const fact = JSON.parse(row.body) as FactDoc;
  const lang = c.get("lang");
  const docs = await documentsByIds(c.get("d1"), c.get("release").version, lang, {
    source: fact.sources,
    figure: fact.figures,
  });
  const of = <T>(kind: string, ids: readonly string[]) => {
    const byId = new Map(docs.filter((d) => d.kind === kind).map((d) => [d.id, JSON.parse(d.body) as T]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };
  return factJsonLd(fact, of<SourceDoc>("source", fact.sources), of<FigureDoc>("figure", fact.figures), lang);
}

/** Only the JSON-LD representation reads the fact's `extra` (its JSON-LD in earlier releases): the others the body. */
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
