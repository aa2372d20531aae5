import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { releaseChanges, releases } from "../../schema";
import { type Db, inIds } from "./common";

/** Record kinds as the change log names them (see RECORD_KIND in src/dataset/release.ts). */
import type { RecordKind } from "../domain";

export type { RecordKind } from "../domain";

export type ReleaseRow = typeof releases.$inferSelect;

/** Published releases, newest first (by `seq`); the cursor is the last `seq` served. */
export function listReleases(db: Db, f: { cursor: (string | number)[] | null; limit: number }) {
  const before = f.cursor ? Number(f.cursor[0]) : null;
  return db
    .select()
    .from(releases)
    .where(and(eq(releases.status, "published"), before !== null ? lt(releases.seq, before) : undefined))
    .orderBy(desc(releases.seq))
    .limit(f.limit + 1);
}

export async function getRelease(db: Db, version: string) {
  const rows = await db
    .select()
    .from(releases)
    .where(and(eq(releases.status, "published"), eq(releases.version, version)))
    .limit(1);
  return rows[0] ?? null;
}

export async function publishedVersions(db: Db) {
  const rows = await db.select({ version: releases.version }).from(releases).where(eq(releases.status, "published"));
  return rows.map((r) => r.version);
}

/** Added / changed / removed counts of a page of releases: one query. */
export async function changeSummaries(db: Db, versions: readonly string[]) {
  const map = new Map<string, { added: number; changed: number; removed: number }>();
  for (const v of versions) map.set(v, { added: 0, changed: 0, removed: 0 });
  if (versions.length === 0) return map;
  const rows = await db
    .select({ release: releaseChanges.release, change: releaseChanges.change, n: sql<number>`count(*)` })
    .from(releaseChanges)
    .where(inIds(releaseChanges.release, versions))
    .groupBy(releaseChanges.release, releaseChanges.change);
  for (const r of rows) {
    const s = map.get(r.release);
    if (s) s[r.change] = Number(r.n);
  }
  return map;
}

/** Every change of one release, by kind then record id. */
export function changesOf(db: Db, version: string) {
  return db
    .select({
      change: releaseChanges.change,
      kind: sql<RecordKind>`${releaseChanges.kind}`,
      id: releaseChanges.recordId,
    })
    .from(releaseChanges)
    .where(eq(releaseChanges.release, version))
    .orderBy(asc(releaseChanges.kind), asc(releaseChanges.recordId));
}

/** How many releases are published (what GET /v1/releases lists). */
export async function countReleases(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)` }).from(releases).where(eq(releases.status, "published"));
  return Number(rows[0]?.n ?? 0);
}
