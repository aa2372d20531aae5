/**
 * The serving release as an app instance last saw it (src/middleware/context.ts looks it up), kept for a few
 * seconds so most requests cost no lookup. One entry, for the database handle it was read from: a lookup
 * through another handle never reads it.
 */

/** A published release, as a request reads it. */
export interface ReleaseInfo {
  version: string;
  /** The release's full content hash (its version is the first 12 characters). */
  contentHash: string;
  publishedAt: string;
  counts: Record<string, number>;
}

/** How long a memoized release serves before the next lookup. */
const RELEASE_TTL_MS = 5_000;
/** While the lookup fails, how long the last known release serves before the next attempt. */
const RELEASE_RETRY_MS = 1_000;

export class ReleaseMemo {
  private entry: { at: number; db: D1Database; release: ReleaseInfo } | undefined;

  /** The memoized release read from `db` if it is fresh at `now`, without any I/O (the hot path), else undefined. */
  fresh(db: D1Database, now = Date.now()): ReleaseInfo | undefined {
    const entry = this.entry;
    return entry && entry.db === db && now - entry.at < RELEASE_TTL_MS ? entry.release : undefined;
  }

  /** The last release read from `db`, however old: it keeps serving while the lookup fails. */
  lastKnown(db: D1Database): ReleaseInfo | undefined {
    return this.entry && this.entry.db === db ? this.entry.release : undefined;
  }

  /** The version of the last release read through any handle (a new one replaces it: its answers are purged). */
  get lastVersion(): string | undefined {
    return this.entry?.release.version;
  }

  /** `release` was just read from `db`. */
  remember(db: D1Database, release: ReleaseInfo, now = Date.now()) {
    this.entry = { at: now, db, release };
  }

  /** The lookup through `db` failed: the last known release serves RELEASE_RETRY_MS more, then it is tried again. */
  failed(db: D1Database, now = Date.now()) {
    if (this.entry && this.entry.db === db) this.entry.at = now - RELEASE_TTL_MS + RELEASE_RETRY_MS;
  }

  /** Forgets the release: the next request looks it up (tests that publish a new one and serve it at once). */
  forget() {
    this.entry = undefined;
  }
}
