/**
 * The serving-release memo belongs to an app instance (src/lib/release-memo.ts, kept in AppState): fresh for
 * 5 s, read only through the database handle it came from, the last known release kept while the lookup fails
 * (tried again after 1 s), and nothing shared between two apps.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import type { ReleaseInfo } from "../src/env";
import { ReleaseMemo } from "../src/lib/release-memo";
import { BASE, currentVersion, request, workerState } from "./helpers";

const release = (version: string): ReleaseInfo => ({
  version,
  contentHash: `hash-${version}`,
  publishedAt: "2026-01-01T00:00:00Z",
  counts: {},
});
const db = {} as D1Database;
const other = {} as D1Database;

describe("ReleaseMemo", () => {
  it("is fresh for 5 s after a lookup, for the handle it was read from", () => {
    const memo = new ReleaseMemo();
    expect(memo.fresh(db, 0)).toBeUndefined();
    const r = release("r1");
    memo.remember(db, r, 1_000);
    expect(memo.fresh(db, 1_000)).toBe(r);
    expect(memo.fresh(db, 5_999)).toBe(r);
    expect(memo.fresh(db, 6_000)).toBeUndefined();
    expect(memo.fresh(other, 1_000)).toBeUndefined();
    expect(memo.lastKnown(db)).toBe(r);
    expect(memo.lastKnown(other)).toBeUndefined();
    expect(memo.lastVersion).toBe("r1");
  });

  it("keeps the last known release 1 s more after a failed lookup, then tries again", () => {
    const memo = new ReleaseMemo();
    const r = release("r1");
    memo.remember(db, r, 0);
    memo.failed(db, 60_000);
    expect(memo.fresh(db, 60_999)).toBe(r);
    expect(memo.fresh(db, 61_000)).toBeUndefined();
    expect(memo.lastKnown(db)).toBe(r);
    // A failure through another handle leaves it as it was.
    memo.failed(other, 120_000);
    expect(memo.fresh(db, 120_000)).toBeUndefined();
  });

  it("forgets", () => {
    const memo = new ReleaseMemo();
    memo.remember(db, release("r1"), 0);
    memo.forget();
    expect(memo.fresh(db, 0)).toBeUndefined();
    expect(memo.lastKnown(db)).toBeUndefined();
    expect(memo.lastVersion).toBeUndefined();
  });
});

describe("the release memo of an app", () => {
  it("is the app's own: a second app has seen no release", async () => {
    const version = await currentVersion();
    const one = createApp();
    const two = createApp();
    const ctx = createExecutionContext();
    const res = await one.fetch(new Request(`${BASE}/v1`), env as never, ctx);
    expect(res.status).toBe(200);
    await res.body?.cancel();
    await waitOnExecutionContext(ctx);
    expect(one.state.release.fresh(env.DB)?.version).toBe(version);
    expect(two.state.release.lastVersion).toBeUndefined();
  });

  it("of the worker the tests reach is the one they hold (workerState)", async () => {
    workerState.release.forget();
    expect(workerState.release.lastVersion).toBeUndefined();
    const res = await request("/v1");
    expect(res.status).toBe(200);
    await res.body?.cancel();
    expect(workerState.release.lastVersion).toBe(await currentVersion());
  });
});
