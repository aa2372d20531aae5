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
import type { Derived, HotEntry } from "./lib/hot";
import type { AppState } from "./lib/state";
import { shareable } from "./lib/shared";
import { isStreamed } from "./lib/streamed";
import { canonicalKey, etagMatches, failed, staleIfErrorOf, staleStatus } from "./middleware/cache";
import { peekRelease, pickLang } from "./middleware/context";
import { headersOverLimit, urlOverLimit } from "./middleware/limits";
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

/**
 * What the hot path derives from a request's URL and negotiation headers: whether its URL is within the
 * limits, and the canonical part of its key (undefined when the hot path does not serve it), to which the UTC
 * day is added when the answer is day-bound. Memoized per app instance (state.hotKeys): a hit parses no URL.
 */
function derive(request: Request, accept: string | null, acceptLanguage: string | null): Derived {
  const url = new URL(request.url);
  if (urlOverLimit(request.url, url)) return { withinLimits: false };
  if (!releaseBound(url.pathname)) return { withinLimits: true };
  const lang = pickLang(url.searchParams.get("lang") ?? undefined, acceptLanguage ?? undefined);
  const v1 = url.pathname === "/v1" || url.pathname.startsWith("/v1/");
  const rep = v1 ? negotiated(url.searchParams.get("format"), accept) : "json";
  if (rep === "none") return { withinLimits: true };
  return { withinLimits: true, canonical: canonicalKey(url, lang, rep), dayBound: v1 && isDayBound(url.pathname) };
}

/** What the hot path derives from a request, from the app's memo (or derived now and remembered). */
function derived(state: AppState, request: Request): Derived {
  const accept = request.headers.get("Accept");
  const acceptLanguage = request.headers.get("Accept-Language");
  const memo = `${request.url}\n${accept ?? ""}\n${acceptLanguage ?? ""}`;
  let d = state.hotKeys.get(memo);
  if (!d) {
    d = derive(request, accept, acceptLanguage);
    state.hotKeys.set(memo, d);
  }
  return d;
}

/** The key of a request's answer under `release`, or undefined when it is not one the hot path serves. */
function keyOf(d: Derived, release: string): string | undefined {
  if (d.canonical === undefined) return undefined;
  // canonicalKey(url, lang, rep, day) is the key without the day, then `&day=…`.
  return `${release}${d.canonical}${d.dayBound ? `&day=${utcDay()}` : ""}`;
}

/**
 * The answer an entry gives, with its Age and Cache-Status (and the rate-limit policy, which is everyone's). The
 * entry's status and headers are copied from its template answer in one step (not field by field).
 */
function answer(method: string, entry: HotEntry, cacheStatus: (ttl: number) => string, policy?: string) {
  const age = Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000));
  const res = new Response(method === "HEAD" ? null : entry.body, entry.template);
  res.headers.set("Age", String(age));
  res.headers.set("Cache-Status", cacheStatus(entry.maxAge - age));
  if (policy) res.headers.set("RateLimit-Policy", policy);
  return res;
}

const hit = (ttl: number) => `alliance-facts; hit; ttl=${ttl}`;

/**
 * A GET hit, signed. Its fields (Age, Cache-Status, the digest and signature of this exact URL, the rate-limit
 * policy) change at most once a second, so the entry keeps the last hit's status and headers as a bodiless
 * template (`served`) and every later hit of the same URL within that second copies them in one step: no
 * header is set field by field and nothing is looked up for the signature.
 */
async function signedHit(state: AppState, env: Bindings, request: Request, entry: HotEntry, policy?: string) {
  const age = Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000));
  const served = entry.served;
  if (served && served.age === age && served.url === request.url && served.policy === policy) {
    return new Response(entry.body, served.template);
  }
  const res = answer("GET", entry, hit, policy);
  try {
    await state.signatures.sign(env, request, res);
  } catch {
    // Unsigned: the signing wrapper tries again and logs why (src/lib/signing.ts); nothing is kept.
    return res;
  }
  entry.served = { url: request.url, age, policy, template: new Response(null, res) };
  return res;
}

/**
 * A conditional request (`If-None-Match`) for a held answer: `*` is the app's to answer (it means any current
 * representation, which only the handler knows exists); a list naming the entry's ETag (strong or weak) is a 304;
 * any other is answered as if unconditional.
 */
function conditionOf(header: string | null, entry: HotEntry): "none" | "app" | "not-modified" {
  if (header === null) return "none";
  if (header.split(",").some((t) => t.trim() === "*")) return "app";
  return etagMatches(header, entry.etag) ? "not-modified" : "none";
}

/** Fields of the app's 304 set per serving (or benchmark metrics of one request), never kept in its template. */
const NOT_KEPT_IN_304 = new Set(["ratelimit-policy", "x-d1-queries", "x-d1-rows-read", "x-d1-rows-returned"]);

/**
 * The first 304 to an entry's ETag is the app's (the middleware makes it, with every field the app's 304
 * carries); a shareable one is kept on the entry as a bodiless template, which every later one copies.
 */
