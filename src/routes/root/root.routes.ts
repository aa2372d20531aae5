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
            claim_check: z.string().openapi({
              description: "Check a sentence against the record.",
              example: "https://api.example/v1/claims/check?text=Apple%20ranked%20second%20in%20China",
            }),
            mcp: z.string().openapi({
              description: "The Model Context Protocol server (Streamable HTTP; see `mcp`).",
              example: "https://api.example/mcp",
            }),
            health: z.string().openapi({ description: "Health check.", example: "https://api.example/healthz" }),
          })
          .openapi({ description: "Other entry points." }),
        mcp: z
          .object({
            url: z.string().openapi({ description: "The MCP endpoint.", example: "https://api.example/mcp" }),
            transport: z
              .literal("streamable-http")
              .openapi({ description: "Streamable HTTP, stateless (no session).", example: "streamable-http" }),
            protocol_versions: z.array(z.string()).openapi({
              description: "The protocol revisions it answers: 2026-07-28 and the 2025-era ones.",
              example: ["2026-07-28", "2025-11-25", "2025-06-18"],
            }),
            tools: z.array(z.string()).openapi({
              description: "Its tools, all read-only.",
              example: ["search", "get_fact", "check_claim"],
            }),
            client_config: z
              .object({
                mcpServers: z
                  .record(
                    z.string(),
                    z.object({
                      type: z.literal("http").openapi({ description: "http.", example: "http" }),
                      url: z.string().openapi({ description: "The endpoint.", example: "https://api.example/mcp" }),
                    }),
                  )
                  .openapi({ description: "One server, named `alliance-facts`." }),
              })
              .openapi({ description: "The entry to add to an MCP client's configuration (`mcpServers`)." }),
          })
          .openapi({ description: "The Model Context Protocol server: add `client_config` to an MCP client." }),
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
