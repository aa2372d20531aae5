/** Server-Timing: total, cache outcome and the time spent waiting on D1. */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { shareable } from "../lib/shared";

export const serverTiming = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  const metrics = c.env.D1_METRICS === "1";
  c.set("timing", { d1: 0, cache: "none", ...(metrics ? { rowsRead: 0, rowsReturned: 0, queries: 0 } : {}) });
  await next();
  const t = c.get("timing");
  if (metrics) {
    // Benchmark only (D1_METRICS=1): what D1 read and returned for this request.
    c.res.headers.set("X-D1-Queries", String(t.queries));
    c.res.headers.set("X-D1-Rows-Read", String(t.rowsRead));
    c.res.headers.set("X-D1-Rows-Returned", String(t.rowsReturned));
  }
  // Timing describes one request: only on answers no cache stores (src/lib/shared.ts).
  if (shareable(c.res.headers.get("Cache-Control"))) return;
  const total = performance.now() - started;
  c.res.headers.set(
    "Server-Timing",
    [`cache;desc="${t.cache}"`, `d1;dur=${t.d1.toFixed(1)}`, `total;dur=${total.toFixed(1)}`].join(", "),
  );
});

type Timed = { d1: number; rowsRead?: number; rowsReturned?: number; queries?: number };

interface D1Meta {
  meta?: { rows_read?: number };
  results?: unknown[];
}

/** Wraps a D1 session so every statement's wait is added to the request's D1 time. */
export function timedD1<T extends object>(db: T, timing: Timed): T {
  const time = async <R>(p: Promise<R>): Promise<R> => {
    const t0 = performance.now();
    try {
      return await p;
    } finally {
      timing.d1 += performance.now() - t0;
    }
  };
  const wrapStatement = (stmt: object): object =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        if (prop === "bind") return (...args: unknown[]) => wrapStatement(value.apply(target, args));
        if (prop === "all" || prop === "first" || prop === "raw" || prop === "run") {
          return async (...args: unknown[]) => {
            const result = await time(value.apply(target, args));
            if (timing.rowsRead !== undefined) await count(target, prop, result);
            return result;
          };
        }
        return value.bind(target);
      },
    });
  /** Metrics mode: rows returned from the result; rows read from the statement's meta (re-run for raw/first). */
  const count = async (stmt: object, prop: string | symbol, result: unknown) => {
    timing.queries = (timing.queries ?? 0) + 1;
    let meta = result as D1Meta;
    if (prop === "raw" || prop === "first") {
      meta = await (stmt as { all(): Promise<D1Meta> }).all();
    }
    timing.rowsRead = (timing.rowsRead ?? 0) + (meta.meta?.rows_read ?? 0);
    timing.rowsReturned = (timing.rowsReturned ?? 0) + (meta.results?.length ?? 0);
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "prepare") return (sql: string) => wrapStatement(value.call(target, sql));
      if (prop === "batch") {
        // batch() is given wrapped statements; D1 needs the originals, which the proxies forward to.
        // Metrics mode counts a batch as one query (one round trip), and every statement's rows.
        return async (statements: unknown[]) => {
          const results = (await time(value.call(target, statements))) as D1Meta[];
          if (timing.rowsRead !== undefined) {
            timing.queries = (timing.queries ?? 0) + 1;
            for (const r of results) {
              timing.rowsRead += r.meta?.rows_read ?? 0;
              timing.rowsReturned = (timing.rowsReturned ?? 0) + (r.results?.length ?? 0);
            }
          }
          return results;
        };
      }
      return value.bind(target);
    },
  });
}
