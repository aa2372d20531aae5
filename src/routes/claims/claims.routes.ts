import { createRoute, z } from "@hono/zod-openapi";
import { formatQuery } from "../../openapi/models/facts";
import { strictQuery } from "../../openapi/query";
import { commonErrors, langQuery } from "../../openapi/schemas";
import { ClaimCheckResponseSchema, ClaimReviewSchema } from "./claims.schemas";

export const CLAIM_FORMATS = ["json", "jsonld"] as const;

export const checkClaim = createRoute({
  method: "get",
  path: "/v1/claims/check",
  operationId: "checkClaim",
  tags: ["Claims"],
  summary: "Check a claim",
  description:
    "Checks one sentence in English, Japanese or Chinese against the stored figures and facts, deterministically (no model): it finds the entities the sentence names (names and aliases in every language), the numbers it states with their units (`7B`, `70億`, `70亿`, `2.2 billion`, `2.1 GB`, `0.62秒`, `17%`, `第三`, `3位`, `No. 3`, `ranked third`) and the metric each measures, and compares them with the stored figures of that subject and metric within the precision both were written to. A sentence without a number is `supported` only when it restates a stored fact nearly word for word. Precision over recall: a weak match is `unknown`, never `supported` or `contradicted`; a negated sentence is `unknown`. Each match carries the record with its `citation`, and for numbers the values compared and their unit. `lang` picks the language of the records returned. `format=jsonld` (or `Accept: application/ld+json`) answers a schema.org `ClaimReview`. Bots: before posting a sentence about this story, check it; quote the matched record's `citation.text`.",
  request: {
    query: strictQuery({
      text: z
        .string()
        .trim()
        .min(1, { error: "must not be empty" })
        .max(500, { error: "must be at most 500 characters" })
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
        .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { error: "must not contain control characters" })
        .openapi({
          param: { name: "text", in: "query" },
          description: "The sentence to check: 1–500 characters, in English, Japanese or Chinese.",
          example: "Qwen was pruned to 3B parameters",
        }),
      format: formatQuery(CLAIM_FORMATS),
      lang: langQuery,
    }),
  },
  responses: {
    200: {
      description: "The verdict, with the records compared.",
      content: {
        "application/json": { schema: ClaimCheckResponseSchema },
        "application/ld+json": { schema: ClaimReviewSchema },
      },
    },
    ...commonErrors,
  },
});
