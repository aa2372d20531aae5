import { z } from "@hono/zod-openapi";
import { CHANGES, RECORD_KINDS, RELEASE_CHANGES_SHOWN } from "../../domain";
import { ChangeCountsSchema, ChangedRecordSchema, changesHref, changesTruncated } from "../../openapi/changes";
import { CONTENT_HASH_EXAMPLE, int32, RELEASE_EXAMPLE } from "../../openapi/schemas";

const example = {
  version: RELEASE_EXAMPLE,
  content_hash: CONTENT_HASH_EXAMPLE,
};

export const ReleaseSchema = z
  .object({
    version: z.string().openapi({
      description: "The release's version: the first 12 hex digits of its content hash. Every answer's `meta.release`.",
      example: example.version,
    }),
    content_hash: z.string().openapi({
      description: "SHA-256 over every record's kind, id and content hash: equal content, equal hash.",
      example: example.content_hash,
    }),
    published_at: z.string().openapi({
      description: "When it became the serving release (ISO 8601, UTC).",
      example: "2025-03-01T12:00:00Z",
    }),
    created_at: z.string().openapi({
      description: "When its load began (ISO 8601, UTC).",
      example: "2025-03-01T12:00:00Z",
    }),
    previous: z.string().nullable().openapi({
      description: "Version of the release it replaced, or null for the first one.",
      example: null,
    }),
    counts: z.record(z.string(), int32()).openapi({
      description: "How many records of each kind it holds (stories, entities, sources, figures, …, relations).",
      example: {
        stories: 1,
        entities: 43,
        sources: 11,
        figures: 14,
        budgets: 1,
        partnerships: 9,
        events: 16,
        facts: 69,
        relations: 33,
      },
    }),
    change_counts: ChangeCountsSchema,
    href: z.string().openapi({
      description: "This release's URL.",
      example: `https://api.example/v1/releases/${example.version}`,
    }),
  })
  .openapi("Release", { description: "A published version of the dataset." });

export const ReleaseChangeSchema = z
  .object({
    change: z.enum(CHANGES).openapi({ description: "What happened.", example: "added" }),
    kind: z.enum(RECORD_KINDS).openapi({
      description: "The record's kind.",
      example: "entity",
    }),
    id: z.string().openapi({ description: "The record's id.", example: "alibaba-cloud" }),
  })
  .openapi("ReleaseChange", { description: "One record the release added, changed or removed." });

/** A changed record with what happened to it and its URLs: an item of `/v1/releases/{version}/changes`. */
export const ReleaseChangeItemSchema = ReleaseChangeSchema.extend(
  ChangedRecordSchema.pick({ href: true, before: true, after: true }).shape,
).openapi("ReleaseChangeItem", { description: "A record the release added, changed or removed, with its URLs." });

export const ReleaseDetailSchema = ReleaseSchema.extend({
  changes: z.array(ReleaseChangeSchema).openapi({
    description: `The records it added, changed or removed against \`previous\`, ordered by kind, then id: every one, up to the first ${RELEASE_CHANGES_SHOWN}.`,
  }),
  changes_truncated: changesTruncated(`the first ${RELEASE_CHANGES_SHOWN} changes`),
  changes_href: changesHref,
}).openapi("ReleaseDetail", { description: "A published release with its change list." });
