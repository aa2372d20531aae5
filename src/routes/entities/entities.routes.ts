import { cardRoute } from "../../openapi/pictures";
import { createRoute, z } from "@hono/zod-openapi";
import { ENTITY_TYPES } from "../../dataset/schema";
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
  RELEASE_EXAMPLE,
  singleOf,
  textQuery,
} from "../../openapi/schemas";
import { EntitySchema, RelationSchema } from "../../openapi/models/entities";

const tags = ["Entities"];
const entityId = idParam(
  "Entity id (a former id or an alias answers with a 308 redirect to the canonical URL).",
  "alibaba-cloud",
);
const notFound = problemResponse("No entity has this id (type not-found); `suggestions` lists close ids.");
const redirect = {
  description: "The id is a former id or an alias of an entity: `Location` has the canonical URL.",
  headers: {
    Location: {
      description: "The canonical URL.",
      schema: { type: "string" as const, format: "uri-reference", maxLength: 2048 },
      example: "/v1/entities/alibaba-cloud",
    },
  },
};

export const listEntities = createRoute({
  method: "get",
  path: "/v1/entities",
  operationId: "listEntities",
  tags,
  summary: "List entities",
  description:
    "Companies, people, models, devices, regulators and the other things the stories name, ordered by id. Filter by `type`, by `story`, or by `q`, which matches any part of any name or alias in any language — including the source article's misspellings (`Bacchus Intelligence` finds Baichuan). Bots: quote `name` and link `href`.",
  request: {
    query: strictQuery({
      type: z
        .enum(ENTITY_TYPES)
        .optional()
        .openapi({
          param: { name: "type", in: "query" },
          description: "Only entities of this type.",
          example: "model",
        }),
      story: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "story", in: "query" },
          description: "Only entities that appear in this story (id).",
          example: "apple-alibaba-ai-alliance-china",
        }),
      q: textQuery()
        .optional()
        .openapi({
          param: { name: "q", in: "query" },
          description: "Part of a name or alias, in any language (1–100 characters, case-insensitive).",
          example: "Qwen",
        }),
      lang: langQuery,
      limit: limitQuery,
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: jsonContent(collectionOf(EntitySchema, "EntityList", "A page of entities."), "A page of entities."),
    ...commonErrors,
  },
});

export const getEntity = createRoute({
  method: "get",
  path: "/v1/entities/{id}",
  operationId: "getEntity",
  tags,
  summary: "Get an entity",
  description:
    "One entity with its names in every language and its aliases. A former id or an alias (e.g. `aliyun`) redirects (308) to the canonical id.",
  request: { params: z.object({ id: entityId }), query: strictQuery({ lang: langQuery }) },
  responses: {
    200: jsonContent(singleOf(EntitySchema, "EntityResponse", "One entity."), "The entity."),
    308: redirect,
    404: notFound,
    ...commonErrors,
  },
});

export const listEntityRelations = createRoute({
  method: "get",
  path: "/v1/entities/{id}/relations",
  operationId: "listEntityRelations",
  tags,
  summary: "List an entity's relations",
  description:
    "Relations in both directions (parent/subsidiary, product of, founder of, competitor, partner…), each read from this entity's side in `label`, with the entity on the other side.",
  request: { params: z.object({ id: entityId }), query: strictQuery({ lang: langQuery }) },
  responses: {
    200: jsonContent(
      z
        .object({
          data: z.array(RelationSchema).openapi({ description: "The relations." }),
          meta: z
            .object({
              release: z.string().openapi({ description: "Release version.", example: RELEASE_EXAMPLE }),
              lang: z.string().openapi({ description: "Answer language.", example: "en" }),
              entity: z
                .string()
                .openapi({ description: "The entity whose relations these are.", example: "alibaba-cloud" }),
            })
            .openapi({ description: "About the answer." }),
          links: z
            .object({
              self: z.string().openapi({
                description: "This URL.",
                example: "https://api.example/v1/entities/alibaba-cloud/relations",
              }),
            })
            .openapi({ description: "Links." }),
        })
        .openapi("RelationList", { description: "An entity's relations." }),
      "The relations.",
    ),
    308: redirect,
    404: notFound,
    ...commonErrors,
  },
});

export const getEntityCard = cardRoute("entities", "Entities", "getEntityCard", "alibaba-group");
