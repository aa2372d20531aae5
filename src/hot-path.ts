/**
 * The hot path: answers held in the isolate's memory are served before the app runs (no routing, no
 * middleware chain, no I/O but the rate limiter's). An answer is kept as the app finished it (every header
 * but the per-request ones: request id, timing, rate-limit state, age, cache status), keyed by the serving
 * release and the canonical request, in the app's bounded LRU (src/lib/hot.ts). Everything the key depends
 * on (language, representation, UTC day) is negotiated by the same functions the middleware uses.
 */
import type { Hono } from "hono";
import type { AppEnv } from "./env";
import type { AppState } from "./lib/state";
import { canonicalKey } from "./middleware/cache";
import { peekRelease, pickLang, requestIdOf } from "./middleware/context";
import { isDayBound, negotiated, utcDay } from "./middleware/negotiate";
import { countRequest } from "./middleware/ratelimit";

type Bindings = AppEnv["Bindings"];

/** Headers that belong to one request and are never kept. */
const PER_REQUEST = new Set([
  "x-request-id",
  "server-timing",
  "ratelimit",
  "ratelimit-policy",
  "age",
  "cache-status",
  "retry-after",
]);

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

/** The app's fetch with the hot path in front of it. */
export function withHotPath(app: Hono<AppEnv>, state: AppState) {
  return async (request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> => {
    const started = performance.now();
    const method = request.method;
    const usable =
      (method === "GET" || method === "HEAD") && env.HOT_CACHE_BYTES !== "0" && !request.headers.has("If-None-Match");
    if (!usable) return app.fetch(request, env, ctx);
    const url = new URL(request.url);
    const release = peekRelease(env.DB);
    const key = release ? keyOf(request, url, release.version) : undefined;
    const entry = key ? state.hot.get(key) : undefined;
    if (entry) {
      const ip = request.headers.get("CF-Connecting-IP");
      let limit: Awaited<ReturnType<typeof countRequest>> | undefined;
      if (ip && env.RATE_LIMITER) {
        limit = await countRequest(env, state.rateWindows, env.RATE_LIMITER, ip);
        // Over the limit: the app answers (a 429 problem), as for any other request.
        if (!limit.success) return app.fetch(request, env, ctx);
      }
      // The kept headers, then this request's own: one array, no Headers copy and no lookups.
      const age = Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000));
      const headers: [string, string][] = [
        ...entry.headers,
        ["Age", String(age)],
        ["Cache-Status", `alliance-facts; hit; ttl=${Math.max(0, entry.maxAge - age)}`],
        ["X-Request-Id", requestIdOf(request.headers.get("X-Request-Id") ?? undefined)],
        ["Server-Timing", `cache;desc="hit", d1;dur=0.0, total;dur=${(performance.now() - started).toFixed(1)}`],
      ];
      if (limit) headers.push(["RateLimit-Policy", limit.policy], ["RateLimit", limit.remaining]);
      return new Response(method === "HEAD" ? null : entry.body, { status: entry.status, headers });
    }
    const res = await app.fetch(request, env, ctx);
    if (method === "GET") await keep(state, request, url, env, res);
    return res;
  };
}

/** Keeps a finished answer when it is a release-bound 200 every client may share for a while. */
async function keep(state: AppState, request: Request, url: URL, env: Bindings, res: Response) {
  if (res.status !== 200) return;
  const etag = res.headers.get("ETag");
  const cacheControl = res.headers.get("Cache-Control") ?? "";
  const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? 0);
  if (!etag || maxAge <= 0 || /no-store|private/.test(cacheControl)) return;
  const release = peekRelease(env.DB);
  // The answer must be the serving release's (its ETag names the release it was made from).
  if (!release || !etag.startsWith(`"${release.version}-`)) return;
  const key = keyOf(request, url, release.version);
  if (!key) return;
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (!PER_REQUEST.has(name)) headers.push([name, value]);
  });
  const body = await res.clone().arrayBuffer();
  state.hot.set(key, { status: 200, headers, body, storedAt: Date.now(), cacheControl, maxAge });
}