async function learnNotModified(
  app: Hono<AppEnv>,
  request: Request,
  env: Bindings,
  ctx: ExecutionContext,
  entry: HotEntry,
) {
  const res = await app.fetch(request, env, ctx);
  if (res.status === 304 && res.headers.get("ETag") === entry.etag && shareable(res.headers.get("Cache-Control"))) {
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => {
      if (!NOT_KEPT_IN_304.has(name)) headers.push([name, value]);
    });
    entry.notModified = new Response(null, { status: 304, headers });
  }
  return res;
}

/** The app's fetch with the hot path in front of it. */
export function withHotPath(app: Hono<AppEnv>, state: AppState) {
  return async (request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> => {
    const method = request.method;
    const usable = (method === "GET" || method === "HEAD") && env.HOT_CACHE_BYTES !== "0";
    if (!usable) return app.fetch(request, env, ctx);
    const d = derived(state, request);
    // A request over the limits gets the app's problem, never a cached answer.
    if (!d.withinLimits || headersOverLimit(request.headers)) return app.fetch(request, env, ctx);
    const release = peekRelease(state, env.DB);
    const key = release ? keyOf(d, release.version) : undefined;
    const entry = key ? state.hot.get(key) : undefined;
    if (entry) {
      const condition = conditionOf(request.headers.get("If-None-Match"), entry);
      if (condition === "app") return app.fetch(request, env, ctx);
      if (condition === "not-modified" && !entry.notModified) return learnNotModified(app, request, env, ctx, entry);
      const ip = request.headers.get("CF-Connecting-IP");
      let policy: string | undefined;
      if (ip && env.RATE_LIMITER) {
        const limit = await countRequest(env, state.rateWindows, env.RATE_LIMITER, ip);
        // Over the limit: the app answers (a 429 problem), as for any other request.
        if (!limit.success) return app.fetch(request, env, ctx);
        policy = limit.policy;
      }
      let res: Response;
      if (condition === "not-modified" && entry.notModified) {
        res = new Response(null, entry.notModified);
        if (policy) res.headers.set("RateLimit-Policy", policy);
      } else {
        res =
          method === "GET" ? await signedHit(state, env, request, entry, policy) : answer(method, entry, hit, policy);
      }
      // Benchmark only (D1_METRICS=1): a hit here reads nothing from D1, and says so like any answer.
      if (env.D1_METRICS === "1") for (const name of D1_METRICS) res.headers.set(name, "0");
      return res;
    }
    const started = Date.now();
    const res = await app.fetch(request, env, ctx);
    if (failed(res.status)) return staleOr(res, request, d, env, state);
    if (method === "GET") await keep(state, request, d, env, res, started);
    return res;
  };
}

/**
 * The app could not make the answer (D1 down or over its deadline): a stale entry within its stale-if-error
 * window stands in, else the app's 503 goes out. The release is the one the app just served from (the last
 * known one while its lookup fails).
 */
async function staleOr(res: Response, request: Request, d: Derived, env: Bindings, state: AppState) {
  const release = peekRelease(state, env.DB);
  const key = release ? keyOf(d, release.version) : undefined;
  const entry = key ? state.hot.stale(key) : undefined;
  if (!entry) return res;
  await res.body?.cancel();
  return answer(request.method, entry, staleStatus, res.headers.get("RateLimit-Policy") ?? undefined);
}

/** Keeps a finished answer when it is a release-bound 200 every client may share for a while. */
async function keep(state: AppState, request: Request, d: Derived, env: Bindings, res: Response, started: number) {
  if (res.status !== 200 || d.canonical === undefined) return;
  // A streamed whole-release answer is never held whole (src/lib/streamed.ts).
  if (isStreamed(new URL(request.url).pathname)) return;
  const etag = res.headers.get("ETag");
  const cacheControl = res.headers.get("Cache-Control") ?? "";
  const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? 0);
  if (!etag || maxAge <= 0 || /no-store|private/.test(cacheControl)) return;
  // The release serving when the request began (or that the app looked up while answering it): an answer that
  // took longer than the memo's lifetime to make (a share card on a busy isolate) is kept all the same.
  const release = peekRelease(state, env.DB, started);
  // The answer must be the serving release's (its ETag names the release it was made from).
  if (!release || !etag.startsWith(`"${release.version}-`)) return;
  const key = keyOf(d, release.version);
  if (!key) return;
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (!PER_SERVING.has(name) && name !== "ratelimit-policy") headers.push([name, value]);
  });
  const body = await state.bodies.read(res);
  // An answer from the Cache API layer is as old as its Age says (a stale one stays stale here).
  const age = Number(res.headers.get("Age") ?? 0);
  state.hot.set(key, {
    status: 200,
    headers,
    template: new Response(null, { status: 200, headers }),
    etag,
    body,
    storedAt: Date.now() - (Number.isFinite(age) ? age * 1000 : 0),
    cacheControl,
    maxAge,
    staleIfError: staleIfErrorOf(cacheControl),
  });
}
