/** Record schemas shared by several resources (sources, entity references, dates). */
import { z } from "@hono/zod-openapi";
import { DATE_CERTAINTIES, ENTITY_TYPES, SOURCE_KINDS } from "../dataset/schema";

export const FallbackSchema = z.array(z.string()).openapi({
  description: "Fields served in English because the asked language has no text for them (empty when none).",
  example: ["description"],
});

export const PartialDateSchema = z
  .object({
    value: z
      .string()
      .openapi({ description: "The date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD.", example: "2024" }),
    precision: z.enum(["year", "month", "day"]).openapi({ description: "How precise `value` is.", example: "year" }),
    certainty: z.enum(DATE_CERTAINTIES).openapi({
      description:
        'stated: the source gives the date; relative: resolved from a phrase such as "last year"; inferred: dated by the curators.',
      example: "relative",
    }),
    phrase: z
      .string()
      .nullable()
      .openapi({ description: "The article's own words for a relative date.", example: "昨年" }),
  })
  .openapi("PartialDate", { description: "A date with its precision and how it was established." });

export const EntityRefSchema = z
  .object({
    id: z.string().openapi({ description: "Entity id.", example: "alibaba-group" }),
    type: z.enum(ENTITY_TYPES).openapi({ description: "Entity type.", example: "organization" }),
    name: z
      .string()
      .openapi({ description: "Name in the answer's language (English when missing).", example: "Alibaba Group" }),
    href: z
      .string()
      .openapi({ description: "The entity's URL.", example: "https://api.example/v1/entities/alibaba-group" }),
  })
  .openapi("EntityRef", { description: "A reference to an entity, with its name." });

export const SourceSchema = z
  .object({
    id: z.string().openapi({ description: "Source id.", example: "the-information-apple-alibaba-report" }),
    kind: z.enum(SOURCE_KINDS).openapi({ description: "What kind of document it is.", example: "news_report" }),
    title: z.string().openapi({
      description: "Title in the answer's language (English when missing).",
      example: "Apple and Alibaba partner on Apple Intelligence in China",
    }),
    publisher: EntityRefSchema.openapi({ description: "Who published it." }),
    author: z.string().nullable().openapi({ description: "Author, when known.", example: "Kiki" }),
    date: PartialDateSchema,
    language: z.string().openapi({ description: "Language of the source itself (BCP 47).", example: "en" }),
    url: z.string().nullable().openapi({ description: "Where to read it, when known.", example: null }),
    via: z.string().nullable().openapi({
      description: "Id of the source through which this one is known (e.g. the article citing a report).",
      example: "gate-kiki-apple-alibaba-ai-alliance",
    }),
    description: z.string().nullable().openapi({ description: "Notes on the source.", example: null }),
    href: z.string().openapi({
      description: "The source's URL in this API.",
      example: "https://api.example/v1/sources/the-information-apple-alibaba-report",
    }),
    fallback: FallbackSchema,
  })
  .openapi("Source", { description: "A publication or document that facts, figures and events rest on." });

export const SourceIdsSchema = z.array(z.string()).openapi({
  description: "Ids of the sources this record rests on, most important first; `include=sources` embeds them.",
  example: ["the-information-apple-alibaba-report"],
});
