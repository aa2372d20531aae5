import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { estimate as estimateMemory } from "../../compose/budget-arithmetic";
import { type BudgetCheckDoc, type BudgetCheckRender, checkKey } from "../../compose/budget-checks";
import type { composeBudget } from "../../compose/budgets";
import { link, withOrigin } from "../../compose/links";
import type { SourceDoc } from "../../compose/sources";
import type { AppEnv } from "../../env";
import { ProblemError } from "../../lib/problem";
import { includedFor, neighboursOf, sendJson, single, listPage } from "../../lib/serve";
import { origin } from "../../lib/urls";
import { offered, sendAs } from "../../middleware/negotiate";
import { parseInclude } from "../../openapi/include";
import { type DocRow, getDocument, listDocuments, resolveDocument } from "../../queries/documents";
import { closest, entityKeysOf } from "../../queries/entities";
import { answerLink, checkMarkdown, checkText, estimateMarkdown, estimateText } from "./budgets.text";
import { sendSvg } from "../../lib/picture";
import { renderBudgetChart } from "../../render/budget-chart";
import type { checkBudget, checkBudgetChart, estimateBudget, getBudget, listBudgets } from "./budgets.routes";

type BudgetDoc = ReturnType<typeof composeBudget>;

/**
 * Close ids among the candidates (the ids next to the missing one: a bounded read), or all the candidates when
 * none is close and there are few (so a client always gets a way on).
 */
const suggest = (id: string, all: string[]) => {
  const close = closest(id, all);
  return close.length > 0 || all.length > 5 ? close : all;
};

async function budgetOr404(c: Context<AppEnv>, id: string, parameter?: string): Promise<DocRow> {
  const row = await getDocument(c.get("d1"), c.get("release").version, "budget", id, c.get("lang"));
  if (row) return row;
  throw new ProblemError("not-found", {
    detail: `${parameter ? `${parameter}: ` : ""}No budget has the id "${id}".`,
    ...(parameter ? { errors: [{ parameter, in: "query" as const, detail: `no budget has the id "${id}"` }] } : {}),
    suggestions: suggest(id, await neighboursOf(c, "budget", id)),
  });
}

export const list: RouteHandler<typeof listBudgets, AppEnv> = async (c) =>
  (await listPage(c, "budgets", "budget", c.req.valid("query"))) as never;

export const get: RouteHandler<typeof getBudget, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const row = await budgetOr404(c, id);
  return sendJson(
    c,
    single(c, row.body, `/v1/budgets/${id}`, await includedFor(c, [row], parseInclude(include))),
  ) as never;
};

/** The ids of the release's first models (error messages): one bounded range of the type facet. */
async function modelIds(c: Context<AppEnv>) {
  const rows = await listDocuments(c.get("d1"), c.get("release").version, "entity", "en", {
    facets: [["type", "model"]],
    cursor: null,
    limit: 10,
  });
  return rows.map((r) => r.id);
}

/**
 * Why there is no composed check for `model` and `budget`: the model is unknown (404), not a model (400),
 * the budget is unknown (404), or the model is known by another name (its canonical id is returned).
 */
async function canonicalModel(c: Context<AppEnv>, id: string): Promise<string> {
  const found = await resolveDocument(c.get("d1"), c.get("release").version, "entity", entityKeysOf(id), "en");
  const canonical = found.doc ? id : [...new Set(entityKeysOf(id).flatMap((k) => found.aliases.get(k) ?? []))];
  const entityId = typeof canonical === "string" ? canonical : canonical.length === 1 ? canonical[0] : undefined;
  if (!entityId) {
    throw new ProblemError("not-found", {
      detail: `model: no entity has the id "${id}".`,
      errors: [{ parameter: "model", in: "query", detail: `no entity has the id "${id}"` }],
      suggestions: suggest(id, await neighboursOf(c, "entity", id)),
    });
  }
  const entity =
    found.doc?.id === entityId
      ? found.doc
      : await getDocument(c.get("d1"), c.get("release").version, "entity", entityId, "en");
  const type = entity ? (JSON.parse(entity.body) as { type: string }).type : "unknown";
  if (type !== "model") {
    const detail = `"${entityId}" is an entity of type ${type}, not a model; give a model id (${(await modelIds(c)).join(", ")})`;
    throw new ProblemError("invalid-parameter", {
      detail: `model: ${detail}`,
      errors: [{ parameter: "model", in: "query", detail }],
    });
  }
  return entityId;
}

/** The representations of a check and an estimate; JSON-LD clients get JSON. */
const BUDGET_FORMATS = ["json", "text", "markdown"] as const;

/**
 * The composed check of `model` against `budget`: one keyed read. Only when there is none is the request
 * examined further (an alias of the model, an unknown model or budget, or a pair from different stories).
 */
