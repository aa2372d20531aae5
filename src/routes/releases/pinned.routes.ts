/**
 * The contract of pinned URLs (`/v1/releases/{version}/…`): documentation only. The app answers them before
 * any router (src/routes/index.ts, src/lib/pinned.ts) with the router of the living path, reading the release
 * the path names; these routes are registered on the spec's registry, not on a router.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { strictQuery } from "../../openapi/query";
import {
  CollectionMetaSchema,
  commonErrors,
  cursorQuery,
  idParam,
  jsonContent,
  LinksSchema,
  langQuery,
  limitQuery,
  MetaSchema,
  problemResponse,
  RELEASE_EXAMPLE,
  SelfLinkSchema,
} from "../../openapi/schemas";

const tags = ["Releases"];

const COLLECTIONS = [
  "stories",
  "sources",
  "entities",
  "figures",
  "budgets",
  "partnerships",
  "events",
  "facts",
] as const;

const versionParam = z
  .string()
  .min(1)
  .max(64)
  .openapi({
    param: { name: "version", in: "path" },
    description: "A published release's version (12 hex digits), as in `meta.release`.",
    example: RELEASE_EXAMPLE,
  });

const collectionParam = z.enum(COLLECTIONS).openapi({
  param: { name: "collection", in: "path" },
  description: "The collection, as under `/v1`.",
  example: "facts",
});

const PinnedRecordSchema = z
  .object({ id: z.string().openapi({ description: "Record id.", example: "apple-selected-alibaba-china-ai-partner" }) })
  .openapi("PinnedRecord", {
    description:
      "A record exactly as the living operation of its collection answered it in that release: its other members are those of the collection's record schema (Fact, Entity…).",
  });

const PINNED =
  "Answers exactly what the living operation (the same path without `/v1/releases/{version}`) answered while that release served: the same bytes, but for the envelope's own links (`links.self`, `links.next`, the `Link` header), which stay in the release. Every release-bound operation has a pinned form: collections and records of every kind, an entity's relations, budget checks, search and the export; each takes the living operation's parameters. `Cache-Control: public, max-age=31536000, immutable` on 200; the same ETag rules. A release no longer kept (retention) is a `410` pointing at the living URL; a version never published is a `404` whose `suggestions` list the published versions.";

const errors = {
  404: problemResponse(
    "No published release has this version, or the release has no such record (type not-found); `suggestions` lists the published versions, or close ids.",
  ),
  410: problemResponse(
    'The release is no longer kept (type gone); `current` and `Link: rel="latest-version"` give the living URL.',
  ),
  ...commonErrors,
};

export const listPinned = createRoute({
  method: "get",
  path: "/v1/releases/{version}/{collection}",
  operationId: "listPinned",
  tags,
  summary: "List a collection as a release had it",
  description: `A collection as release \`{version}\` served it. ${PINNED}`,
  request: {
    params: z.object({ version: versionParam, collection: collectionParam }),
    query: strictQuery({ lang: langQuery, limit: limitQuery, cursor: cursorQuery }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          data: z.array(PinnedRecordSchema).openapi({ description: "The records of this page." }),
          meta: CollectionMetaSchema,
          links: LinksSchema,
        })
        .openapi("PinnedList", { description: "A page of a collection as the release served it." }),
      "A page of the collection, as the release served it.",
    ),
    ...errors,
  },
});

export const getPinned = createRoute({
  method: "get",
  path: "/v1/releases/{version}/{collection}/{id}",
  operationId: "getPinned",
  tags,
  summary: "Get a record as a release had it",
  description: `A record as release \`{version}\` served it: what a citation's \`pinned\` URL and the change log's \`before\` and \`after\` name. ${PINNED}`,
  request: {
    params: z.object({
      version: versionParam,
      collection: collectionParam,
      id: idParam("Record id.", "apple-selected-alibaba-china-ai-partner"),
    }),
    query: strictQuery({ lang: langQuery }),
  },
  responses: {
    200: jsonContent(
      z
        .object({ data: PinnedRecordSchema, meta: MetaSchema, links: SelfLinkSchema })
        .openapi("PinnedRecordResponse", { description: "One record as the release served it." }),
      "The record, as the release served it.",
    ),
    ...errors,
  },
});
