/**
 * What releases added, changed and removed (`release_changes`), read in bounds: a first release of a large
 * dataset adds every record (164,000 at 1,000× data), so no read takes a release's whole list. Every read walks
 * an index in (kind, id) order and stops at its limit: the primary key (release, kind, record_id), or
 * `release_changes_change` (release, change, kind, record_id) for one kind of change (migration 0010).
 */
import { CHANGES, type Change, type RecordKind } from "../domain";

export interface ChangeRow {
  change: Change;
  kind: RecordKind;
  id: string;
}

const COLUMNS = "change, kind, record_id AS id";
/**
 * The changes of one kind of change, through their index: without statistics SQLite may take the primary key
 * for `kind = ?` and skip every other change of that kind on the way (measured: 298 rows read for a page of 20).
 */
const BY_CHANGE = "release_changes INDEXED BY release_changes_change";

/**
 * At most `each` records of each kind of change of every release in `versions`, in (kind, id) order: one batch
 * (one round trip; D1 refuses a compound SELECT of more than a few terms), each statement a bounded range of the
 * index for one release and change.
 */
export async function changesOfReleases(d1: D1Database, versions: readonly string[], each: number) {
  if (versions.length === 0) return [];
  const read = d1.prepare(
    `SELECT ?1 AS release, ${COLUMNS} FROM ${BY_CHANGE} WHERE release = ?1 AND change = ?2 ORDER BY kind, record_id LIMIT ?3`,
  );
  const n = Math.max(0, Math.floor(each));
  const results = await d1.batch<ChangeRow & { release: string }>(
    versions.flatMap((version) => CHANGES.map((change) => read.bind(version, change, n))),
  );
  return results.flatMap((r) => r.results);
}

/** A page of one release's changes, in (kind, id) order after `after`, of one kind of change or record if asked. */
export async function changePage(
  d1: D1Database,
  version: string,
  f: { change?: Change; kind?: RecordKind; after: [kind: string, id: string] | null; limit: number },
) {
  const where = ["release = ?1"];
  const params: string[] = [version];
  const bind = (value: string) => {
    params.push(value);
    return `?${params.length}`;
  };
  if (f.change) where.push(`change = ${bind(f.change)}`);
  if (f.kind) where.push(`kind = ${bind(f.kind)}`);
  if (f.after && f.kind) {
    // One kind: the range is on the id alone (SQLite seeks `kind = ? AND record_id > ?`, where it would walk the
    // kind's changes from the first to the cursor for a row value beside an equality).
    if (f.after[0] > f.kind) return [];
    if (f.after[0] === f.kind) where.push(`record_id > ${bind(f.after[1])}`);
  } else if (f.after) where.push(`(kind, record_id) > (${bind(f.after[0])}, ${bind(f.after[1])})`);
  const { results } = await d1
    .prepare(
      `SELECT ${COLUMNS} FROM ${f.change ? BY_CHANGE : "release_changes"} WHERE ${where.join(" AND ")} ORDER BY kind, record_id LIMIT ${Math.max(0, Math.floor(f.limit))}`,
    )
    .bind(...params)
    .all<ChangeRow>();
  return results;
}