async function checkRow(c: Context<AppEnv>, query: { model: string; budget: string }): Promise<DocRow> {
  const d1 = c.get("d1");
  const release = c.get("release").version;
  const lang = c.get("lang");
  let row = await getDocument(d1, release, "budget-check", checkKey(query.model, query.budget), lang);
  if (!row) {
    const model = await canonicalModel(c, query.model);
    await budgetOr404(c, query.budget, "budget");
    row =
      model === query.model
        ? null
        : await getDocument(d1, release, "budget-check", checkKey(model, query.budget), lang);
    if (!row) {
      const detail = `model "${model}" and budget "${query.budget}" belong to different stories: no check compares them`;
      throw new ProblemError("not-found", {
        detail: `model, budget: ${detail}.`,
        errors: [
          { parameter: "model", in: "query", detail },
          { parameter: "budget", in: "query", detail },
        ],
      });
    }
  }
  return row;
}

export const checks: RouteHandler<typeof checkBudget, AppEnv> = async (c) => {
  const rep = offered(c, BUDGET_FORMATS, "json");
  const query = c.req.valid("query");
  const lang = c.get("lang");
  const row = await checkRow(c, query);
  if (rep !== "json") {
    const data = JSON.parse(row.body) as BudgetCheckDoc;
    const render = JSON.parse(row.extra ?? "{}") as BudgetCheckRender;
    const body =
      rep === "text"
        ? checkText(lang, answerLink(c), data, render.sources)
        : checkMarkdown(
            lang,
            answerLink(c),
            data,
            render.sources,
            (id) => render.conditions[id] ?? "",
            (id) => render.limitDisplay[id] ?? null,
          );
    // Non-JSON bodies are typed loosely by zod-openapi (text/markdown is a plain Response): hence the cast.
    return sendAs(c, rep, withOrigin(body, origin(c))) as never;
  }
  const url = new URL(c.req.url);
  const included = await includedFor(c, [row], parseInclude(query.include));
  return sendJson(c, single(c, row.body, url.pathname + url.search, included)) as never;
};

/** The check as a chart (SVG): the same lookup, the same errors. */
export const chart: RouteHandler<typeof checkBudgetChart, AppEnv> = async (c) => {
  const row = await checkRow(c, c.req.valid("query"));
  return sendSvg(c, renderBudgetChart(JSON.parse(row.body) as BudgetCheckDoc, c.get("lang"))) as never;
};

export const estimate: RouteHandler<typeof estimateBudget, AppEnv> = async (c) => {
  const rep = offered(c, BUDGET_FORMATS, "json");
  const query = c.req.valid("query");
  const lang = c.get("lang");
  const row = query.budget
    ? await budgetOr404(c, query.budget, "budget")
    : (await listDocuments(c.get("d1"), c.get("release").version, "budget", lang, { cursor: null, limit: 1 }))[0];
  if (!row) throw new ProblemError("not-found", { detail: "budget: this release has no budgets." });
  const budget = JSON.parse(row.body) as BudgetDoc;
  const limit = budget.limits.find((x) => x.metric === "memory_footprint");
  if (!limit) {
    const detail = `budget "${budget.id}" has no memory_footprint limit to judge weight memory against`;
    throw new ProblemError("invalid-parameter", {
      detail: `budget: ${detail}`,
      errors: [{ parameter: "budget", in: "query", detail }],
    });
  }
  const extra = JSON.parse(row.extra ?? "{}") as { cites: Record<string, string[]>; sources: SourceDoc[] };
  const { summary, ...result } = estimateMemory(
    { parameters: query.parameters, ...query.bits },
    limit,
    budget.name,
    lang,
  );
  const citations = extra.cites[limit.figure] ?? [];
  const data = {
    ...result,
    budget: {
      id: budget.id,
      name: budget.name,
      default: query.budget === undefined,
      metric: "memory_footprint" as const,
      max: limit.max,
      unit: limit.unit,
      figure: limit.figure,
      href: link(`/v1/budgets/${budget.id}`),
    },
    summary,
    citations,
    fallback: budget.fallback.includes("name") ? ["budget.name"] : [],
  };
  if (rep !== "json") {
    const sources = citations.map((id) => extra.sources.find((s) => s.id === id)).filter((s): s is SourceDoc => !!s);
    const body =
      rep === "text"
        ? estimateText(lang, answerLink(c), data, sources)
        : estimateMarkdown(lang, answerLink(c), data, sources);
    // Non-JSON bodies are typed loosely by zod-openapi (text/markdown is a plain Response): hence the cast.
    return sendAs(c, rep, withOrigin(body, origin(c))) as never;
  }
  const url = new URL(c.req.url);
  return sendJson(c, single(c, JSON.stringify(data), url.pathname + url.search)) as never;
};
