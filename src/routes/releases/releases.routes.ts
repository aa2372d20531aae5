import { createRoute, z } from "@hono/zod-openapi";
import { strictQuery } from "../../openapi/query";
import {
  collectionOf,
  commonErrors,
  cursorQuery,
  jsonContent,
  langQuery,
  limitQuery,
  problemResponse,
  RELEASE_EXAMPLE,
  singleOf,
} from "../../openapi/schemas";
import { CHANGES, RECORD_KINDS, RELEASE_CHANGES_SHOWN } from "../../domain";
import { ReleaseChangeItemSchema, ReleaseDetailSchema, ReleaseSchema } from "./releases.schemas";

const tags = ["Releases"];

const versionParams = z.object({
  version: z
    .string()
    .min(1)
    .max(64)
    .openapi({
      param: { name: "version", in: "path" },
      description: "Release version (12 hex digits), as in `meta.release`.",
      example: RELEASE_EXAMPLE,
    }),
});

export const listReleases = createRoute({
  method: "get",
  path: "/v1/releases",
  operationId: "listReleases",
  tags,
  summary: "List releases",
  description:
    "Published versions of the dataset, newest first (the first one is the release serving now), each with its record counts and how many records it added, changed and removed. Releases are language-independent; `lang` is accepted for uniformity. Bots: cite a fact together with `meta.release` to pin the version you quoted.",
  request: { query: strictQuery({ lang: langQuery, limit: limitQuery, cursor: cursorQuery }) },
  responses: {
    200: jsonContent(collectionOf(ReleaseSchema, "ReleaseList", "A page of releases."), "A page of releases."),
    ...commonErrors,
  },
});

export const getRelease = createRoute({
  method: "get",
  path: "/v1/releases/{version}",
  operationId: "getRelease",
  tags,
  summary: "Get a release",
  description: `One published release with the records it added, changed or removed against the release it replaced (ordered by kind, then id). It lists the first ${RELEASE_CHANGES_SHOWN} with exact counts; \`changes_href\` pages through every one. Every published release keeps its records (unless publishing was told to keep fewer), served under \`/v1/releases/{version}/…\`; the change lists of all releases are kept.`,
  request: {
    params: versionParams,
    query: strictQuery({ lang: langQuery }),
  },
  responses: {
    200: jsonContent(singleOf(ReleaseDetailSchema, "ReleaseResponse", "One release."), "The release."),
    404: problemResponse("No published release has this version (type not-found); `suggestions` lists close versions."),
    ...commonErrors,
  },
});

export const listReleaseChanges = createRoute({
  method: "get",
  path: "/v1/releases/{version}/changes",
  operationId: "listReleaseChanges",
  tags,
  summary: "List a release's changes",
  description:
    "Every record a published release added, changed or removed against the release it replaced, ordered by kind, then id, a page at a time: what `/v1/releases/{version}` and `/v1/changes` list only the first of. Filter by `change` and `kind`. Each record links to itself as the release before had it (`before`) and as this one has it (`after`).",
  request: {
    params: versionParams,
    query: strictQuery({
      change: z
        .enum(CHANGES)
        .optional()
        .openapi({
          param: { name: "change", in: "query" },
          description: "Only the records added, changed or removed.",
          example: "changed",
        }),
      kind: z
        .enum(RECORD_KINDS)
        .optional()
        .openapi({
          param: { name: "kind", in: "query" },
          description: "Only the records of this kind.",
          example: "fact",
        }),
      lang: langQuery,
      limit: limitQuery,
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: jsonContent(
      collectionOf(ReleaseChangeItemSchema, "ReleaseChangeList", "A page of a release's changes."),
      "A page of the release's changes.",
    ),
    404: problemResponse("No published release has this version (type not-found); `suggestions` lists close versions."),
    ...commonErrors,
  },
});
