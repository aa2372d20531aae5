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
import { ReleaseDetailSchema, ReleaseSchema } from "./releases.schemas";

const tags = ["Releases"];

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
  description:
    "One published release with every record it added, changed or removed against the release it replaced (ordered by kind, then id). Every published release keeps its records (unless publishing was told to keep fewer), served under `/v1/releases/{version}/…`; the change lists of all releases are kept.",
  request: {
    params: z.object({
      version: z
        .string()
        .min(1)
        .max(64)
        .openapi({
          param: { name: "version", in: "path" },
          description: "Release version (12 hex digits), as in `meta.release`.",
          example: RELEASE_EXAMPLE,
        }),
    }),
    query: strictQuery({ lang: langQuery }),
  },
  responses: {
    200: jsonContent(singleOf(ReleaseDetailSchema, "ReleaseResponse", "One release."), "The release."),
    404: problemResponse("No published release has this version (type not-found); `suggestions` lists close versions."),
    ...commonErrors,
  },
});
