import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { RELEASE_CHANGES_SHOWN } from "../../domain";
import type { AppEnv } from "../../env";
import { changedRecord, changeCountsOf } from "../../lib/changes";
import { collection, single } from "../../lib/envelope";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { absolute } from "../../lib/urls";
import { changePage } from "../../queries/changes";
import { orm } from "../../queries/common";
import { closest } from "../../queries/entities";
import * as q from "../../queries/releases";
import type { getRelease, listReleaseChanges, listReleases } from "./releases.routes";

function present(c: Context<AppEnv>, r: q.ReleaseRow) {
  return {
    version: r.version,
    content_hash: r.contentHash,
    published_at: r.publishedAt ?? r.createdAt,
    created_at: r.createdAt,
    previous: r.previous,
    counts: r.counts,
    change_counts: changeCountsOf(r),
    href: absolute(c, `/v1/releases/${r.version}`),
  };
}

export const list: RouteHandler<typeof listReleases, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("releases", query.cursor, 1);
  if (cursor && typeof cursor[0] !== "number") {
    throw new ProblemError("invalid-cursor", {
      detail: "cursor: not a cursor of this collection. Use meta.next_cursor of the previous page, or omit it.",
      errors: [{ parameter: "cursor", in: "query", detail: "not a cursor of this collection" }],
    });
  }
  const rows = await q.listReleases(orm(c.get("d1")), { cursor, limit });
  const p = page(c, "releases", rows, limit, (r) => [r.seq ?? 0]);
  return c.json(
    collection(
      c,
      p.items.map((r) => present(c, r)),
      p,
      limit,
    ),
    200,
  );
};

/** The published release a path names, or a 404 problem with close versions. */
async function releaseOr404(c: Context<AppEnv>, version: string) {
  const db = orm(c.get("d1"));
  const row = await q.getRelease(db, version);
  if (row) return row;
  throw new ProblemError("not-found", {
    detail: `No published release has the version "${version}".`,
    suggestions: closest(version, await q.publishedVersions(db)),
  });
}

export const get: RouteHandler<typeof getRelease, AppEnv> = async (c) => {
  const { version } = c.req.valid("param");
  const row = await releaseOr404(c, version);
  // One more than it shows: whether the list leaves any out.
  const changes = await changePage(c.get("d1"), version, { after: null, limit: RELEASE_CHANGES_SHOWN + 1 });
  const data = {
    ...present(c, row),
    changes: changes.slice(0, RELEASE_CHANGES_SHOWN),
    changes_truncated: changes.length > RELEASE_CHANGES_SHOWN,
    changes_href: absolute(c, `/v1/releases/${version}/changes`),
  };
  return c.json(single(c, data, `/v1/releases/${version}`), 200);
};

export const changes: RouteHandler<typeof listReleaseChanges, AppEnv> = async (c) => {
  const { version } = c.req.valid("param");
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("release-changes", query.cursor, 2);
  const row = await releaseOr404(c, version);
  const rows = await changePage(c.get("d1"), version, {
    change: query.change,
    kind: query.kind,
    after: cursor ? [String(cursor[0]), String(cursor[1])] : null,
    limit: limit + 1,
  });
  const p = page(c, "release-changes", rows, limit, (r) => [r.kind, r.id]);
  return c.json(
    collection(
      c,
      p.items.map((x) => ({ change: x.change, ...changedRecord(c, row, x) })),
      p,
      limit,
    ),
    200,
  );
};
