import { z } from "@hono/zod-openapi";
import { CitationSchema } from "../../lib/citation";
import { EntityRefSchema, FallbackSchema, PartialDateSchema, SourceIdsSchema } from "../records";
import { includedOf } from "./sources";

export const EventSchema = z
  .object({
    id: z.string().openapi({ description: "Stable slug id.", example: "apple-selects-baidu-main-partner" }),
    date: PartialDateSchema.openapi({
      description:
        "When it happened, as precisely as known (`precision` day, month or year), and how the date was established (`certainty`: stated, relative to the article with the article's `phrase`, or inferred).",
    }),
    title: z.string().openapi({
      description: "Title in the answer's language (English when missing).",
      example: "Apple chooses Baidu as its main AI partner in China",
    }),
    description: z.string().openapi({
      description: "What happened, in the answer's language (English when missing).",
      example:
        "According to The Information, last year Apple chose Baidu as its main partner for Apple Intelligence in China.",
    }),
    participants: z
      .array(EntityRefSchema)
      .openapi({ description: "The entities taking part, ordered by id; `include=entities` embeds them in full." }),
    partnership: z.string().nullable().openapi({
      description: "Id of the partnership whose timeline the event belongs to, or null.",
      example: "apple-baidu-apple-intelligence-china",
    }),
    quote: z.string().openapi({
      description: "The original Japanese sentence of the source article the event was read from, verbatim.",
      example: "The Informationによると、昨年、Appleは主要なパートナーとしてBaiduを選択しました",
    }),
    sources: SourceIdsSchema,
    story: z
      .string()
      .openapi({ description: "Id of the story it belongs to.", example: "apple-alibaba-ai-alliance-china" }),
    href: z.string().openapi({
      description: "This event's URL.",
      example: "https://api.example/v1/events/apple-selects-baidu-main-partner",
    }),
    citation: CitationSchema.openapi({
      description:
        "The event as one line (title and date, as precisely as known) with its sources, ready to quote: `citation.text` in plain text, `citation.markdown` in Markdown; `citation.permalink` is this event's URL.",
    }),
    fallback: FallbackSchema.openapi({ example: ["description"] }),
  })
  .openapi("Event", { description: "A dated happening, with date precision and certainty, participants and sources." });

export const EventIncludedSchema = includedOf(["sources", "entities"], "EventIncluded");
