import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { collection, single } from "../../lib/envelope";
import { Localizer } from "../../lib/localize";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { absolute } from "../../lib/urls";
import { parseInclude } from "../../openapi/include";
import { entityRef } from "../../present/entities";
import { loadFigures } from "../../present/figures";
import { loadSources } from "../../present/sources";
import * as q from "../../queries/budgets";
import { closest, getEntity, listEntities, resolveEntityAlias } from "../../queries/entities";
import { figuresByIds, figuresOfSubject } from "../../queries/figures";
import { citationsOf } from "../../queries/sources";
import { offered, sendAs } from "../../middleware/negotiate";
import { checkBudget as check, conditionsOf, consistencyNotes, estimate as estimateMemory } from "./budgets.check";
import { checkMarkdown, checkText, estimateMarkdown, estimateText, inOrder } from "./budgets.text";
import { budgetIncluded, presentBudgets } from "./budgets.present";
import type { CHECK_INCLUDES, checkBudget, estimateBudget, getBudget, listBudgets } from "./budgets.routes";

/** Close ids, or all of them when none is close and there are few (so a client always gets a way on). */
const suggest = (id: string, all: string[]) => {
  const close = closest(id, all);
  return close.length > 0 || all.length > 5 ? close : all;
};

async function budgetOr404(c: Context<AppEnv>, id: string, parameter?: string) {
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await q.getBudget(db, release, id);
  if (row) return row;
  throw new ProblemError("not-found", {
    detail: `${parameter ? `${parameter}: ` : ""}No budget has the id "${id}".`,
    ...(parameter ? { errors: [{ parameter, in: "query" as const, detail: `no budget has the id "${id}"` }] } : {}),
    suggestions: suggest(id, await q.allBudgetIds(db, release)),
  });
}

export const list: RouteHandler<typeof listBudgets, AppEnv> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("budgets", query.cursor, 1);
  const rows = await q.listBudgets(c.get("db"), c.get("release").version, { cursor, limit });
  const p = page(c, "budgets", rows, limit, (r) => [r.id]);
  const data = await presentBudgets(c, p.items);
  return c.json(collection(c, data, p, limit, await budgetIncluded(c, include, data)), 200);
};

export const get: RouteHandler<typeof getBudget, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const data = await presentBudgets(c, [await budgetOr404(c, id)]);
  const [budget] = data;
  if (!budget) throw new Error("unreachable: a budget row always presents");
  return c.json(single(c, budget, `/v1/budgets/${id}`, await budgetIncluded(c, include, data)), 200);
};

/** The model entity for `model=`: itself or the entity an alias names; 404 / 400 naming the parameter. */
async function modelOrProblem(c: Context<AppEnv>, id: string) {
  const db = c.get("db");
  const release = c.get("release").version;
  const direct = await getEntity(db, release, id);
  const alias = direct ? null : await resolveEntityAlias(db, release, id);
  const row = direct ?? (alias ? await getEntity(db, release, alias) : null);
  const models = async () =>
    (await listEntities(db, release, { type: "model", cursor: null, limit: 200 })).map((r) => r.id);
  if (!row) {
    throw new ProblemError("not-found", {
      detail: `model: no entity has the id "${id}".`,
      errors: [{ parameter: "model", in: "query", detail: `no entity has the id "${id}"` }],
      suggestions: suggest(id, await models()),
    });
  }
  if (row.type !== "model") {
    const detail = `"${row.id}" is an entity of type ${row.type}, not a model; give a model id (${(await models()).join(", ")})`;
    throw new ProblemError("invalid-parameter", {
      detail: `model: ${detail}`,
      errors: [{ parameter: "model", in: "query", detail }],
    });
  }
  return row;
}

/** The representations of a check and an estimate; JSON-LD clients get JSON. */
const BUDGET_FORMATS = ["json", "text", "markdown"] as const;

