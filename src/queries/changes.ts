import { asc, inArray } from "drizzle-orm";
import { releaseChanges } from "../../schema";
import type { Db } from "./common";

/** Every change of a page of releases: one query. */
export function changesOfReleases(db: Db, versions: string[]) {
  if (versions.length === 0) return Promise.resolve([]);
  return db
    .select({
      release: releaseChanges.release,
      change: releaseChanges.change,
      kind: releaseChanges.kind,
      id: releaseChanges.recordId,
    })
    .from(releaseChanges)
    .where(inArray(releaseChanges.release, versions))
    .orderBy(asc(releaseChanges.kind), asc(releaseChanges.recordId));
}
