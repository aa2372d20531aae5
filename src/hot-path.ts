/**
 * The hot path: answers held in the isolate's memory are served before the app runs (no routing, no
 * middleware chain, no I/O but the rate limiter's). An answer is kept as the app finished it (a shareable
 * answer carries nothing of its request: src/lib/shared.ts; age and cache status are set per serving), keyed
 * by the serving release and the canonical request, in the app's bounded LRU (src/lib/hot.ts). Everything the
 * key depends on (language, representation, UTC day) is negotiated by the same functions the middleware uses.
 * An entry past its max-age stays through its stale-if-error window: when the app cannot make the answer (a
 * 5xx: D1 down or over its deadline), the stale entry is served instead.
 */
import type { Hono } from "hono";
import type { AppEnv } from "./env";
import type { HotEntry } from "./lib/hot";
import type { AppState } from "./lib/state";
import { isStreamed } from "./lib/streamed";
import { canonicalKey, failed, staleIfErrorOf, staleStatus } from "./middleware/cache";
import { peekRelease, pickLang } from "./middleware/context";
import { overLimit } from "./middleware/limits";
import { isDayBound, negotiated, utcDay } from "./middleware/negotiate";
import { countRequest } from "./middleware/ratelimit";

type Bindings = AppEnv["Bindings"];

/** Headers set per serving (or benchmark metrics of one request), never kept. */
const PER_SERVING = new Set(["age", "cache-status", "x-d1-queries", "x-d1-rows-read", "x-d1-rows-returned"]);

/** The benchmark's per-request D1 figures (src/middleware/timing.ts), zero on a hit of the hot path. */
const D1_METRICS = ["X-D1-Queries", "X-D1-Rows-Read", "X-D1-Rows-Returned"];

/** Paths whose answers are release-bound (the cache layer's), and which of them negotiate a representation. */
const releaseBound = (path: string) =>
  path === "/v1" ||
  path.startsWith("/v1/") ||
  path === "/openapi.json" ||
  path === "/oembed" ||
  path === "/llms.txt" ||
  path === "/llms-full.txt" ||
  path.startsWith("/facts/") ||
  path.startsWith("/entities/") ||
  path.startsWith("/partnerships/");

/** The key of a request's answer under `release`, or undefined when it is not one the hot path serves. */
function keyOf(request: Request, url: URL, release: string): string | undefined {
  if (!releaseBound(url.pathname)) return undefined;
  const lang = pickLang(url.searchParams.get("lang") ?? undefined, request.headers.get("Accept-Language") ?? undefined);
  const v1 = url.pathname === "/v1" || url.pathname.startsWith("/v1/");
  const rep = v1 ? negotiated(url.searchParams.get("format"), request.headers.get("Accept")) : "json";
  if (rep === "none") return undefined;
  const day = v1 && isDayBound(url.pathname) ? utcDay() : undefined;
  return `${release}${canonicalKey(url, lang, rep, day)}`;
}

/** The answer an entry gives, with its Age and Cache-Status (and the rate-limit policy, which is everyone's). */
function answer(method: string, entry: HotEntry, cacheStatus: (ttl: number) => string, policy?: string) {
  const age = Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000));
  const headers: [string, string][] = [
    ...entry.headers,
    ["Age", String(age)],
    ["Cache-Status", cacheStatus(entry.maxAge - age)],
  ];
  if (policy) headers.push(["RateLimit-Policy", policy]);
  return new Response(method === "HEAD" ? null : entry.body, { status: entry.status, headers });
}

const hit = (ttl: number) => `alliance-facts; hit; ttl=${ttl}`;

/** The app's fetch with the hot path in front of it. */
export function withHotPath(app: Hono<AppEnv>, state: AppState) {
  return async (request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> => {
    const method = request.method;
    const usable =
      (method === "GET" || method === "HEAD") && env.HOT_CACHE_BYTES !== "0" && !request.headers.has("If-None-Match");
    if (!usable) return app.fetch(request, env, ctx);
    const url = new URL(request.url);
    // A request over the limits gets the app's problem, never a cached answer.
    if (overLimit(request, url)) return app.fetch(request, env, ctx);
    const release = peekRelease(state, env.DB);
    const key = release ? keyOf(request, url, release.version) : undefined;
    const entry = key ? state.hot.get(key) : undefined;
    if (entry) {
      const ip = request.headers.get("CF-Connecting-IP");
      let policy: string | undefined;
      if (ip && env.RATE_LIMITER) {
        const limit = await countRequest(env, state.rateWindows, env.RATE_LIMITER, ip);
        // Over the limit: the app answers (a 429 problem), as for any other request.
        if (!limit.success) return app.fetch(request, env, ctx);
        policy = limit.policy;
      }
      const res = answer(method, entry, hit, policy);
      // Benchmark only (D1_METRICS=1): a hit here reads nothing from D1, and says so like any answer.
      if (env.D1_METRICS === "1") for (const name of D1_METRICS) res.headers.set(name, "0");
      return res;
    }
    const started = Date.now();
    const res = await app.fetch(request, env, ctx);
    if (failed(res.status)) return staleOr(res, request, url, env, state);
    if (method === "GET") await keep(state, request, url, env, res, started);
    return res;
  };
}

/**
 * The app could not make the answer (D1 down or over its deadline): a stale entry within its stale-if-error
 * window stands in, else the app's 503 goes out. The release is the one the app just served from (the last
 * known one while its lookup fails).
 */
async function staleOr(res: Response, request: Request, url: URL, env: Bindings, state: AppState) {
  const release = peekRelease(state, env.DB);
  const key = release ? keyOf(request, url, release.version) : undefined;
  const entry = key ? state.hot.stale(key) : undefined;
  if (!entry) return res;
  await res.body?.cancel();
  return answer(request.method, entry, staleStatus, res.headers.get("RateLimit-Policy") ?? undefined);
}

/** Keeps a finished answer when it is a release-bound 200 every client may share for a while. */
async function keep(state: AppState, request: Request, url: URL, env: Bindings, res: Response, started: number) {
  // A streamed whole-release answer is never held whole (src/lib/streamed.ts).
  if (res.status !== 200 || isStreamed(url.pathname)) return;
  const etag = res.headers.get("ETag");
  const cacheControl = res.headers.get("Cache-Control") ?? "";
  const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? 0);
  if (!etag || maxAge <= 0 || /no-store|private/.test(cacheControl)) return;
  // The release serving when the request began (or that the app looked up while answering it): an answer that
  // took longer than the memo's lifetime to make (a share card on a busy isolate) is kept all the same.
  const release = peekRelease(state, env.DB, started);
  // The answer must be the serving release's (its ETag names the release it was made from).
  if (!release || !etag.startsWith(`"${release.version}-`)) return;
  const key = keyOf(request, url, release.version);
  if (!key) return;
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (!PER_SERVING.has(name) && name !== "ratelimit-policy") headers.push([name, value]);
  });
  const body = await res.clone().arrayBuffer();
  // An answer from the Cache API layer is as old as its Age says (a stale one stays stale here).
  const age = Number(res.headers.get("Age") ?? 0);
  state.hot.set(key, {
    status: 200,
    headers,
    body,
    storedAt: Date.now() - (Number.isFinite(age) ? age * 1000 : 0),
    cacheControl,
    maxAge,
    staleIfError: staleIfErrorOf(cacheControl),
  });
}
