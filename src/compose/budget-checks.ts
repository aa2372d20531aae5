/**
 * Composes budget checks: every model of a story against every budget of that story, at publish. What the
 * text and Markdown representations need beyond the JSON record (the cited sources, each figure's conditions
 * and the limits' display strings) is composed with it.
 */
import type { Lang } from "../dataset/schema";
import { Localizer } from "../lib/localize";
import { checkBudget, conditionsOf, consistencyNotes } from "./budget-arithmetic";
import { entityRef } from "./entities";
import { link } from "./links";
import type { ReleaseRows } from "./rows";
import { composeSource } from "./sources";

/** The (model, budget) pairs composed: models and budgets of the same story. */
export function budgetCheckPairs(rows: ReleaseRows): [string, string][] {
  const pairs: [string, string][] = [];
  for (const b of rows.d.budgets) for (const model of rows.modelsOf(b.story)) pairs.push([model, b.id]);
  return pairs;
}

/** The document key of a check. */
export const checkKey = (model: string, budget: string) => `${model}|${budget}`;

export function composeBudgetCheck(rows: ReleaseRows, modelId: string, budgetId: string, lang: Lang) {
  const model = rows.entity(modelId);
  const budget = rows.budgets.get(budgetId);
  if (!budget) throw new Error(`unknown budget ${budgetId}`);
  const limits = rows.limits(budgetId);
  const figures = rows.figuresOfSubject(modelId);
  const limitIds = limits.map((x) => x.figureId);
  const limitFigures = [...new Set(limitIds)].sort().map((id) => rows.figure(id));
  const cites = rows.citeMap("figure", [...figures.map((f) => f.id), ...limitIds]);
  const l = new Localizer(lang);
  const modelRef = { ...entityRef(l, "model.name", model), type: model.type };
  const budgetName = l.text("budget.name", budget.name);
  const result = checkBudget({
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
    budget: { id: budget.id, name: budgetName, href: link(`/v1/budgets/${budget.id}`) },
    ...result,
    consistency,
    citations,
    fallback: [...l.fallback],
  };
  const figureIds = [
    ...result.checks.flatMap((x) => [...(x.figure ? [x.figure] : []), ...x.other_figures.map((o) => o.figure)]),
    ...limitIds,
    ...consistency.flatMap((n) => n.figures),
  ];
  // For the text and Markdown representations (their Localizer's fallbacks are not the record's).
  const r = new Localizer(lang);
  const all = [...figures, ...limitFigures];
  const render = {
    sources: citations.map((id) => composeSource(rows, id, lang)),
    conditions: Object.fromEntries(all.map((f) => [f.id, conditionsOf(f, r, lang)])),
    limitDisplay: Object.fromEntries(all.map((f) => [f.id, r.text("checks.limit.display", f.display)])),
  };
  return { data, refs: { sources: citations, figures: figureIds }, render };
}

export type BudgetCheckDoc = ReturnType<typeof composeBudgetCheck>["data"];
export type BudgetCheckRender = ReturnType<typeof composeBudgetCheck>["render"];
