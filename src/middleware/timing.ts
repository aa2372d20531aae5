/** Server-Timing: total, cache outcome and the time spent waiting on D1. */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

export const serverTiming = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  c.set("timing", { d1: 0, cache: "none" });
  await next();
  const t = c.get("timing");
  const total = performance.now() - started;
  c.res.headers.set(
    "Server-Timing",
    [`cache;desc="${t.cache}"`, `d1;dur=${t.d1.toFixed(1)}`, `total;dur=${total.toFixed(1)}`].join(", "),
  );
});

type Timed = { d1: number };

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
          return (...args: unknown[]) => time(value.apply(target, args));
        }
        return value.bind(target);
      },
    });
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "prepare") return (sql: string) => wrapStatement(value.call(target, sql));
      if (prop === "batch") {
        // batch() is given wrapped statements; D1 needs the originals, which the proxies forward to.
        return (statements: unknown[]) => time(value.call(target, statements));
      }
      return value.bind(target);
    },
  });
}
