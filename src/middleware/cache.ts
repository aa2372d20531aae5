/**
 * Edge caching for public, release-bound answers.
 *
 * - The ETag is strong and derived from the release and the canonical request (path, sorted query with
 *   defaults made explicit, resolved language, representation), so a conditional request is answered with
 *   304 before any D1 query.
 * - A Cache API layer (`caches.default`) keyed by the same canonical request under the release version:
 *   equivalent requests share one entry, and a new release makes old entries unreachable.
 * - Workers Cache in front of the worker (production) is steered by `CDN-Cache-Control` and `Cache-Tag`,
 *   and purged by tag when the isolate sees a new release (see context.ts).
 * - stale-if-error: the layer keeps an entry through its `stale-if-error` window; when the answer cannot be
 *   made (a 5xx: D1 failed or overran its deadline, src/lib/d1-guard.ts), a stale copy is served instead, with
 *   `Cache-Status: …; hit; ttl=<negative>; detail=stale-if-error`.
 * - What is stored holds nothing of one request (src/lib/shared.ts): the per-client headers are set by the
 *   middleware outside this one, and only on answers no cache stores.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { isStreamed } from "../lib/streamed";

export const CACHE_NAME = "alliance-facts";
/** What clients and shared caches are told for release-bound data. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400";
/** What Workers Cache at the edge keeps: long, since a release purges it by tag. No s-maxage (it disables stale). */
export const CDN_CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=86400, stale-if-error=604800";
export const REDIRECT_CACHE_CONTROL = "public, max-age=3600";
export const NOT_FOUND_CACHE_CONTROL = "public, max-age=60";
/** How long the worker's own Cache API layer keeps an entry (its key changes with each release). */
const LAYER_TTL = 86400;

/** Default page sizes by path: `limit` equal to its default is dropped from the key (only where it exists). */
const DEFAULT_LIMITS: Record<string, string> = {
  "/v1/stories": "20",
  "/v1/sources": "20",
  "/v1/entities": "20",
  "/v1/figures": "20",
  "/v1/budgets": "20",
  "/v1/partnerships": "20",
  "/v1/events": "20",
  "/v1/facts": "20",
  "/v1/releases": "20",
  "/v1/changes": "20",
  "/v1/search": "10",
};

/**
 * The canonical form of a request: equivalent requests give the same string. Parameters are sorted and a
 * default page size is dropped; the resolved language is part of the key. `lang` itself stays in the key
 * when given, because the links in a body (self, next, a redirect's Location) repeat the request's own
 * query: `?lang=ja` and `Accept-Language: ja` answer the same records but not the same links.
 */
export function canonicalRequest(c: Context<AppEnv>): string {
  return canonicalKey(new URL(c.req.url), c.get("lang"), c.get("representation") ?? "json", c.get("day"));
}

/** The canonical form of a request from its URL and what was negotiated (see canonicalRequest). */
export function canonicalKey(url: URL, lang: string, representation: string, day?: string): string {
  const entries = [...url.searchParams.entries()];
  const counts = new Map<string, number>();
  for (const [k] of entries) counts.set(k, (counts.get(k) ?? 0) + 1);
  const defaultLimit = DEFAULT_LIMITS[url.pathname];
  // Only a valid, single default is normalized away; anything else stays in the key, misses, and is a 400.
  const params = entries
    .filter(([k, v]) => !(k === "limit" && counts.get(k) === 1 && v === defaultLimit))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return `${url.pathname}?${query}#lang=${lang}&rep=${representation}${day ? `&day=${day}` : ""}`;
}

/** A fast 80-bit non-cryptographic hash (two seeded cyrb53 rounds): ETags need stability, not secrecy. */
export function hash(text: string): string {
  const round = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0").slice(-10);
  };
  return round(1) + round(2);
}

/**
 * If-None-Match matches the strong ETag, also in the weak form W/"…" that compression produces. `*` is not
 * answered here: it means "any current representation", which only the handler knows exists.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === etag || tag === `W/${etag}`;
  });
}

function tagsFor(c: Context<AppEnv>, release: string): string {
  const segments = new URL(c.req.url).pathname.split("/");
  // /v1/<kind>/…, or a page /<kind>/<id>, /oembed, /llms.txt, /openapi.json
  const kind = (segments[1] === "v1" ? segments[2] : segments[1]) || "index";
  return [CACHE_NAME, `${CACHE_NAME}:release:${release}`, `${CACHE_NAME}:kind:${kind}`].join(",");
}

/** The Cache API key of a canonical request's answer under a release. */
export const layerKey = (release: string, canonical: string) =>
  new Request(`https://cache.${CACHE_NAME}.internal/${release}${canonical.replace("#", "&")}`);

/** Statuses a stale copy stands in for (RFC 5861 §4): the answer could not be made, e.g. D1 failed. */
export const failed = (status: number) => status === 500 || status === 502 || status === 503 || status === 504;

/** Seconds a `Cache-Control` allows a stale copy to be served when the origin fails (RFC 5861). */
export const staleIfErrorOf = (cacheControl: string) => Number(/stale-if-error=(\d+)/.exec(cacheControl)?.[1] ?? 0);

/**
 * `Cache-Status` of a stale copy served because the answer could not be made (D1 failed or overran its
 * deadline): a hit, with the (negative) ttl it has left, RFC 9211 §2.4, and why.
 */
export const staleStatus = (ttl: number) => `${CACHE_NAME}; hit; ttl=${ttl}; detail=stale-if-error`;

