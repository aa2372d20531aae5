/**
 * D1 down or slow: failures and delays are injected through a wrapped D1 binding (the real local D1 underneath),
 * handed to a fresh app as its `DB` the way the runtime hands the real one (a test-only seam: no client reaches
 * a worker's bindings). Whatever fails: an answer a cache layer holds (the hot LRU, the Cache API layer) is
 * served stale with `Cache-Status: …; detail=stale-if-error`; an answer no cache holds is a 503 problem with
 * Retry-After, never a 500 and never a hang (the deadline); the last known release keeps serving while its
 * lookup fails.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import { canonicalKey, layerKey } from "../src/middleware/cache";
import { BASE, currentVersion, operationExamples } from "./helpers";

/** What the wrapped binding does to each statement: pass it, fail it, or hold it for `delayMs` first. */
interface Faults {
  mode: "ok" | "fail" | "slow";
  delayMs: number;
  /** Only statements whose SQL matches are affected (all when unset). */
  only?: RegExp;
  /** Statements that reached the database (whatever happened to them). */
  seen: number;
}

/** The real D1 behind a proxy that injects `faults` into every statement, session and batch. */
function faultyD1(real: D1Database, faults: Faults): D1Database {
  const inject = async <R>(sql: string, run: () => Promise<R>): Promise<R> => {
    faults.seen++;
    if (faults.mode === "ok" || (faults.only && !faults.only.test(sql))) return run();
    if (faults.mode === "fail") throw new Error("D1_ERROR: injected failure: storage unavailable");
    await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    return run();
  };
  const statement = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        if (prop === "bind") return (...args: unknown[]) => statement(value.apply(target, args), sql);
        if (["all", "first", "raw", "run"].includes(String(prop))) {
          return (...args: unknown[]) => inject(sql, () => value.apply(target, args));
        }
        return value.bind(target);
      },
    });
  const wrap = <T extends object>(db: T): T =>
    new Proxy(db, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        if (prop === "prepare") return (sql: string) => statement(value.call(target, sql), sql);
        if (prop === "batch") return (stmts: unknown[]) => inject("batch", () => value.call(target, stmts));
        if (prop === "withSession") return (...args: unknown[]) => wrap(value.apply(target, args));
        return value.bind(target);
      },
    });
  return wrap(real);
}

/** A fresh app over a faulty D1, with a short deadline, as the runtime would call it. */
function faultyApp(options: { hot?: boolean } = {}) {
  const faults: Faults = { mode: "ok", delayMs: 0, seen: 0 };
  const { fetch, state } = createApp();
  const bindings = {
    ...env,
    DB: faultyD1(env.DB, faults),
    D1_DEADLINE_MS: "50",
    HOT_CACHE_BYTES: options.hot === false ? "0" : undefined,
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const ctx = createExecutionContext();
    const res = await fetch(new Request(`${BASE}${path}`, { headers }), bindings as never, ctx);
    const text = await res.text();
    await waitOnExecutionContext(ctx);
    return { res, text };
  };
  return { faults, get, state };
}

/** Each call a page size no other test uses, so the answer is in no cache yet. */
let nextLimit = 30;
const freshPath = (base = "/v1/facts") => `${base}${base.includes("?") ? "&" : "?"}limit=${nextLimit++}`;

const LATER = 301_000; // past max-age (300 s), within stale-if-error (86,400 s)

/** Moves the clock `ms` ahead for Date.now (the caches' ages, the release memo), not for timers. */
function advanceClock(ms: number) {
  const now = Date.now;
  const start = now();
  vi.spyOn(Date, "now").mockImplementation(() => start + ms + (now() - start));
}

afterEach(() => {
  vi.restoreAllMocks();
});

const unavailable = (path: string, res: Response, detail: string) => ({
  type: "/problems/service-unavailable",
  title: "Service unavailable",
  status: 503,
  detail: `The database ${detail} and no cache holds this answer. Retry after 5 s.`,
  instance: path,
  request_id: res.headers.get("X-Request-Id"),
});

