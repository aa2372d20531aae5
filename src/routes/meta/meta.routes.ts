import { createRoute, z } from "@hono/zod-openapi";
import { PROBLEM_TYPES } from "../../lib/problem";
import { strictQuery } from "../../openapi/query";
import { commonErrors, int32, jsonContent, problemResponse, RELEASE_EXAMPLE } from "../../openapi/schemas";

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
      .openapi({ description: "The serving release, or null when none is published.", example: RELEASE_EXAMPLE }),
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

const PublicKeySchema = z
  .object({
    kty: z.literal("OKP").openapi({ description: "Key type.", example: "OKP" }),
    crv: z.literal("Ed25519").openapi({ description: "Curve.", example: "Ed25519" }),
    x: z.string().openapi({
      description: "The public key (base64url).",
      example: "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs",
    }),
    kid: z.string().openapi({
      description: "Its RFC 7638 JWK thumbprint: the `keyid` of the signatures it verifies.",
      example: "poqkLGiymh_W0uP6PZFw-dvez3QJT5SolqXBCW38r0U",
    }),
    alg: z.literal("EdDSA").openapi({ description: "Algorithm.", example: "EdDSA" }),
    use: z.literal("sig").openapi({ description: "Use.", example: "sig" }),
  })
  .openapi("PublicKey", { description: "An Ed25519 public key answers are signed with (JWK, RFC 8037)." });

const KeySetSchema = z
  .object({
    keys: z.array(PublicKeySchema).min(1).max(4).openapi({
      description:
        "Every key valid now: the one signing answers first; during a rotation, the next or the previous one too.",
    }),
  })
  .openapi("KeySet", { description: "The keys that verify this API's signed answers (a JWK Set)." });

const keysOperation = (path: string, operationId: string, mediaType: string, summary: string, description: string) =>
  createRoute({
    method: "get",
    path,
    operationId,
    tags,
    summary,
    description,
    request: { query: strictQuery({}) },
    responses: {
      200: { description: "The keys.", content: { [mediaType]: { schema: KeySetSchema } } },
      400: problemResponse("Unknown parameter (type unknown-parameter)."),
      429: commonErrors[429],
      500: commonErrors[500],
    },
  });

const SIGNING =
  "Every 200 carries `Content-Digest` (RFC 9530, `sha-256` of the identity-encoded body); every JSON and text answer also carries `Signature` and `Signature-Input` (RFC 9421, label `alliance`, Ed25519), covering `@status`, `content-type`, `content-digest` and the request's `@path` and `@query` (`;req`), with `created`, `keyid` and `alg`. A verifier hashes the decoded body, checks `Content-Digest`, then verifies the signature with the key whose `kid` is the `keyid`.";

export const getSignatureDirectory = keysOperation(
  "/.well-known/http-message-signatures-directory",
  "getSignatureDirectory",
  "application/http-message-signatures-directory+json",
  "Signature keys (HTTP message signatures directory)",
  `The public keys that verify signed answers, in the HTTP message signatures directory format. ${SIGNING}`,
);

export const getJwks = keysOperation(
  "/.well-known/jwks.json",
  "getJwks",
  "application/jwk-set+json",
  "Signature keys (JWKS)",
  `The same keys as a JSON Web Key Set. ${SIGNING}`,
);

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

export const FrontDoorSchema = z
  .object({
    name: z.string().openapi({ description: "The API's name.", example: "Alliance Facts API" }),
    description: z.string().openapi({
      description: "What the API serves, and where to start.",
      example: "Citable facts about AI alliances. Start at /v1; the reference is at /docs.",
    }),
    links: z
      .object({
        api: z.string().openapi({
          description: "The API index (`GET /v1`): the release serving now and every collection.",
          example: "https://api.example/v1",
        }),
        openapi: z
          .string()
          .openapi({ description: "The OpenAPI 3.1 document.", example: "https://api.example/openapi.json" }),
        docs: z
          .string()
          .openapi({ description: "The interactive API reference.", example: "https://api.example/docs" }),
        llms: z.string().openapi({
          description: "The index for LLM agents (llms.txt).",
          example: "https://api.example/llms.txt",
        }),
      })
      .openapi({ description: "The entry points, as absolute URLs." }),
  })
  .openapi("FrontDoor", { description: "The front door: what this is and where to go next." });

export const getFrontDoor = createRoute({
  method: "get",
  path: "/",
  operationId: "getFrontDoor",
  tags: ["Index"],
  summary: "Front door",
  description:
    "Where a person or a client lands. A browser (an `Accept` that prefers `text/html` to JSON) is redirected (303) to the interactive reference at `/docs`; any other client gets this small JSON index of the entry points: the API index `/v1`, the OpenAPI document, the docs and `/llms.txt`. Answers vary on `Accept`.",
  parameters: [
    {
      name: "Accept",
      in: "header",
      required: false,
      description:
        "`text/html` ranked above `application/json` (as browsers send it) gets the 303 to `/docs`; anything else, or none, gets the JSON index.",
      schema: { type: "string", maxLength: 1024 },
      example: "application/json",
    },
  ],
  request: { query: strictQuery({}) },
  responses: {
    200: jsonContent(FrontDoorSchema, "The entry points."),
    303: {
      description: "A browser: see the interactive reference.",
      headers: {
        Location: {
          description: "The docs' absolute URL.",
          schema: { type: "string" as const, format: "uri", maxLength: 2048 },
          example: "https://api.example/docs",
        },
      },
    },
    400: problemResponse("Unknown parameter (type unknown-parameter)."),
    429: commonErrors[429],
    500: commonErrors[500],
  },
});
