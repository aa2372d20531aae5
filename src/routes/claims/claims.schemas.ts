import { z } from "@hono/zod-openapi";
import { METRICS, UNITS } from "../../domain";
import { FactSchema } from "../../openapi/models/facts";
import { FigureSchema } from "../../openapi/models/figures";
import { MetaSchema, SelfLinkSchema } from "../../openapi/schemas";

export const VERDICTS = ["supported", "contradicted", "disputed", "unknown"] as const;

const Unit = z.enum(UNITS).openapi({ description: "Unit, as figures store it.", example: "parameters" });

const ClaimMatchSchema = z
  .object({
    kind: z.enum(["figure", "fact"]).openapi({ description: "What matched.", example: "figure" }),
    id: z.string().openapi({ description: "The record's id.", example: "qwen-2-2b-pruned-parameter-count" }),
    verdict: z.enum(["supported", "contradicted", "disputed"]).openapi({
      description: "What this record says of the sentence.",
      example: "contradicted",
    }),
    metric: z
      .enum(METRICS)
      .nullable()
      .openapi({ description: "For figures: the metric compared; null for facts.", example: "parameter_count" }),
    claimed: z
      .object({
        value: z.number().openapi({ description: "The number read from the sentence, in `unit`.", example: 3e9 }),
        unit: Unit,
        text: z.string().openapi({ description: "As the sentence wrote it (normalized).", example: "3b parameters" }),
        bound: z.enum(["min", "max"]).nullable().openapi({
          description: '`min` for "more than 3B", `max` for "at most 3B", null for the number itself.',
          example: null,
        }),
      })
      .nullable()
      .openapi({ description: "For figures: the sentence's number; null for facts." }),
    stored: z
      .object({
        value: z.number().openapi({ description: "The stored value, in `unit`.", example: 2.2e9 }),
        unit: Unit,
      })
      .nullable()
      .openapi({ description: "For figures: the stored value; null for facts." }),
    record: z.union([FigureSchema, FactSchema]).openapi({
      description: "The record, as `GET /v1/figures/{id}` or `/v1/facts/{id}` serves it, with its `citation`.",
    }),
  })
  .openapi("ClaimMatch", { description: "A stored record the sentence was compared with." });

export const ClaimCheckSchema = z
  .object({
    text: z.string().openapi({ description: "The sentence checked.", example: "Qwen was pruned to 3B parameters" }),
    text_lang: z
      .enum(["en", "ja", "zh"])
      .openapi({ description: "The language the sentence was read as.", example: "en" }),
    verdict: z.enum(VERDICTS).openapi({
      description:
        "`supported`: a stored figure or fact says the same (numbers equal within the figure's precision); `contradicted`: a stored figure about the same subject and metric has another value; `disputed`: the matching record is itself flagged as disputed; `unknown`: nothing matched closely enough (the default).",
      example: "contradicted",
    }),
    reason: z.string().openapi({
      description: "Why, in one English sentence.",
      example: "A stored figure about the same subject and metric has another value.",
    }),
    entities: z
      .array(z.string())
      .openapi({ description: "Ids of the entities the sentence names.", example: ["qwen"] }),
    matches: z.array(ClaimMatchSchema).openapi({ description: "The records compared, with their citations." }),
  })
  .openapi("ClaimCheck", { description: "A sentence checked against the record." });

export const ClaimCheckResponseSchema = z
  .object({ data: ClaimCheckSchema, meta: MetaSchema, links: SelfLinkSchema })
  .openapi("ClaimCheckResponse", { description: "A claim check." });

export const ClaimReviewSchema = z
  .object({
    "@context": z.literal("https://schema.org").openapi({ description: "schema.org.", example: "https://schema.org" }),
    "@type": z.literal("ClaimReview").openapi({ description: "A schema.org ClaimReview.", example: "ClaimReview" }),
    url: z
      .string()
      .openapi({ description: "This check's URL.", example: "https://api.example/v1/claims/check?text=…" }),
    claimReviewed: z.string().openapi({ description: "The sentence.", example: "Apple ranked second in China" }),
    inLanguage: z.enum(["en", "ja", "zh"]).openapi({ description: "The sentence's language.", example: "en" }),
    datePublished: z
      .string()
      .openapi({ description: "When the serving release was published.", example: "2025-03-01" }),
    author: z
      .object({
        "@type": z.literal("Organization").openapi({ description: "Organization.", example: "Organization" }),
        name: z.string().openapi({ description: "This API.", example: "Alliance Facts API" }),
        url: z.string().openapi({ description: "Its front door.", example: "https://api.example/" }),
      })
      .openapi({ description: "Who reviewed: this API." }),
    reviewRating: z
      .object({
        "@type": z.literal("Rating").openapi({ description: "Rating.", example: "Rating" }),
        ratingValue: z.number().int().min(1).max(5).optional().openapi({
          description: "5 supported, 3 disputed, 1 contradicted; absent when unknown.",
          example: 1,
        }),
        bestRating: z.literal(5).openapi({ description: "5.", example: 5 }),
        worstRating: z.literal(1).openapi({ description: "1.", example: 1 }),
        alternateName: z.string().openapi({ description: "The verdict, as a word.", example: "Contradicted" }),
      })
      .openapi({ description: "The verdict as a schema.org Rating." }),
    isBasedOn: z.array(z.string()).openapi({
      description: "Permalinks of the records compared.",
      example: ["https://api.example/v1/figures/apple-china-smartphone-rank"],
    }),
  })
  .openapi("ClaimReview", { description: "The check as a schema.org ClaimReview (`format=jsonld`)." });