describe("D1 fails", () => {
  it("serves the hot LRU's stale copy, saying so in Cache-Status", async () => {
    const { faults, get } = faultyApp();
    const path = freshPath();
    const first = await get(path);
    expect(first.res.status).toBe(200);
    // Only the hot LRU holds it: the Cache API layer's copy is removed.
    const canonical = canonicalKey(new URL(`${BASE}${path}`), "en", "json");
    expect(await caches.default.delete(layerKey(await currentVersion(), canonical))).toBe(true);
    faults.mode = "fail";
    advanceClock(LATER);
    const stale = await get(path);
    expect(stale.res.status).toBe(200);
    expect(stale.text).toBe(first.text);
    expect(stale.res.headers.get("Cache-Status")).toMatch(/^alliance-facts; hit; ttl=-\d+; detail=stale-if-error$/);
    expect(stale.res.headers.get("ETag")).toBe(first.res.headers.get("ETag"));
    expect(Number(stale.res.headers.get("Age"))).toBeGreaterThanOrEqual(301);
    expect(faults.seen).toBeGreaterThan(0); // it did try D1
  });

  it("serves the Cache API layer's stale copy when the hot LRU is off", async () => {
    const { faults, get } = faultyApp({ hot: false });
    const path = freshPath("/v1/entities?type=model");
    const first = await get(path);
    expect(first.res.headers.get("Cache-Status")).toContain("stored");
    faults.mode = "fail";
    advanceClock(LATER);
    const stale = await get(path);
    expect(stale.res.status).toBe(200);
    expect(stale.text).toBe(first.text);
    expect(stale.res.headers.get("Cache-Status")).toMatch(/^alliance-facts; hit; ttl=-\d+; detail=stale-if-error$/);
    expect(stale.res.headers.get("Cache-Control")).toBe(first.res.headers.get("Cache-Control"));
  });

  it("answers what no cache holds with a 503 problem and Retry-After, never a 500", async () => {
    const { faults, get } = faultyApp();
    await get("/v1"); // the release is known
    faults.mode = "fail";
    const path = freshPath();
    const { res, text } = await get(path);
    expect(res.status).toBe(503);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(res.headers.get("Retry-After")).toBe("5");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(JSON.parse(text)).toEqual(unavailable(path, res, "failed"));
    expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("never answers 500 on any operation, and every 503 is the problem", async () => {
    const paths = await operationExamples({ lang: "zh" }); // in a language no other test asked for yet
    const { faults, get } = faultyApp();
    await get("/v1");
    faults.mode = "fail";
    const statuses = new Map<string, number>();
    for (const url of paths) {
      const { res, text } = await get(url);
      statuses.set(url, res.status);
      expect(res.status, url).not.toBe(500);
      if (res.status === 503 && url !== "/healthz") {
        expect(JSON.parse(text).type, url).toBe("/problems/service-unavailable");
        expect(res.headers.get("Retry-After"), url).toBe("5");
      }
    }
    // Most operations need D1; those that do not (the spec, the docs, the problem catalogue) still answer.
    const counts = [...statuses.values()];
    expect(counts.filter((s) => s === 503).length).toBeGreaterThan(25);
    expect(statuses.get("/openapi.json")).toBe(200);
    expect(statuses.get("/healthz")).toBe(503);
  });

  it("reports the failure on /healthz", async () => {
    const { faults, get } = faultyApp();
    faults.mode = "fail";
    const { res, text } = await get("/healthz");
    expect(res.status).toBe(503);
    const body = JSON.parse(text);
    expect(body).toEqual({ status: "degraded", d1: "error", release: null, d1_ms: body.d1_ms, time: body.time });
  });
});

describe("D1 slow", () => {
  it("gives up at the deadline: a stale copy when a cache holds one, else a 503", async () => {
    const { faults, get } = faultyApp();
    const cached = freshPath("/v1/events");
    const first = await get(cached);
    expect(first.res.status).toBe(200);
    faults.mode = "slow";
    faults.delayMs = 60_000; // far past the 50 ms deadline, and past the test's own timeout: a hang would fail
    advanceClock(LATER);
    const stale = await get(cached);
    expect(stale.res.status).toBe(200);
    expect(stale.text).toBe(first.text);
    expect(stale.res.headers.get("Cache-Status")).toMatch(/; detail=stale-if-error$/);
    const uncached = freshPath("/v1/events");
    const { res, text } = await get(uncached);
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toEqual(unavailable(uncached, res, "did not answer in time"));
  });
});

describe("the release lookup fails", () => {
  it("keeps serving the last known release, and answers 503 when it knows none", async () => {
    const version = await currentVersion();
    const { faults, get } = faultyApp();
    expect(JSON.parse((await get("/v1")).text).meta.release).toBe(version);
    faults.mode = "fail";
    faults.only = /FROM releases/;
    advanceClock(60_000); // the memoized release (5 s) has expired: every request looks it up again
    const path = freshPath();
    const { res, text } = await get(path);
    expect(res.status).toBe(200);
    expect(JSON.parse(text).meta.release).toBe(version);
    expect(res.headers.get("ETag")).toContain(version);
    // An app that never saw a release (a fresh isolate's) has none to serve.
    const fresh = faultyApp();
    fresh.faults.mode = "fail";
    fresh.faults.only = /FROM releases/;
    const none = await fresh.get(freshPath());
    expect(none.res.status).toBe(503);
    expect(JSON.parse(none.text).type).toBe("/problems/service-unavailable");
    expect(fresh.faults.seen).toBeGreaterThan(0); // it did look the release up
  });
});
