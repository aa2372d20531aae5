import { createRoute, z } from "@hono/zod-openapi";
import { LANGS } from "../../dataset/schema";
import { commonErrors, int32, jsonContent, langQuery, RELEASE_EXAMPLE } from "../../openapi/schemas";
import { strictQuery } from "../../openapi/query";

export const COLLECTIONS = [
  "stories",
  "sources",
  "entities",
  "figures",
  "budgets",
  "partnerships",
  "events",
  "facts",
  "releases",
] as const;

const CollectionLink = z
  .object({
    name: z.string().openapi({ description: "Collection name.", example: "entities" }),
    href: z
      .string()
      .openapi({ description: "Absolute URL of the collection.", example: "https://api.example/v1/entities" }),
    count: int32().openapi({
      description:
        "Records in the current release; for `releases`, how many releases are published (what `GET /v1/releases` lists).",
      example: 42,
    }),
  })
  .openapi("CollectionLink", { description: "A collection of the API." });

export const IndexSchema = z
  .object({
    data: z
      .object({
        name: z.string().openapi({ description: "The API's name.", example: "Alliance Facts API" }),
        description: z
          .string()
          .openapi({ description: "What the API serves.", example: "Citable facts about AI alliances." }),
        release: z
          .object({
            version: z
              .string()
              .openapi({ description: "Content-hash version of the serving release.", example: RELEASE_EXAMPLE }),
            published_at: z
              .string()
              .openapi({ description: "When it was published (UTC, ISO 8601).", example: "2026-11-28T23:30:00Z" }),
            href: z.string().openapi({
              description: "The release record.",
              example: `https://api.example/v1/releases/${RELEASE_EXAMPLE}`,
            }),
          })
          .openapi({ description: "The release serving now." }),
        collections: z.array(CollectionLink).openapi({ description: "The collections, with record counts." }),
        languages: z
          .array(
            z.object({
              lang: z.enum(LANGS).openapi({ description: "The `lang` value (and `meta.lang`).", example: "zh-Hant" }),
              tag: z
                .string()
                .openapi({ description: "Its BCP 47 tag, as `Content-Language` gives it.", example: "zh-Hant" }),
              name: z.string().openapi({ description: "Its name in English.", example: "Traditional Chinese" }),
            }),
          )
          .openapi({
            description:
              "The languages served. `lang` and `Accept-Language` take any BCP 47 tag for one, case-insensitively (`zh-TW`, `zh-HK` → zh-Hant; `zh-CN`, `zh-SG`, `zh-Hans` → zh; `ja-JP` → ja).",
          }),
        links: z
          .object({
            openapi: z
              .string()
              .openapi({ description: "The OpenAPI 3.1 document.", example: "https://api.example/openapi.json" }),
            docs: z
              .string()
              .openapi({ description: "The interactive API reference.", example: "https://api.example/docs" }),
            search: z
              .string()
              .openapi({ description: "Search across records.", example: "https://api.example/v1/search?q=Qwen" }),
            health: z.string().openapi({ description: "Health check.", example: "https://api.example/healthz" }),
          })
          .openapi({ description: "Other entry points." }),
      })
      .openapi({ description: "The index." }),
    meta: z
      .object({
        release: z.string().openapi({ description: "Version of the release that answered.", example: RELEASE_EXAMPLE }),
        lang: z.string().openapi({ description: "Language of the answer.", example: "en" }),
      })
      .openapi({ description: "About the answer." }),
    links: z
      .object({ self: z.string().openapi({ description: "This URL.", example: "https://api.example/v1" }) })
      .openapi({ description: "Links." }),
  })
  .openapi("ApiIndex", { description: "The API index: release, collections and entry points." });

export const getIndex = createRoute({
  method: "get",
  path: "/v1",
  operationId: "getIndex",
  tags: ["Index"],
  summary: "API index",
  description:
    "Start here: the serving release (version and time), every collection with its record count, and links to the OpenAPI document, the docs and search.",
  request: { query: strictQuery({ lang: langQuery }) },
  responses: { 200: jsonContent(IndexSchema, "The index."), ...commonErrors },
});
