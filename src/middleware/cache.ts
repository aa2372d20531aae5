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
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

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
  const key = new Request(`https://cache.${CACHE_NAME}.internal/${release}${canonical.replace("#", "&")}`);
  const hit = await cache?.match(key);
  if (hit) {
    if (timing) timing.cache = "hit";
    const storedAt = Number(hit.headers.get("X-Stored-At") ?? Date.now());
    const maxAge = Number(/max-age=(\d+)/.exec(hit.headers.get("X-Client-Cache-Control") ?? "")?.[1] ?? 0);
    const res = new Response(hit.body, hit);
    res.headers.set("Cache-Control", hit.headers.get("X-Client-Cache-Control") ?? PUBLIC_CACHE_CONTROL);
    res.headers.delete("X-Client-Cache-Control");
    res.headers.delete("X-Stored-At");
    const age = Math.max(0, Math.floor((Date.now() - storedAt) / 1000));
    res.headers.set("Age", String(age));
    res.headers.set("Cache-Status", `${CACHE_NAME}; hit; ttl=${Math.max(0, maxAge - age)}`);
    return res;
  }

  if (timing) timing.cache = "miss";
  await next();
  const res = c.res;
  const status = res.status;
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
  // The layer keeps answers and redirects; a 404 problem carries its request's id, so it is not stored.
  if (cache && ttl > 0 && c.req.method === "GET" && status !== 404) {
    const stored = res.clone();
    const copy = new Response(stored.body, stored);
    copy.headers.set("X-Client-Cache-Control", clientCacheControl);
    copy.headers.set("X-Stored-At", String(Date.now()));
    copy.headers.set("Cache-Control", `public, max-age=${Math.min(LAYER_TTL, Math.max(ttl, 60))}`);
    const put = cache.put(key, copy);
    try {
      c.executionCtx.waitUntil(put);
    } catch {
      await put;
    }
    res.headers.set("Cache-Status", `${CACHE_NAME}; fwd=uri-miss; stored; ttl=${ttl}`);
  } else {
    res.headers.set("Cache-Status", `${CACHE_NAME}; fwd=uri-miss`);
  }
});
