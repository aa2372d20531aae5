import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { collection, documentOr404, includedFor, sendJson, single } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import { listDocuments } from "../../queries/documents";
import { sendSvg } from "../../lib/picture";
import { type PartnershipDoc, renderTimeline, type StoryDoc } from "../../render/timeline";
import type { getStory, getStoryTimeline, listStories } from "./stories.routes";

export const list: RouteHandler<typeof listStories, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("stories", query.cursor, 1);
  const rows = await listDocuments(c.get("d1"), c.get("release").version, "story", c.get("lang"), { cursor, limit });
  const p = page(c, "stories", rows, limit, (r) => [r.id]);
  const included = await includedFor(c, p.items, parseInclude(query.include));
  return sendJson(
    c,
    collection(
      c,
      p.items.map((r) => r.body),
      p,
      limit,
      included,
    ),
  ) as never;
};

export const get: RouteHandler<typeof getStory, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { include } = c.req.valid("query");
  const row = await documentOr404(c, "story", id, "story");
  return sendJson(
    c,
    single(c, row.body, `/v1/stories/${id}`, await includedFor(c, [row], parseInclude(include))),
  ) as never;
};

/** Lanes drawn at most: a story has a handful of partnerships; the picture stays readable. */
const MAX_LANES = 100;

export const timeline: RouteHandler<typeof getStoryTimeline, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const story = await documentOr404(c, "story", id, "story");
  const rows = await listDocuments(c.get("d1"), c.get("release").version, "partnership", c.get("lang"), {
    facets: [["story", id]],
    cursor: null,
    limit: MAX_LANES - 1,
  });
  const partnerships = rows.map((r) => JSON.parse(r.detail ?? r.body) as PartnershipDoc);
  return sendSvg(c, renderTimeline(JSON.parse(story.body) as StoryDoc, partnerships, c.get("lang"))) as never;
};
