import { createRoute, z } from "@hono/zod-openapi";
import { includeQuery } from "../../openapi/include";
import { strictQuery } from "../../openapi/query";
import {
  collectionOf,
  commonErrors,
  cursorQuery,
  idParam,
  jsonContent,
  langQuery,
  limitQuery,
  problemResponse,
  singleOf,
} from "../../openapi/schemas";
import { PICTURE_NOTE, svgContent } from "../../openapi/pictures";
import { StoryIncludedSchema, StorySchema } from "./stories.schemas";

const tags = ["Stories"];
export const STORY_INCLUDES = ["sources"] as const;
const include = includeQuery(STORY_INCLUDES, "sources");

export const listStories = createRoute({
  method: "get",
  path: "/v1/stories",
  operationId: "listStories",
  tags,
  summary: "List stories",
  description:
    "The news stories the dataset is curated from, ordered by id. `include=sources` embeds the sources they rest on. Bots: quote `headline` (and `summary` for context), give `date.value` with its precision, and cite the sources in `sources`.",
  request: { query: strictQuery({ include, lang: langQuery, limit: limitQuery, cursor: cursorQuery }) },
  responses: {
    200: jsonContent(
      collectionOf(StorySchema, "StoryList", "A page of stories.", StoryIncludedSchema),
      "A page of stories.",
    ),
    ...commonErrors,
  },
});

export const getStory = createRoute({
  method: "get",
  path: "/v1/stories/{id}",
  operationId: "getStory",
  tags,
  summary: "Get a story",
  description:
    "One story: headline, summary, approximate date and the ids of the sources it rests on (`include=sources` embeds them). Bots: quote `headline`, link `href`, cite the first sources.",
  request: {
    params: z.object({ id: idParam("Story id.", "apple-alibaba-ai-alliance-china") }),
    query: strictQuery({ include, lang: langQuery }),
  },
  responses: {
    200: jsonContent(singleOf(StorySchema, "StoryResponse", "One story.", StoryIncludedSchema), "The story."),
    404: problemResponse("No story has this id (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});

export const getStoryTimeline = createRoute({
  method: "get",
  path: "/v1/stories/{id}/timeline.svg",
  operationId: "getStoryTimeline",
  tags,
  summary: "Partnership timeline of a story (SVG)",
  description: `Every partnership of the story as a picture: one lane per partnership (up to 100), its status changes (●, labelled) and its events (◆) at their dates. A date's precision is the width of its band (a year, a month, a day) and its certainty the marker (filled: stated; ringed: relative, such as "recently"; hollow and dashed: inferred). Lanes where a partner was selected and the selection stands (e.g. Apple × Alibaba Group) are emphasized. The \`<desc>\` lists every lane's history as text. ${PICTURE_NOTE}`,
  request: {
    params: z.object({ id: idParam("Story id.", "apple-alibaba-ai-alliance-china") }),
    query: strictQuery({ lang: langQuery }),
  },
  responses: {
    200: svgContent(
      "The timeline.",
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" … role="img"><title id="timeline-title">Partnership timeline: …</title><desc id="timeline-desc">Apple × Alibaba Group: selected 2025 (year, relative); …</desc>…</svg>',
    ),
    404: problemResponse("No story has this id (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});
