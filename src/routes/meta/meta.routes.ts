import { createRoute, z } from "@hono/zod-openapi";
import { PROBLEM_TYPES } from "../../lib/problem";
import { strictQuery } from "../../openapi/query";
import { commonErrors, int32, jsonContent, problemResponse } from "../../openapi/schemas";

const tags = ["Meta"];

export const getOpenApi = createRoute({
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  tags,
  summary: "OpenAPI document",
  description:
    "This API's OpenAPI 3.1 document, generated from the route definitions. Its ETag changes with the release, since examples come from the data.",
  request: { query: strictQuery({}) },
  responses: {
    200: jsonContent(
      z.record(z.string(), z.unknown()).openapi({ description: "An OpenAPI 3.1 document." }),
      "The document.",
    ),
    400: problemResponse("Unknown parameter (type unknown-parameter)."),
    429: commonErrors[429],
    500: commonErrors[500],
  },
});

export const HealthSchema = z
  .object({
    status: z
      .enum(["ok", "degraded"])
      .openapi({ description: "ok when D1 answers and a release is published.", example: "ok" }),
    d1: z.enum(["ok", "error"]).openapi({ description: "Whether D1 answered a query.", example: "ok" }),
    release: z
      .string()
      .nullable()
      .openapi({ description: "The serving release, or null when none is published.", example: "3f9a1c2b7d4e" }),
    d1_ms: z.number().openapi({ description: "How long the D1 query took, in milliseconds.", example: 1 }),
    time: z.string().openapi({ description: "Server time (UTC, ISO 8601).", example: "2026-11-28T23:40:00.000Z" }),
  })
  .openapi("Health", { description: "Health of the worker and its database." });

export const getHealth = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  tags,
  summary: "Health check",
  description: "Whether D1 answers and which release serves. Never cached.",
  request: { query: strictQuery({}) },
  responses: {
    200: jsonContent(HealthSchema, "Healthy."),
    400: problemResponse("Unknown parameter (type unknown-parameter)."),
    429: commonErrors[429],
    500: commonErrors[500],
    503: jsonContent(HealthSchema, "D1 does not answer, or no release is published."),
  },
});

const ProblemTypeSchema = z
  .object({
    type: z.string().openapi({ description: "The problem type URI.", example: "/problems/not-found" }),
    title: z.string().openapi({ description: "Its title.", example: "Not found" }),
    status: int32(400, 599).openapi({ description: "The HTTP status it comes with.", example: 404 }),
    description: z
      .string()
      .openapi({ description: "When it happens and what to do.", example: PROBLEM_TYPES["not-found"].description }),
  })
  .openapi("ProblemType", { description: "Documentation of one problem type." });

export const getProblemType = createRoute({
  method: "get",
  path: "/problems/{type}",
  operationId: "getProblemType",
  tags,
  summary: "Problem type documentation",
  description: "What a problem `type` means: every error this API sends links here.",
  request: {
    params: z.object({
      type: z
        .enum(Object.keys(PROBLEM_TYPES) as [keyof typeof PROBLEM_TYPES])
        .openapi({ param: { name: "type", in: "path" }, description: "Problem type name.", example: "not-found" }),
    }),
    query: strictQuery({}),
  },
  responses: {
    200: jsonContent(ProblemTypeSchema, "The problem type."),
    400: problemResponse("Unknown problem type or parameter."),
    429: commonErrors[429],
    500: commonErrors[500],
  },
});
