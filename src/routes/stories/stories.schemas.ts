import { z } from "@hono/zod-openapi";
import { FallbackSchema, PartialDateSchema, SourceIdsSchema } from "../../openapi/records";
import { includedOf } from "../../openapi/models/sources";

export const StorySchema = z
  .object({
    id: z.string().openapi({ description: "Stable slug id.", example: "apple-alibaba-ai-alliance-china" }),
    headline: z.string().openapi({
      description: "Headline in the answer's language (English when missing).",
      example: 'Apple × Alibaba: from "two elephants shouldn\'t fight" to an AI alliance',
    }),
    summary: z.string().openapi({
      description: "Short summary in the answer's language (English when missing).",
      example:
        "Apple has settled on Alibaba as its AI partner for bringing Apple Intelligence to China, after testing domestic models since 2023…",
    }),
    date: PartialDateSchema.openapi({
      description: "Approximate date of the story, with its precision and how it was established.",
    }),
    sources: SourceIdsSchema.openapi({
      description: "Ids of the sources the story rests on, in the curators' order; `include=sources` embeds them.",
      example: ["gate-kiki-apple-alibaba-ai-alliance", "the-information-apple-alibaba-report"],
    }),
    href: z.string().openapi({
      description: "This story's URL.",
      example: "https://api.example/v1/stories/apple-alibaba-ai-alliance-china",
    }),
    fallback: FallbackSchema.openapi({ example: ["summary"] }),
  })
  .openapi("Story", {
    description: "A news story the dataset is curated from: every other record points back to one.",
  });

export const StoryIncludedSchema = includedOf(["sources"], "StoryIncluded");
