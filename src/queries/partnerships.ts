import { and, asc, eq, or } from "drizzle-orm";
import { partnershipHistory, partnershipReasons, partnerships } from "../../schema";
import { after, type Db, inIds } from "./common";

export type PartnershipRow = typeof partnerships.$inferSelect;

export function listPartnerships(
  db: Db,
  release: string,
  f: { party?: string; status?: PartnershipRow["status"]; cursor: (string | number)[] | null; limit: number },
) {
  return db
    .select()
    .from(partnerships)
    .where(
      and(
        eq(partnerships.release, release),
        f.party ? or(eq(partnerships.partyA, f.party), eq(partnerships.partyB, f.party)) : undefined,
        f.status ? eq(partnerships.status, f.status) : undefined,
        after([partnerships.id], f.cursor),
      ),
    )
    .orderBy(asc(partnerships.id))
    .limit(f.limit + 1);
}

export async function getPartnership(db: Db, release: string, id: string) {
  const rows = await db
    .select()
    .from(partnerships)
    .where(and(eq(partnerships.release, release), eq(partnerships.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Status history of the given partnerships, oldest first: one query. */
export function historyOf(db: Db, release: string, ids: readonly string[]) {
  return db
    .select()
    .from(partnershipHistory)
    .where(and(eq(partnershipHistory.release, release), inIds(partnershipHistory.partnershipId, ids)))
    .orderBy(asc(partnershipHistory.partnershipId), asc(partnershipHistory.seq));
}

/** Reasons of the given partnerships, in the curators' order: one query. */
export function reasonsOf(db: Db, release: string, ids: readonly string[]) {
  return db
    .select()
    .from(partnershipReasons)
    .where(and(eq(partnershipReasons.release, release), inIds(partnershipReasons.partnershipId, ids)))
    .orderBy(asc(partnershipReasons.partnershipId), asc(partnershipReasons.seq));
}

/** Every partnership id of the release, for 404 suggestions. */
export async function partnershipIds(db: Db, release: string) {
  const rows = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(eq(partnerships.release, release))
    .orderBy(asc(partnerships.id));
  return rows.map((r) => r.id);
}
