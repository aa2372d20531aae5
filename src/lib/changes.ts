/** A changed record as the change feed and a release's change list show it: its living and pinned URLs. */
import type { Context } from "hono";
import { type Change, RECORD_KIND, type RecordKind } from "../domain";
import type { AppEnv } from "../env";
import { absolute } from "./urls";

/** The collection path of each record kind (RECORD_KIND read the other way). */
const PATHS = Object.fromEntries(Object.entries(RECORD_KIND).map(([path, kind]) => [kind, path])) as Record<
  RecordKind,
  string
>;

/**
 * A record `release` changed: `href` (the living record; only while that release serves, and not for a removed
 * one), `before` (pinned in the release it replaced) and `after` (pinned in it).
 */
export function changedRecord(
  c: Context<AppEnv>,
  release: { version: string; previous: string | null },
  x: { change: Change; kind: RecordKind; id: string },
) {
  const path = `${PATHS[x.kind]}/${x.id}`;
  return {
    kind: x.kind,
    id: x.id,
    href: x.change === "removed" || release.version !== c.get("release").version ? null : absolute(c, `/v1/${path}`),
    before: x.change === "added" || !release.previous ? null : absolute(c, `/v1/releases/${release.previous}/${path}`),
    after: x.change === "removed" ? null : absolute(c, `/v1/releases/${release.version}/${path}`),
  };
}

/** What a release added, changed and removed, as counted when it was published (zeros for none). */
export const changeCountsOf = (row: { changeCounts: { added: number; changed: number; removed: number } | null }) =>
  row.changeCounts ?? { added: 0, changed: 0, removed: 0 };
