import { and, desc, eq, lt, sql } from "drizzle-orm";
import { releases } from "../../schema";
import type { Db } from "./common";

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

/** How many releases are published (what GET /v1/releases lists). */
export async function countReleases(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)` }).from(releases).where(eq(releases.status, "published"));
  return Number(rows[0]?.n ?? 0);
}
