import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { documentOr404, includedFor, sendJson, single, listPage } from "../../lib/serve";
import { parseInclude } from "../../openapi/include";
import { detailOf, listDocuments } from "../../queries/documents";
import { sendSvg } from "../../lib/picture";
import { type PartnershipDoc, renderTimeline, type StoryDoc } from "../../render/timeline";
import type { getStory, getStoryTimeline, listStories } from "./stories.routes";

export const list: RouteHandler<typeof listStories, AppEnv> = async (c) =>
  (await listPage(c, "stories", "story", c.req.valid("query"))) as never;

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
  const partnerships = rows.map((r) => JSON.parse(detailOf(r)) as PartnershipDoc);
  return sendSvg(c, renderTimeline(JSON.parse(story.body) as StoryDoc, partnerships, c.get("lang"))) as never;
};
