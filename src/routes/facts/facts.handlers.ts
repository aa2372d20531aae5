import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { collection, single } from "../../lib/envelope";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { dayOf, offered, sendAs } from "../../middleware/negotiate";
import { parseInclude } from "../../openapi/include";
import {
  factIncluded,
  type FactInclude,
  factJsonLd,
  factMarkdown,
  factOfTheDayIndex,
  factText,
  presentFactPage,
  secondsToUtcMidnight,
} from "../../present/facts";
import { closest } from "../../queries/entities";
import * as q from "../../queries/facts";
import { figuresByIds } from "../../queries/figures";
import { FACT_FORMATS, type getFact, type getFactOfTheDay, type listFacts } from "./facts.routes";

export const list: RouteHandler<typeof listFacts, AppEnv> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("facts", query.cursor, 1);
  const rows = await q.listFacts(c.get("db"), c.get("release").version, { ...query, cursor, limit });
  const p = page(c, "facts", rows, limit, (r) => [r.id]);
  const { data, sources } = await presentFactPage(c, p.items);
  const included = await factIncluded(c, data, parseInclude<FactInclude>(include), sources);
  return c.json(collection(c, data, p, limit, included), 200);
};

/** One fact in the negotiated representation (the representation was checked before any query). */
async function answer(
  c: Context<AppEnv>,
  rep: (typeof FACT_FORMATS)[number],
  row: q.FactRow,
  include: string | undefined,
) {
  const { data, sources, sourcesOf } = await presentFactPage(c, [row]);
  const [fact] = data;
  if (!fact) throw new Error("unreachable: a fact row always presents");
  switch (rep) {
    case "text":
      return sendAs(c, "text", factText(fact));
    case "markdown":
      return sendAs(c, "markdown", factMarkdown(fact, c.get("lang")));
    case "jsonld": {
      const figures = fact.figures.length
        ? await figuresByIds(c.get("db"), c.get("release").version, fact.figures)
        : [];
      return sendAs(c, "jsonld", JSON.stringify(factJsonLd(c, fact, sourcesOf(fact.id), figures)));
    }
    default: {
      const included = await factIncluded(c, [fact], parseInclude<FactInclude>(include), sources);
      return c.json(single(c, fact, `/v1/facts/${fact.id}`, included), 200);
    }
  }
}

export const get: RouteHandler<typeof getFact, AppEnv> = async (c) => {
  const rep = offered(c, FACT_FORMATS);
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
  // JSON, text and Markdown bodies are typed loosely by zod-openapi for non-JSON media types: the union of
  // the four representations is not one TypedResponse, hence the cast.
  return (await answer(c, rep, row, include)) as never;
};

export const today: RouteHandler<typeof getFactOfTheDay, AppEnv> = async (c) => {
  const rep = offered(c, FACT_FORMATS);
  const { include } = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = await q.allFactIds(db, release);
  const id = ids[factOfTheDayIndex(dayOf(c), ids.length)];
  const row = id ? await q.getFact(db, release, id) : null;
  if (!row) throw new ProblemError("not-found", { detail: "This release has no facts." });
  const res = await answer(c, rep, row, include);
  res.headers.set("Cache-Control", `public, max-age=${secondsToUtcMidnight()}`);
  res.headers.set("Link", `</v1/facts/${row.id}>; rel="canonical"`);
  return res as never;
};
