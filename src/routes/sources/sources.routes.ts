import { createRoute, z } from "@hono/zod-openapi";
import { SOURCE_KINDS } from "../../dataset/schema";
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
import { SourceIncludedSchema, SourceSchema } from "../../openapi/models/sources";

const tags = ["Sources"];
export const SOURCE_INCLUDES = ["entities"] as const;
const include = includeQuery(SOURCE_INCLUDES, "entities");

export const listSources = createRoute({
  method: "get",
  path: "/v1/sources",
  operationId: "listSources",
  tags,
  summary: "List sources",
  description:
    "The publications and documents that stories, figures, partnerships, events and facts cite, ordered by id. Filter by `kind` or by `publisher` (an entity id). `include=entities` embeds the publishers. Bots: cite a source as its `title`, `publisher.name` and `date.value`, with `url` when there is one; `via` names the source through which this one is known (most reports are known only as the Gate article relays them).",
  request: {
    query: strictQuery({
      kind: z
        .enum(SOURCE_KINDS)
        .optional()
        .openapi({
          param: { name: "kind", in: "query" },
          description: "Only sources of this kind.",
          example: "measurement",
        }),
      publisher: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "publisher", in: "query" },
          description: "Only sources published by this entity (an entity id; an unknown id gives an empty page).",
          example: "silicon-based-lab",
        }),
      include,
      lang: langQuery,
      limit: limitQuery,
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: jsonContent(
      collectionOf(SourceSchema, "SourceList", "A page of sources.", SourceIncludedSchema),
      "A page of sources.",
    ),
    ...commonErrors,
  },
});

export const getSource = createRoute({
  method: "get",
  path: "/v1/sources/{id}",
  operationId: "getSource",
  tags,
  summary: "Get a source",
  description:
    "One source: title, publisher, author, date with its precision and certainty, language, kind, URL when known. Bots: cite it as `title` — `publisher.name`, `date.value`; link `url` when it is not null, else `href`.",
  request: {
    params: z.object({ id: idParam("Source id.", "the-information-apple-alibaba-report") }),
    query: strictQuery({ include, lang: langQuery }),
  },
  responses: {
    200: jsonContent(singleOf(SourceSchema, "SourceResponse", "One source.", SourceIncludedSchema), "The source."),
    404: problemResponse("No source has this id (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});
