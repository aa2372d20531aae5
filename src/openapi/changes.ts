/** The parts of the release contracts that /v1/releases and /v1/changes share: a changed record and the counts. */
import { z } from "@hono/zod-openapi";
import { int32, RELEASE_EXAMPLE } from "./schemas";

export const ChangedRecordSchema = z
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

export const ChangeCountsSchema = z
  .object({
    added: int32().openapi({ description: "Records added against `previous`.", example: 164 }),
    changed: int32().openapi({ description: "Records whose content changed.", example: 0 }),
    removed: int32().openapi({ description: "Records removed.", example: 0 }),
  })
  .openapi({ description: "How many records it added, changed and removed against the release it replaced." });

export const changesTruncated = (shown: string) =>
  z.boolean().openapi({
    description: `Whether the lists above leave records out: they show ${shown}. The counts are exact; \`changes_href\` pages through every change.`,
    example: false,
  });

export const changesHref = z.string().openapi({
  description:
    "Every change of the release, paged and filterable by change and kind (`/v1/releases/{version}/changes`).",
  example: `https://api.example/v1/releases/${RELEASE_EXAMPLE}/changes`,
});
