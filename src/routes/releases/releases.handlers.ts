import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { orm } from "../../queries/common";
import { collection, single } from "../../lib/envelope";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { absolute } from "../../lib/urls";
import { closest } from "../../queries/entities";
import * as q from "../../queries/releases";
import type { getRelease, listReleases } from "./releases.routes";

function present(
  c: Context<AppEnv>,
  r: q.ReleaseRow,
  changeCounts: { added: number; changed: number; removed: number } | undefined,
) {
  return {
    version: r.version,
    content_hash: r.contentHash,
    published_at: r.publishedAt ?? r.createdAt,
    created_at: r.createdAt,
    previous: r.previous,
    counts: r.counts,
    change_counts: changeCounts ?? { added: 0, changed: 0, removed: 0 },
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
  const db = orm(c.get("d1"));
  const rows = await q.listReleases(db, { cursor, limit });
  const p = page(c, "releases", rows, limit, (r) => [r.seq ?? 0]);
  const summaries = await q.changeSummaries(
    db,
    p.items.map((r) => r.version),
  );
  return c.json(
    collection(
      c,
      p.items.map((r) => present(c, r, summaries.get(r.version))),
      p,
      limit,
    ),
    200,
  );
};

export const get: RouteHandler<typeof getRelease, AppEnv> = async (c) => {
  const { version } = c.req.valid("param");
  const db = orm(c.get("d1"));
  const row = await q.getRelease(db, version);
  if (!row) {
    throw new ProblemError("not-found", {
      detail: `No published release has the version "${version}".`,
      suggestions: closest(version, await q.publishedVersions(db)),
    });
  }
  const [summaries, changes] = await Promise.all([q.changeSummaries(db, [version]), q.changesOf(db, version)]);
  const data = { ...present(c, row, summaries.get(version)), changes };
  return c.json(single(c, data, `/v1/releases/${version}`), 200);
};
