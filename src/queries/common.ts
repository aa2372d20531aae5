import { type Column, inArray, type SQL, sql } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";

export type Db = DrizzleD1Database;

/**
 * `column IN (ids)` with the ids bound as one JSON parameter, so a page of 100 ids never meets D1's limit
 * of 100 bound parameters per query.
 */
export function inIds(column: Column | SQL, ids: readonly string[]): SQL {
  return inArray(column as Column, sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`);
}

/** Keyset condition `(a, b) > (x, y)` for cursor pagination. */
export function after(columns: Column[], key: (string | number)[] | null): SQL | undefined {
  if (!key) return undefined;
  return sql`(${sql.join(columns, sql`, `)}) > (${sql.join(
    key.map((k) => sql`${k}`),
    sql`, `,
  )})`;
}

/**
 * The query builder over a request's D1 session, for the reads that use it (names, releases, changes, the
 * export). Built where it is needed, so the worker's startup never loads drizzle.
 */
export const orm = (d1: D1Database): Db => drizzle(d1);
