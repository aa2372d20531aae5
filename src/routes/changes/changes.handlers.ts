import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { orm } from "../../queries/common";
import { collection } from "../../lib/envelope";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { absolute } from "../../lib/urls";
import { changesOfReleases } from "../../queries/changes";
import { listReleases } from "../../queries/releases";
import type { listChanges, listChangesAtom } from "./changes.routes";

const PATHS: Record<string, string> = {
  story: "stories",
  entity: "entities",
  source: "sources",
  figure: "figures",
  budget: "budgets",
  partnership: "partnerships",
  event: "events",
  fact: "facts",
};

async function entries(c: Context<AppEnv>, limit: number, cursor: (string | number)[] | null) {
  const db = orm(c.get("d1"));
  const rows = await listReleases(db, { cursor, limit });
  const shown = rows.slice(0, limit);
  const changes = await changesOfReleases(
    db,
    shown.map((r) => r.version),
  );
  const current = c.get("release").version;
  const data = shown.map((r) => {
    const of = (change: string) =>
      changes
        .filter((x) => x.release === r.version && x.change === change)
        .map((x) => ({
          kind: x.kind,
          id: x.id,
          href: change === "removed" || r.version !== current ? null : absolute(c, `/v1/${PATHS[x.kind]}/${x.id}`),
          before:
            change === "added" || !r.previous
              ? null
              : absolute(c, `/v1/releases/${r.previous}/${PATHS[x.kind]}/${x.id}`),
          after: change === "removed" ? null : absolute(c, `/v1/releases/${r.version}/${PATHS[x.kind]}/${x.id}`),
        }));
    return {
      version: r.version,
      published_at: r.publishedAt ?? r.createdAt,
      previous: r.previous,
      added: of("added"),
      changed: of("changed"),
      removed: of("removed"),
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
  const list = (label: string, items: { kind: string; id: string }[]) =>
    items.length ? `${label}: ${items.map((x) => `${x.kind} ${x.id}`).join(", ")}.` : "";
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
      const summary = `${e.added.length} added, ${e.changed.length} changed, ${e.removed.length} removed`;
      const content = [list("Added", e.added), list("Changed", e.changed), list("Removed", e.removed)]
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
