import { createRoute, z } from "@hono/zod-openapi";
import { FACT_STATUSES, FACT_TOPICS } from "../../dataset/schema";
import { includeQuery } from "../../openapi/include";
import { strictQuery } from "../../openapi/query";
import {
  commonErrors,
  cursorQuery,
  idParam,
  jsonContent,
  langQuery,
  limitQuery,
  problemResponse,
} from "../../openapi/schemas";
import { FactListSchema, FactResponseSchema } from "./facts.schemas";

const tags = ["Facts"];
export const FACT_INCLUDES = ["sources", "entities"] as const;
const include = includeQuery(FACT_INCLUDES, "sources,entities");

export const listFacts = createRoute({
  method: "get",
  path: "/v1/facts",
  operationId: "listFacts",
  tags,
  summary: "List facts",
  description:
    "Atomic, citable statements from the stories, ordered by id. Filter by the `entity` a fact is about, its `topic`, its `status`, or a `source` it cites. Bots: quote `text` as is, say so when `status` is not `reported` (analysis is the author's opinion), and cite the publishers and dates of `sources` (`include=sources` embeds them) with `href` as the permalink.",
  request: {
    query: strictQuery({
      entity: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "entity", in: "query" },
          description: "Only facts about this entity (id).",
          example: "alibaba-group",
        }),
      topic: z
        .enum(FACT_TOPICS)
        .optional()
        .openapi({
          param: { name: "topic", in: "query" },
          description: "Only facts on this topic.",
          example: "model_budget",
        }),
      status: z
        .enum(FACT_STATUSES)
        .optional()
        .openapi({
          param: { name: "status", in: "query" },
          description: "Only facts with this status.",
          example: "reported",
        }),
      source: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "source", in: "query" },
          description: "Only facts that cite this source (id).",
          example: "the-information-apple-alibaba-report",
        }),
      include,
      lang: langQuery,
      limit: limitQuery,
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: jsonContent(FactListSchema, "A page of facts."),
    ...commonErrors,
  },
});

export const getFact = createRoute({
  method: "get",
  path: "/v1/facts/{id}",
  operationId: "getFact",
  tags,
  summary: "Get a fact",
  description:
    "One fact: the statement in the asked language, its status, what it is about, the original Japanese sentence and its sources. Bots: quote `text`, qualify it by `status`, cite the `sources` and link `href`.",
  request: {
    params: z.object({ id: idParam("Fact id.", "apple-rumoured-with-seven-plus-companies") }),
    query: strictQuery({ include, lang: langQuery }),
  },
  responses: {
    200: jsonContent(FactResponseSchema, "The fact."),
    404: problemResponse("No fact has this id (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});
