import { z } from "@hono/zod-openapi";
import { PARTNERSHIP_STATUSES } from "../../dataset/schema";
import { EntityRefSchema, FallbackSchema, PartialDateSchema, SourceIdsSchema } from "../../openapi/records";
import { EventSchema } from "../../openapi/models/events";
import { includedOf } from "../../openapi/models/sources";

const status = (description: string) =>
  z.enum(PARTNERSHIP_STATUSES).openapi({ description, example: "pending_approval" });

export const PartnershipHistoryEntrySchema = z
  .object({
    status: status("The status the partnership reached at this step."),
    date: PartialDateSchema.openapi({
      description:
        'When, as precisely as known. Steps the article does not date carry the article\'s month with certainty `inferred`: read them as "no later than".',
    }),
    note: z.string().openapi({
      description: "What happened at this step, in the answer's language (English when missing).",
      example: "Apple chose Baidu as its main partner last year.",
    }),
    sources: SourceIdsSchema,
  })
  .openapi("PartnershipHistoryEntry", { description: "One step of a partnership's status history." });

export const PartnershipReasonSchema = z
  .object({
    text: z.string().openapi({
      description: "The reason, in the answer's language (English when missing).",
      example: "The progress of Baidu's model development for Apple Intelligence did not meet Apple's standards.",
    }),
    basis: z.enum(["reported", "analysis", "inferred"]).openapi({
      description:
        "reported: a cited source states it; analysis: the article author's reading; inferred: the curators'. Bots: attribute analysis to the author, not as fact.",
      example: "reported",
    }),
    sources: SourceIdsSchema,
  })
  .openapi("PartnershipReason", { description: "A reason given for how a partnership went." });

export const PartnershipSchema = z
  .object({
    id: z.string().openapi({ description: "Stable slug id.", example: "apple-baidu-apple-intelligence-china" }),
    // An array of exactly two rather than a tuple: `prefixItems` is not understood by OpenAPI 3.0 tooling
    // (Spectral's array-items rule, most client generators); the order is stated in the description.
    parties: z.array(EntityRefSchema).min(2).max(2).openapi({
      description:
        "Exactly two parties: first the courting party (the one seeking the partner, e.g. Apple), then the courted one.",
    }),
    subject: z.string().openapi({
      description: "What the partnership is about, in the answer's language (English when missing).",
      example: "Main AI partner for Apple Intelligence in China",
    }),
    status: status("Current status: the status of the last history entry."),
    summary: z.string().openapi({
      description: "How it went, in the answer's language (English when missing).",
      example:
        "Baidu was among the big companies rumoured as Apple's partner. According to The Information, Apple chose Baidu as its main partner last year (2024), but the cooperation ran into problems…",
    }),
    history: z
      .array(PartnershipHistoryEntrySchema)
      .openapi({ description: "Status history, oldest first; the last entry's status is `status`." }),
    reasons: z
      .array(PartnershipReasonSchema)
      .openapi({ description: "Reasons given for how it went (selection criteria, why it ended)." }),
    sources: SourceIdsSchema,
    story: z
      .string()
      .openapi({ description: "Id of the story it belongs to.", example: "apple-alibaba-ai-alliance-china" }),
    href: z.string().openapi({
      description: "This partnership's URL.",
      example: "https://api.example/v1/partnerships/apple-baidu-apple-intelligence-china",
    }),
    fallback: FallbackSchema.openapi({ example: ["history[0].note"] }),
  })
  .openapi("Partnership", { description: "Who courted whom, with status history, reasons and sources." });

export const PartnershipDetailSchema = PartnershipSchema.extend({
  events: z.array(EventSchema).openapi({
    description: "The events on this partnership's timeline, by date then id (full Event records).",
  }),
}).openapi("PartnershipDetail", { description: "A partnership with the events of its timeline embedded." });

export const PartnershipIncludedSchema = includedOf(["sources", "entities"], "PartnershipIncluded");
