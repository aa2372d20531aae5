import type { Lang } from "./domain";
import type { ReleaseInfo } from "./lib/release-memo";
import type { AppState } from "./lib/state";

export interface Bindings {
  DB: D1Database;
  /** Origin used in absolute links when the request's own origin should not be used (optional). */
  PUBLIC_ORIGIN?: string;
  /** Workers Rate Limiting binding ([[ratelimits]] in wrangler.toml). */
  RATE_LIMITER?: RateLimit;
  /** The limiter's configured quota and window, repeated for the RateLimit-Policy header. */
  RATE_LIMIT_QUOTA?: string;
  RATE_LIMIT_WINDOW?: string;
  /** Bytes the in-isolate answer cache may hold; "0" turns it off (the benchmark's uncached workers). */
  HOT_CACHE_BYTES?: string;
  /** The private Ed25519 JWK answers are signed with (a Worker secret; `.dev.vars` locally). See src/lib/signing.ts. */
  SIGNING_KEY?: string;
  /** Other public JWKs still valid during a key rotation (a JSON array), published beside the signing key's. */
  SIGNING_PUBLIC_KEYS?: string;
  /** `/mcp`: extra hostnames the server answers as (comma-separated; localhost always), checked against `Host`. */
  MCP_ALLOWED_HOSTS?: string;
  /** `/mcp`: extra hostnames browser pages may call it from (comma-separated; localhost always), checked against `Origin`. */
  MCP_ALLOWED_ORIGINS?: string;
  /** Milliseconds a D1 call may take before the request gives up on it (default 5000; src/lib/d1-guard.ts). */
  D1_DEADLINE_MS?: string;
  /** "1" only in the benchmark: report D1 rows read/returned per request in X-D1-* headers. */
  D1_METRICS?: string;
}

/** The release a request reads (defined beside the app's memo of the serving one). */
export type { ReleaseInfo } from "./lib/release-memo";

export interface Variables {
  requestId: string;
  /** The request's D1 session (Sessions API; timed). Raw prepared statements; `orm()` wraps it in drizzle. */
  d1: D1Database;
  /** The app instance's state (see createApp). */
  state: AppState;
  release: ReleaseInfo;
  lang: Lang;
  /** Which representation the answer is in (json, text, markdown, jsonld…); part of the cache key. */
  representation: string;
  /** For answers that change with the UTC day (the fact of the day): that day, part of the cache key. */
  day?: string;
  timing: { d1: number; cache: string; rowsRead?: number; rowsReturned?: number; queries?: number };
}

export type AppEnv = { Bindings: Bindings; Variables: Variables };