/** A Cache API entry as stored, with what the client is told (its own Cache-Control) and its age. */
function storedCopy(res: Response) {
  const cacheControl = res.headers.get("X-Client-Cache-Control") ?? PUBLIC_CACHE_CONTROL;
  const storedAt = Number(res.headers.get("X-Stored-At") ?? Date.now());
  return {
    res,
    cacheControl,
    maxAge: Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? 0),
    staleIfError: staleIfErrorOf(cacheControl),
    age: Math.max(0, Math.floor((Date.now() - storedAt) / 1000)),
  };
}

/**
 * The answer a stored copy gives: the client's Cache-Control, its Age and Cache-Status. The Cache API's own mark
 * (`CF-Cache-Status: HIT`) is dropped: Cache-Status (RFC 9211) already says which cache answered, and the hot
 * path, which keeps this answer, would repeat the mark on every later hit of its own.
 */
function served(stored: ReturnType<typeof storedCopy>, cacheStatus: string): Response {
  const res = new Response(stored.res.body, stored.res);
  res.headers.set("Cache-Control", stored.cacheControl);
  res.headers.delete("X-Client-Cache-Control");
  res.headers.delete("X-Stored-At");
  res.headers.delete("CF-Cache-Status");
  res.headers.set("Age", String(stored.age));
  res.headers.set("Cache-Status", cacheStatus);
  return res;
}

export const edgeCache = createMiddleware<AppEnv>(async (c, next) => {
  const release = c.get("release").version;
  const canonical = canonicalRequest(c);
  const etag = `"${release}-${hash(canonical)}"`;
  const timing = c.get("timing");

  if (etagMatches(c.req.header("If-None-Match"), etag)) {
    if (timing) timing.cache = "conditional";
    return new Response(null, {
      status: 304,
      headers: {
        ETag: etag,
        "Cache-Control": PUBLIC_CACHE_CONTROL,
        "CDN-Cache-Control": CDN_CACHE_CONTROL,
        "Cache-Status": `${CACHE_NAME}; hit; detail=etag`,
        Vary: "Accept, Accept-Language",
      },
    });
  }

  // Workers' CacheStorage has `default`; DOM typings (seen when Node scripts type-check this file) do not.
  const cache = typeof caches === "undefined" ? undefined : (caches as unknown as { default: Cache }).default;
  const key = layerKey(release, canonical);
  const found = await cache?.match(key);
  // A copy past its max-age is kept (the layer holds entries through stale-if-error) and only served if the
  // answer cannot be made now: a 5xx (D1 down or over its deadline) gets the stale copy instead.
  const stored = found ? storedCopy(found) : undefined;
  if (stored && stored.age < stored.maxAge) {
    if (timing) timing.cache = "hit";
    return served(stored, `${CACHE_NAME}; hit; ttl=${stored.maxAge - stored.age}`);
  }

  if (timing) timing.cache = "miss";
  await next();
  const res = c.res;
  const status = res.status;
  if (failed(status) && stored && stored.age < stored.maxAge + stored.staleIfError) {
    if (timing) timing.cache = "stale";
    await res.body?.cancel();
    c.res = undefined;
    c.res = served(stored, staleStatus(stored.maxAge - stored.age));
    return;
  }
  await stored?.res.body?.cancel();
  const cacheable = status === 200 || status === 308 || status === 404;
  if (!cacheable || res.headers.get("Cache-Control")?.includes("no-store")) {
    res.headers.set("Cache-Status", `${CACHE_NAME}; fwd=uri-miss`);
    return;
  }
  const handlerSet = res.headers.has("Cache-Control");
  const clientCacheControl =
    res.headers.get("Cache-Control") ??
    (status === 200 ? PUBLIC_CACHE_CONTROL : status === 308 ? REDIRECT_CACHE_CONTROL : NOT_FOUND_CACHE_CONTROL);
  res.headers.set("Cache-Control", clientCacheControl);
  if (status === 200) {
    res.headers.set("ETag", etag);
    // A handler that sets its own lifetime (e.g. the fact of the day, until midnight) keeps it at the edge too.
    if (!res.headers.has("CDN-Cache-Control")) {
      res.headers.set("CDN-Cache-Control", handlerSet ? clientCacheControl : CDN_CACHE_CONTROL);
    }
  }
  res.headers.set("Cache-Tag", tagsFor(c, release));
  const ttl = Number(/max-age=(\d+)/.exec(clientCacheControl)?.[1] ?? 0);
  // The layer keeps answers and redirects; a 404 (cheap to make again, kept a minute) is left to the caches in front.
  // A streamed whole-release answer is left to the caches in front too (this layer would hold it whole).
  if (cache && ttl > 0 && c.req.method === "GET" && status !== 404 && !isStreamed(c.req.path)) {
    // The body once, as bytes: the answer and the stored copy are each built from them (a clone would tee it).
    const bytes = await res.arrayBuffer();
    c.res = undefined;
    c.res = c.get("state").bodies.hold(new Response(bytes, res), bytes);
    const copy = new Response(bytes, res);
    copy.headers.set("X-Client-Cache-Control", clientCacheControl);
    copy.headers.set("X-Stored-At", String(Date.now()));
    // Kept through its stale-if-error window, so it can stand in when D1 fails.
    const keep = Math.min(LAYER_TTL, Math.max(ttl + staleIfErrorOf(clientCacheControl), 60));
    copy.headers.set("Cache-Control", `public, max-age=${keep}`);
    const put = cache.put(key, copy);
    try {
      c.executionCtx.waitUntil(put);
    } catch {
      await put;
    }
    c.res.headers.set("Cache-Status", `${CACHE_NAME}; fwd=uri-miss; stored; ttl=${ttl}`);
  } else {
    res.headers.set("Cache-Status", `${CACHE_NAME}; fwd=uri-miss`);
  }
});
