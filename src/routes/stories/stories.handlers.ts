import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { Localizer } from "../../lib/localize";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { absolute } from "../../lib/urls";
import { parseInclude } from "../../openapi/include";
import { loadSources } from "../../present/sources";
import { collection, single } from "../../lib/envelope";
import { dateOf } from "../../lib/localize";
import { closest } from "../../queries/entities";
import { citationsOf } from "../../queries/sources";
import * as q from "../../queries/stories";
import type { getStory, listStories, STORY_INCLUDES } from "./stories.routes";

type Include = (typeof STORY_INCLUDES)[number];

/** A page of story rows as API records: one query (the citations) whatever the page size. */
async function present(c: Context<AppEnv>, rows: q.StoryRow[]) {
  const cites = await citationsOf(
    c.get("db"),
    c.get("release").version,
    "story",
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const l = new Localizer(c.get("lang"));
    return {
      id: row.id,
      headline: l.text("headline", row.headline),
      summary: l.text("summary", row.summary),
      date: dateOf(row.date, row.datePrecision, row.dateCertainty, row.datePhrase),
      sources: cites.get(row.id) ?? [],
      href: absolute(c, `/v1/stories/${row.id}`),
      fallback: l.fallback,
    };
  });
}

async function included(c: Context<AppEnv>, data: { sources: string[] }[], include: string | undefined) {
  const asked = parseInclude<Include>(include);
  if (asked.size === 0) return undefined;
  return {
    sources: await loadSources(
      c,
      data.flatMap((d) => d.sources),
    ),
  };
}

export const list: RouteHandler<typeof listStories, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("stories", query.cursor, 1);
  const rows = await q.listStories(c.get("db"), c.get("release").version, { cursor, limit });
  const p = page(c, "stories", rows, limit, (r) => [r.id]);
  const data = await present(c, p.items);
  return c.json(collection(c, data, p, limit, await included(c, data, query.include)), 200);
};

export const get: RouteHandler<typeof getStory, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await q.getStory(db, release, id);
  if (!row) {
    throw new ProblemError("not-found", {
      detail: `No story has the id "${id}".`,
      suggestions: closest(id, await q.storyIds(db, release)),
    });
  }
  const [data] = await present(c, [row]);
  if (!data) throw new Error("unreachable: a story row always presents");
  return c.json(single(c, data, `/v1/stories/${id}`, await included(c, [data], include)), 200);
};
