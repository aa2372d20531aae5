import { createRoute, z } from "@hono/zod-openapi";
import { strictQuery } from "../../openapi/query";
import {
  collectionOf,
  commonErrors,
  cursorQuery,
  jsonContent,
  langQuery,
  limitQuery,
  RELEASE_EXAMPLE,
} from "../../openapi/schemas";

const tags = ["Releases"];

const ChangedRecordSchema = z
  .object({
    kind: z.string().openapi({ description: "Record kind.", example: "fact" }),
    id: z.string().openapi({ description: "Record id.", example: "apple-selected-alibaba-china-ai-partner" }),
    href: z.string().nullable().openapi({
      description: "The record's URL in this API (null for removed records).",
      example: "https://api.example/v1/facts/apple-selected-alibaba-china-ai-partner",
    }),
    before: z.string().nullable().openapi({
      description:
        "The record as the release before this one had it: its pinned URL in `previous` (null for added records and for the first release; 410 Gone once that release is no longer kept).",
      example: "https://api.example/v1/releases/1e2d3c4b5a69/facts/apple-selected-alibaba-china-ai-partner",
    }),
    after: z
      .string()
      .nullable()
      .openapi({
        description: "The record as this release has it: its pinned URL (null for removed records).",
        example: `https://api.example/v1/releases/${RELEASE_EXAMPLE}/facts/apple-selected-alibaba-china-ai-partner`,
      }),
  })
  .openapi("ChangedRecord", { description: "A record a release added, changed or removed." });

export const ChangeEntrySchema = z
  .object({
    version: z.string().openapi({ description: "The release's version (content hash).", example: RELEASE_EXAMPLE }),
    published_at: z.string().openapi({ description: "When it was published (UTC).", example: "2026-11-28T23:30:00Z" }),
    previous: z.string().nullable().openapi({ description: "The release it replaced.", example: null }),
    added: z.array(ChangedRecordSchema).openapi({ description: "Records new in this release." }),
    changed: z
      .array(ChangedRecordSchema)
      .openapi({ description: "Records whose content changed: re-fetch what you quoted." }),
    removed: z
      .array(ChangedRecordSchema)
      .openapi({ description: "Records no longer in the dataset: stop quoting them." }),
    href: z
      .string()
      .openapi({ description: "The release record.", example: `https://api.example/v1/releases/${RELEASE_EXAMPLE}` }),
  })
  .openapi("ChangeEntry", { description: "What one release added, changed and removed, by record kind and id." });

export const listChanges = createRoute({
  method: "get",
  path: "/v1/changes",
  operationId: "listChanges",
  tags,
  summary: "Change feed",
  description:
    "One entry per published release, newest first: the records it added, changed and removed. Bots that quoted a fact can poll this (cheaply, with If-None-Match) and refresh what changed. Also as Atom at /v1/changes.atom.",
  request: { query: strictQuery({ lang: langQuery, limit: limitQuery, cursor: cursorQuery }) },
  responses: {
    200: jsonContent(collectionOf(ChangeEntrySchema, "ChangeList", "A page of the change feed."), "The change feed."),
    ...commonErrors,
  },
});

export const listChangesAtom = createRoute({
  method: "get",
  path: "/v1/changes.atom",
  operationId: "listChangesAtom",
  tags,
  summary: "Change feed (Atom)",
  description: "The change feed as an Atom 1.0 document (RFC 4287), the 50 newest releases, for feed readers.",
  request: { query: strictQuery({}) },
  responses: {
    200: {
      description: "An Atom feed.",
      content: {
        "application/atom+xml": {
          schema: z.string().openapi("AtomFeed", { description: "Atom 1.0 XML.", example: "<feed/>" }),
        },
      },
    },
    ...commonErrors,
  },
});
