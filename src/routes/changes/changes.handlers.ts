import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { CHANGES, type Change, FEED_CHANGES_SHOWN } from "../../domain";
import type { AppEnv } from "../../env";
import { changedRecord, changeCountsOf } from "../../lib/changes";
import { collection } from "../../lib/envelope";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { absolute } from "../../lib/urls";
import { changesOfReleases } from "../../queries/changes";
import { orm } from "../../queries/common";
import { listReleases } from "../../queries/releases";
import type { listChanges, listChangesAtom } from "./changes.routes";

/**
 * A page of releases with their changes: at most FEED_CHANGES_SHOWN added, changed and removed each (one bounded
 * read for the page), with the exact counts and where every change is.
 */
async function entries(c: Context<AppEnv>, limit: number, cursor: (string | number)[] | null) {
  const rows = await listReleases(orm(c.get("d1")), { cursor, limit });
  const shown = rows.slice(0, limit);
  const changes = await changesOfReleases(
    c.get("d1"),
    shown.map((r) => r.version),
    FEED_CHANGES_SHOWN,
  );
  const data = shown.map((r) => {
    const counts = changeCountsOf(r);
    const of = (change: Change) =>
      changes.filter((x) => x.release === r.version && x.change === change).map((x) => changedRecord(c, r, x));
    return {
      version: r.version,
      published_at: r.publishedAt ?? r.createdAt,
      previous: r.previous,
      added: of("added"),
      changed: of("changed"),
      removed: of("removed"),
      change_counts: counts,
      changes_truncated: CHANGES.some((change) => counts[change] > FEED_CHANGES_SHOWN),
      changes_href: absolute(c, `/v1/releases/${r.version}/changes`),
      href: absolute(c, `/v1/releases/${r.version}`),
    };
  });
  return { rows, data };
}

export const list: RouteHandler<typeof listChanges, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("changes", query.cursor, 1);
  const { rows, data } = await entries(c, limit, cursor);
  const p = page(c, "changes", rows, limit, (r) => [r.seq ?? 0]);
  return c.json(collection(c, data, p, limit), 200);
};

const xml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch] as string,
  );

export const atom: RouteHandler<typeof listChangesAtom, AppEnv> = async (c) => {
  const { data } = await entries(c, 50, null);
  const self = absolute(c, "/v1/changes.atom");
  const updated = data[0]?.published_at ?? c.get("release").publishedAt;
  // Each list as the entry shows it, and how many more there are (FEED_CHANGES_SHOWN at most are listed).
  const list = (label: string, items: { kind: string; id: string }[], count: number) =>
    items.length
      ? `${label}: ${items.map((x) => `${x.kind} ${x.id}`).join(", ")}${count > items.length ? `, and ${count - items.length} more` : ""}.`
      : "";
  const body = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `<id>${xml(self)}</id>`,
    "<title>Alliance Facts API — dataset releases</title>",
    "<subtitle>What each release of the dataset added, changed and removed.</subtitle>",
    `<updated>${xml(updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
    `<link rel="alternate" type="application/json" href="${xml(absolute(c, "/v1/changes"))}"/>`,
    "<author><name>Alliance Facts API</name></author>",
    '<generator uri="https://hono.dev">Alliance Facts API</generator>',
    ...data.map((e) => {
      const n = e.change_counts;
      const summary = `${n.added} added, ${n.changed} changed, ${n.removed} removed`;
      const content = [
        list("Added", e.added, n.added),
        list("Changed", e.changed, n.changed),
        list("Removed", e.removed, n.removed),
      ]
        .filter(Boolean)
        .join(" ");
      return [
        "<entry>",
        `<id>${xml(e.href)}</id>`,
        `<title>Release ${xml(e.version)}: ${summary}</title>`,
        `<updated>${xml(e.published_at)}</updated>`,
        `<published>${xml(e.published_at)}</published>`,
        `<link rel="alternate" type="application/json" href="${xml(e.href)}"/>`,
        `<summary>${xml(summary)}</summary>`,
        `<content type="text">${xml(content || "No record changed.")}</content>`,
        "</entry>",
      ].join("");
    }),
    "</feed>",
  ].join("\n");
  return c.body(body, 200, { "Content-Type": "application/atom+xml; charset=utf-8" });
};
