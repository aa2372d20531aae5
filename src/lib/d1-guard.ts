/**
 * D1 behind a deadline: every statement (`all`, `first`, `raw`, `run`) and `batch` of a guarded handle either
 * settles within the deadline or rejects with `D1Unavailable`, and any error the database raises is a
 * `D1Unavailable` too. The app answers one with a stale copy from a cache layer when it has one, else a 503
 * problem with Retry-After (src/app.ts, src/middleware/cache.ts, src/hot-path.ts): never a 500, never a hang.
 * The query that overran is not cancelled (D1 has no cancellation); its answer is dropped.
 */

/** How long a D1 call may take before the request gives up on it (`D1_DEADLINE_MS` overrides it). */
const DEFAULT_DEADLINE_MS = 5_000;

/** Seconds a client is told to wait after a 503 (the release is looked up again within this time). */
export const RETRY_AFTER_S = 5;

export class D1Unavailable extends Error {
  constructor(
    readonly reason: "error" | "deadline",
    cause?: unknown,
  ) {
    super(reason === "deadline" ? "D1 did not answer within the deadline" : `D1 failed: ${String(cause)}`, { cause });
    this.name = "D1Unavailable";
  }
}

/** The D1Unavailable behind an error, also when a query builder wrapped it (drizzle's `cause`), or undefined. */
export function unavailableIn(err: unknown): D1Unavailable | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof D1Unavailable) return e;
  }
  return undefined;
}

/** The deadline configured for an environment, in milliseconds. */
export function deadlineOf(env: { D1_DEADLINE_MS?: string }): number {
  const ms = Number(env.D1_DEADLINE_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_DEADLINE_MS;
}

/** `p`, or a D1Unavailable when it rejects or has not settled after `ms`. */
export async function within<R>(p: Promise<R>, ms: number): Promise<R> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new D1Unavailable("deadline")), ms);
  });
  try {
    return await Promise.race([p, late]);
  } catch (err) {
    throw err instanceof D1Unavailable ? err : new D1Unavailable("error", err);
  } finally {
    clearTimeout(timer);
    // A query that lost the race may still reject: nobody waits for it any more.
    p.catch(() => undefined);
  }
}

const RUNS = new Set<string | symbol>(["all", "first", "raw", "run"]);

/** A D1 database or session whose every call is bounded by `ms` (see the module comment). */
export function guardD1<T extends object>(db: T, ms: number): T {
  const statement = (stmt: object): object =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        if (prop === "bind") return (...args: unknown[]) => statement(value.apply(target, args));
        if (RUNS.has(prop)) return (...args: unknown[]) => within(value.apply(target, args), ms);
        return value.bind(target);
      },
    });
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "prepare") {
        return (sql: string) => {
          try {
            return statement(value.call(target, sql));
          } catch (err) {
            throw new D1Unavailable("error", err);
          }
        };
      }
      if (prop === "batch") return (statements: unknown[]) => within(value.call(target, statements), ms);
      if (prop === "withSession") return (...args: unknown[]) => guardD1(value.apply(target, args), ms);
      return value.bind(target);
    },
  });
}
