/** Budget rows → API JSON, and what `include=` embeds for them. */
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { Localizer } from "../../lib/localize";
import { absolute } from "../../lib/urls";
import { parseInclude } from "../../openapi/include";
import { entityRef, loadEntities } from "../../present/entities";
import { loadSources } from "../../present/sources";
import { type BudgetRow, type LimitRow, limitsOf } from "../../queries/budgets";
import { citationsOf } from "../../queries/sources";
import type { BUDGET_INCLUDES } from "./budgets.routes";

export function presentBudget(c: Context<AppEnv>, row: BudgetRow, limits: LimitRow[], sources: string[]) {
  const l = new Localizer(c.get("lang"));
  return {
    id: row.id,
    name: l.text("name", row.name),
    description: l.text("description", row.description),
    owner: {
      ...entityRef(c, l, "owner.name", { id: row.ownerId, type: row.ownerType, name: row.ownerName }),
      type: row.ownerType,
    },
    applies_to: {
      ...entityRef(c, l, "applies_to.name", { id: row.appliesToId, type: row.appliesToType, name: row.appliesToName }),
      type: row.appliesToType,
    },
    limits: limits.map((x) => ({ metric: x.metric, max: x.max, unit: x.unit, figure: x.figureId })),
    sources,
    story: row.storyId,
    href: absolute(c, `/v1/budgets/${row.id}`),
    fallback: l.fallback,
  };
}

export type BudgetOut = ReturnType<typeof presentBudget>;

/** Presents a page of budget rows: two queries (limits, citations) whatever the page size. */
export async function presentBudgets(c: Context<AppEnv>, rows: BudgetRow[]): Promise<BudgetOut[]> {
  if (rows.length === 0) return [];
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const [limits, cites] = await Promise.all([limitsOf(db, release, ids), citationsOf(db, release, "budget", ids)]);
  return rows.map((row) =>
    presentBudget(
      c,
      row,
      limits.filter((x) => x.budgetId === row.id),
      cites.get(row.id) ?? [],
    ),
  );
}

/** `included` for budgets: at most one query per kind asked for. */
export async function budgetIncluded(c: Context<AppEnv>, include: string | undefined, budgets: BudgetOut[]) {
  const kinds = parseInclude<(typeof BUDGET_INCLUDES)[number]>(include);
  if (kinds.size === 0) return undefined;
  const [sources, entities] = await Promise.all([
    kinds.has("sources")
      ? loadSources(
          c,
          budgets.flatMap((b) => b.sources),
        )
      : undefined,
    kinds.has("entities")
      ? loadEntities(
          c,
          budgets.flatMap((b) => [b.owner.id, b.applies_to.id]),
        )
      : undefined,
  ]);
  return { ...(sources ? { sources } : {}), ...(entities ? { entities } : {}) };
}