export const checks: RouteHandler<typeof checkBudget, AppEnv> = async (c) => {
  const rep = offered(c, BUDGET_FORMATS, "json");
  const query = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const lang = c.get("lang");
  const model = await modelOrProblem(c, query.model);
  const budget = await budgetOr404(c, query.budget, "budget");
  const [limits, figures] = await Promise.all([
    q.limitsOf(db, release, [budget.id]),
    figuresOfSubject(db, release, model.id),
  ]);
  const limitIds = limits.map((x) => x.figureId);
  const [limitFigures, cites] = await Promise.all([
    figuresByIds(db, release, limitIds),
    citationsOf(db, release, "figure", [...figures.map((f) => f.id), ...limitIds]),
  ]);
  const l = new Localizer(lang);
  const modelRef = { ...entityRef(c, l, "model.name", model), type: model.type };
  const budgetName = l.text("budget.name", budget.name);
  const result = check({
    lang,
    l,
    modelName: modelRef.name,
    budgetName,
    limits,
    figures,
    limitFigures: new Map(limitFigures.map((f) => [f.id, f])),
    cites,
  });
  const consistency = consistencyNotes(figures, l, lang);
  const citations = [
    ...new Set([
      ...result.checks.flatMap((x) => x.citations),
      ...consistency.flatMap((n) => n.figures.flatMap((id) => cites.get(id) ?? [])),
    ]),
  ];
  const data = {
    model: modelRef,
    budget: { id: budget.id, name: budgetName, href: absolute(c, `/v1/budgets/${budget.id}`) },
    ...result,
    consistency,
    citations,
    fallback: l.fallback,
  };
  if (rep !== "json") {
    const sources = inOrder(await loadSources(c, citations), citations);
    if (rep === "text") return sendAs(c, "text", checkText(c, data, sources)) as never;
    const byId = new Map([...figures, ...limitFigures].map((f) => [f.id, f]));
    const conditions = (id: string) => {
      const f = byId.get(id);
      return f ? conditionsOf(f, l, lang) : "";
    };
    const limitDisplay = (id: string) => {
      const f = byId.get(id);
      return f ? l.text("checks.limit.display", f.display) : null;
    };
    // Non-JSON bodies are typed loosely by zod-openapi (text/markdown is a plain Response): hence the cast.
    return sendAs(c, "markdown", checkMarkdown(c, data, sources, conditions, limitDisplay)) as never;
  }
  const kinds = parseInclude<(typeof CHECK_INCLUDES)[number]>(query.include);
  const figureIds = [
    ...result.checks.flatMap((x) => [...(x.figure ? [x.figure] : []), ...x.other_figures.map((o) => o.figure)]),
    ...limitIds,
    ...consistency.flatMap((n) => n.figures),
  ];
  const [sources, included] = await Promise.all([
    kinds.has("sources") ? loadSources(c, citations) : undefined,
    kinds.has("figures") ? loadFigures(c, figureIds) : undefined,
  ]);
  const url = new URL(c.req.url);
  return c.json(
    single(
      c,
      data,
      url.pathname + url.search,
      kinds.size ? { ...(sources ? { sources } : {}), ...(included ? { figures: included } : {}) } : undefined,
    ),
    200,
  );
};

export const estimate: RouteHandler<typeof estimateBudget, AppEnv> = async (c) => {
  const rep = offered(c, BUDGET_FORMATS, "json");
  const query = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const lang = c.get("lang");
  const budget = query.budget ? await budgetOr404(c, query.budget, "budget") : await q.firstBudget(db, release);
  if (!budget) throw new ProblemError("not-found", { detail: "budget: this release has no budgets." });
  const limit = (await q.limitsOf(db, release, [budget.id])).find((x) => x.metric === "memory_footprint");
  if (!limit) {
    const detail = `budget "${budget.id}" has no memory_footprint limit to judge weight memory against`;
    throw new ProblemError("invalid-parameter", {
      detail: `budget: ${detail}`,
      errors: [{ parameter: "budget", in: "query", detail }],
    });
  }
  const cites = await citationsOf(db, release, "figure", [limit.figureId]);
  const l = new Localizer(lang);
  const budgetName = l.text("budget.name", budget.name);
  const { summary, ...result } = estimateMemory(
    { parameters: query.parameters, ...query.bits },
    limit,
    budgetName,
    lang,
  );
  const data = {
    ...result,
    budget: {
      id: budget.id,
      name: budgetName,
      default: query.budget === undefined,
      metric: "memory_footprint" as const,
      max: limit.max,
      unit: limit.unit,
      figure: limit.figureId,
      href: absolute(c, `/v1/budgets/${budget.id}`),
    },
    summary,
    citations: cites.get(limit.figureId) ?? [],
    fallback: l.fallback,
  };
  if (rep !== "json") {
    const sources = inOrder(await loadSources(c, data.citations), data.citations);
    const body = rep === "text" ? estimateText(c, data, sources) : estimateMarkdown(c, data, sources);
    // Non-JSON bodies are typed loosely by zod-openapi (text/markdown is a plain Response): hence the cast.
    return sendAs(c, rep, body) as never;
  }
  const url = new URL(c.req.url);
  return c.json(single(c, data, url.pathname + url.search), 200);
};
