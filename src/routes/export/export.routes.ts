import { createRoute, z } from "@hono/zod-openapi";
import { strictQuery } from "../../openapi/query";
import { commonErrors, CONTENT_HASH_EXAMPLE, jsonContent, RELEASE_EXAMPLE } from "../../openapi/schemas";

const tags = ["Releases"];
const records = (kind: string) =>
  z
    .array(z.record(z.string(), z.unknown()))
    .openapi({ description: `Every ${kind} record of the release, in the curated file format (data/${kind}.yaml).` });

export const ExportSchema = z
  .object({
    release: z
      .object({
        version: z.string().openapi({ description: "Release version.", example: RELEASE_EXAMPLE }),
        content_hash: z.string().openapi({
          description: "SHA-256 of the release's content; the version is its first 12 hex digits.",
          example: CONTENT_HASH_EXAMPLE,
        }),
        published_at: z
          .string()
          .openapi({ description: "When it was published (UTC).", example: "2026-11-28T23:30:00Z" }),
        counts: z.record(z.string(), z.number()).openapi({ description: "Records per kind.", example: { facts: 69 } }),
      })
      .openapi({ description: "The release exported." }),
    data: z
      .object({
        stories: records("stories"),
        entities: records("entities"),
        sources: records("sources"),
        figures: records("figures"),
        budgets: records("budgets"),
        partnerships: records("partnerships"),
        events: records("events"),
        facts: records("facts"),
      })
      .openapi({ description: "The whole dataset, each kind sorted by id." }),
    meta: z
      .object({
        release: z.string().openapi({
          description: "Version (content hash) of the dataset release that answered, as on every JSON body.",
          example: RELEASE_EXAMPLE,
        }),
      })
      .openapi({ description: "About the answer: the release (the export is the same in every language)." }),
  })
  .openapi("Export", { description: "The whole current release as one document." });

export const exportJson = createRoute({
  method: "get",
  path: "/v1/export",
  operationId: "exportRelease",
  tags,
  summary: "Export the whole release (JSON)",
  description:
    "Every record of the current release as one JSON document, in the curated file format, with the release's content hash. Cached per release: poll with If-None-Match, or watch /v1/changes. Streamed as it is read (a page of records at a time), so it has no Content-Length and no Content-Digest or signature; each record is digested and signed at its own URL.",
  request: { query: strictQuery({}) },
  responses: { 200: jsonContent(ExportSchema, "The whole release."), ...commonErrors },
});

export const exportNdjson = createRoute({
  method: "get",
  path: "/v1/export.ndjson",
  operationId: "exportReleaseNdjson",
  tags,
  summary: "Export the whole release (NDJSON)",
  description:
    'One JSON object a line: first `{"kind":"release",…}` with the content hash, then one line per record `{"kind":"fact","id":…,"release":…,"record":{…}}` Streamed as it is read (a page of records at a time), so it has no Content-Length and no Content-Digest or signature; each record is digested and signed at its own URL.',
  request: { query: strictQuery({}) },
  responses: {
    200: {
      description: "Newline-delimited JSON.",
      content: {
        "application/x-ndjson": {
          schema: z.string().openapi("NdjsonExport", {
            description: "NDJSON lines.",
            example: `{"kind":"release","version":"${RELEASE_EXAMPLE}"}`,
          }),
        },
      },
    },
    ...commonErrors,
  },
});
