import { createRoute, z } from "@hono/zod-openapi";
import { FEED_CHANGES_SHOWN } from "../../domain";
import { ChangeCountsSchema, ChangedRecordSchema, changesHref, changesTruncated } from "../../openapi/changes";
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

export const ChangeEntrySchema = z
  .object({
    version: z.string().openapi({ description: "The release's version (content hash).", example: RELEASE_EXAMPLE }),
    published_at: z.string().openapi({ description: "When it was published (UTC).", example: "2026-11-28T23:30:00Z" }),
    previous: z.string().nullable().openapi({ description: "The release it replaced.", example: null }),
    added: z
      .array(ChangedRecordSchema)
      .openapi({ description: `Records new in this release, by kind then id (the first ${FEED_CHANGES_SHOWN}).` }),
    changed: z.array(ChangedRecordSchema).openapi({
      description: `Records whose content changed: re-fetch what you quoted. By kind then id (the first ${FEED_CHANGES_SHOWN}).`,
    }),
    removed: z.array(ChangedRecordSchema).openapi({
      description: `Records no longer in the dataset: stop quoting them. By kind then id (the first ${FEED_CHANGES_SHOWN}).`,
    }),
    change_counts: ChangeCountsSchema,
    changes_truncated: changesTruncated(`at most ${FEED_CHANGES_SHOWN} records of each kind of change`),
    changes_href: changesHref,
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
  description: `One entry per published release, newest first: the records it added, changed and removed (the first ${FEED_CHANGES_SHOWN} of each, with exact counts; \`changes_href\` pages through the rest). Bots that quoted a fact can poll this (cheaply, with If-None-Match) and refresh what changed. Also as Atom at /v1/changes.atom.`,
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
