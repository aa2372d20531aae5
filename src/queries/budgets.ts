import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { budgetLimits, budgets, entities } from "../../schema";
import { after, type Db, inIds } from "./common";

const owner = alias(entities, "owner");
const appliesTo = alias(entities, "applies_to");

const budgetColumns = {
  id: budgets.id,
  storyId: budgets.storyId,
  name: budgets.name,
  description: budgets.description,
  ownerId: budgets.ownerId,
  ownerType: owner.type,
  ownerName: owner.name,
  appliesToId: budgets.appliesToId,
  appliesToType: appliesTo.type,
  appliesToName: appliesTo.name,
};

export type BudgetRow = Awaited<ReturnType<typeof budgetsByIds>>[number];
export type LimitRow = Awaited<ReturnType<typeof limitsOf>>[number];

/** Budgets with their owner's and platform's name and type joined in: one query. */
function base(db: Db) {
  return db
    .select(budgetColumns)
    .from(budgets)
    .innerJoin(owner, and(eq(owner.release, budgets.release), eq(owner.id, budgets.ownerId)))
    .innerJoin(appliesTo, and(eq(appliesTo.release, budgets.release), eq(appliesTo.id, budgets.appliesToId)));
}

export function listBudgets(db: Db, release: string, f: { cursor: (string | number)[] | null; limit: number }) {
  return base(db)
    .where(and(eq(budgets.release, release), after([budgets.id], f.cursor)))
    .orderBy(asc(budgets.id))
    .limit(f.limit + 1);
}

export function budgetsByIds(db: Db, release: string, ids: readonly string[]) {
  return base(db)
    .where(and(eq(budgets.release, release), inIds(budgets.id, ids)))
    .orderBy(asc(budgets.id));
}

export async function getBudget(db: Db, release: string, id: string) {
  const rows = await budgetsByIds(db, release, [id]);
  return rows[0] ?? null;
}

/** The first budget by id: the default of the weight-memory calculator. */
export async function firstBudget(db: Db, release: string) {
  const rows = await base(db).where(eq(budgets.release, release)).orderBy(asc(budgets.id)).limit(1);
  return rows[0] ?? null;
}

/** The limits of a page of budgets: one query. */
export function limitsOf(db: Db, release: string, ids: readonly string[]) {
  return db
    .select({
      budgetId: budgetLimits.budgetId,
      metric: budgetLimits.metric,
      max: budgetLimits.max,
      unit: budgetLimits.unit,
      figureId: budgetLimits.figureId,
    })
    .from(budgetLimits)
    .where(and(eq(budgetLimits.release, release), inIds(budgetLimits.budgetId, ids)))
    .orderBy(asc(budgetLimits.budgetId), asc(budgetLimits.metric));
}

export async function allBudgetIds(db: Db, release: string) {
  const rows = await db
    .select({ id: budgets.id })
    .from(budgets)
    .where(eq(budgets.release, release))
    .orderBy(asc(budgets.id));
  return rows.map((r) => r.id);
}
