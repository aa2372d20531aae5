/** Per-request context: request id, database handle, current release, language. */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { LANG_TAGS } from "../domain";
import type { AppEnv, ReleaseInfo } from "../env";
import { deadlineOf, guardD1, unavailableIn } from "../lib/d1-guard";
import { pickLang } from "../lib/lang";
import { pinnedPath, pinnedRelease } from "../lib/pinned";
import { ProblemError } from "../lib/problem";
import { shareable } from "../lib/shared";
import type { AppState } from "../lib/state";
import { addVary } from "../lib/vary";
import { timedD1 } from "./timing";

const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request id: the client's X-Request-Id when it is sane, else a new one. */
export const requestIdOf = (given: string | undefined) =>
  given && SANE_ID.test(given) ? given : crypto.randomUUID().replaceAll("-", "").slice(0, 16);

export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const given = c.req.header("X-Request-Id");
  const id = requestIdOf(given);
  c.set("requestId", id);
  await next();
  // Only on answers no cache stores: a shareable answer is the same for every client (src/lib/shared.ts).
  if (!shareable(c.res.headers.get("Cache-Control"))) c.res.headers.set("X-Request-Id", id);
});

/** How long Workers Cache keeps an answer (CDN-Cache-Control max-age in cache.ts). */
const EDGE_TTL_MS = 86_400_000;

/**
 * The serving release, memoized in the app's state for a few seconds so most requests cost no lookup
 * (src/lib/release-memo.ts). `fresh` skips the memo.
 */
export async function loadRelease(
  state: AppState,
  db: D1Database,
  now = Date.now(),
  fresh = false,
  c?: Context<AppEnv>,
): Promise<ReleaseInfo | null> {
  const memo = state.release;
  const memoized = fresh ? undefined : memo.fresh(db, now);
  if (memoized) return memoized;
  const before = memo.lastVersion;
  let row: {
    version: string;
    content_hash: string;
    published_at: string;
    previous: string | null;
    counts: string;
  } | null;
  try {
    row = await guardD1(db, deadlineOf(c?.env ?? {}))
      .prepare(
        "SELECT version, content_hash, published_at, previous, counts FROM releases WHERE status = 'published' ORDER BY seq DESC LIMIT 1",
      )
      .first();
  } catch (err) {
    // The last release this app saw keeps serving; the lookup is tried again shortly (src/lib/release-memo.ts).
    memo.failed(db, now);
    throw err;
  }
  if (!row) return null;
  const release = {
    version: row.version,
    contentHash: row.content_hash,
    publishedAt: row.published_at,
    counts: JSON.parse(row.counts),
  };
  memo.remember(db, release, now);
  // Purge the replaced release's answers from Workers Cache: when this isolate sees the switch, and when an
  // isolate starts within a day of a publication (the edge keeps answers a day), since an isolate started
  // after the switch never saw the old version. Purges are idempotent.
  const recent = now - Date.parse(row.published_at) < EDGE_TTL_MS;
  const old = before && before !== release.version ? before : !before && recent ? row.previous : null;
  if (old && c) purgeRelease(c, old);
  return release;
}

/**
 * A new release serves: purge the old release's answers from Workers Cache by tag. `ctx.cache` exists only
 * in production with `[cache] enabled = true`; the Cache API layer needs no purge (its keys hold the version).
 */
function purgeRelease(c: Context<AppEnv>, old: string) {
  try {
    const cache = (c.executionCtx as ExecutionContext & { cache?: CacheContext }).cache;
    if (cache)
      c.executionCtx.waitUntil(cache.purge({ tags: [`alliance-facts:release:${old}`] }).catch(() => undefined));
  } catch {
    // no execution context (unit use): nothing to purge
  }
}

/** The app's memoized serving release if it is fresh, without any I/O (the hot path), else undefined. */
export function peekRelease(state: AppState, db: D1Database, now = Date.now()): ReleaseInfo | undefined {
  return state.release.fresh(db, now);
}

/**
 * The release to read, before the cache: the serving one (memoized in the app's state, so a cache hit costs no
 * D1 query), or the one a pinned path names (`/v1/releases/{version}/…`, see src/lib/pinned.ts). While the
 * lookup fails (D1 down or over its deadline), the last release this app saw keeps serving; an app that never
 * saw one answers 503 (src/lib/d1-guard.ts).
 */
export const release = createMiddleware<AppEnv>(async (c, next) => {
  const pinned = pinnedPath(new URL(c.req.url).pathname);
  let serving: ReleaseInfo | null;
  try {
    serving = await loadRelease(c.get("state"), c.env.DB, Date.now(), false, c);
  } catch (err) {
    serving = unavailableIn(err) ? (c.get("state").release.lastKnown(c.env.DB) ?? null) : null;
    if (!serving) throw err;
  }
  const current = pinned ? await pinnedRelease(c, pinned.version, pinned.living, serving?.version) : serving;
  if (!current) throw new ProblemError("no-release");
  c.set("release", current);
  await next();
});

/**
 * The database handle, after the cache (so a hit builds none), every call bounded by the D1 deadline
 * (src/lib/d1-guard.ts). Reads go through the D1 Sessions API:
 * "first-unconstrained" lets the first query of a request be served by the nearest read replica (when
 * replication is on); later queries in the request see at least that state. No drizzle `schema` option:
 * the relational query API is not used, and building its config per request is costly.
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  const session = guardD1(c.env.DB.withSession("first-unconstrained"), deadlineOf(c.env));
  const timing = c.get("timing");
  const db = timing ? timedD1(session, timing) : session;
  c.set("d1", db as unknown as D1Database);
  await next();
});

/** `?lang=` wins over Accept-Language; default en (see src/lib/lang.ts). Validation of `lang` is the route's. */
export { pickLang };

export const language = createMiddleware<AppEnv>(async (c, next) => {
  const lang = pickLang(c.req.query("lang"), c.req.header("Accept-Language"));
  c.set("lang", lang);
  await next();
  if (!c.res.headers.has("Content-Language")) c.res.headers.set("Content-Language", LANG_TAGS[lang]);
  addVary(c.res.headers, "Accept-Language");
});
