import { z } from "@hono/zod-openapi";
import { FACT_STATUSES, FACT_TOPICS } from "../../dataset/schema";
import { EntityRefSchema, FallbackSchema, SourceIdsSchema, SourceSchema } from "../../openapi/records";
import { CollectionMetaSchema, LinksSchema, MetaSchema, SelfLinkSchema } from "../../openapi/schemas";
import { EntitySchema } from "../entities/entities.schemas";

export const FactSchema = z
  .object({
    id: z.string().openapi({ description: "Stable slug id.", example: "apple-rumoured-with-seven-plus-companies" }),
    text: z.string().openapi({
      description: "The statement in the answer's language (English when missing): quote it as is, with its sources.",
      example: 'Rumours of a "marriage" with Apple have surfaced for seven or more Chinese companies.',
    }),
    topic: z.enum(FACT_TOPICS).openapi({ description: "What the statement is about.", example: "partnership" }),
    status: z.enum(FACT_STATUSES).openapi({
      description:
        "reported: the article reports it (often citing a source); analysis: the author's opinion or reading; inferred: the curators' conclusion from the article; disputed: stated, but in conflict with other figures. Say so when quoting anything but `reported`.",
      example: "reported",
    }),
    entities: z
      .array(EntityRefSchema)
      .openapi({ description: "The entities the statement is about, ordered by id; `include=entities` embeds them." }),
    figures: z.array(z.string()).openapi({
      description: "Ids of the figures the statement rests on (see /v1/figures/{id}).",
      example: ["apple-china-ai-partner-rumoured-companies"],
    }),
    events: z.array(z.string()).openapi({
      description: "Ids of the events the statement is about (see /v1/events/{id}).",
      example: ["apple-china-ai-partner-rumours"],
    }),
    quote: z.string().openapi({
      description: "The original Japanese sentence (or part of it) from the source article, verbatim.",
      example: "Appleとの「結婚」の噂が7社以上も出ており",
    }),
    sources: SourceIdsSchema.openapi({ example: ["gate-kiki-apple-alibaba-ai-alliance"] }),
    story: z
      .string()
      .openapi({ description: "Id of the story it belongs to.", example: "apple-alibaba-ai-alliance-china" }),
    href: z.string().openapi({
      description: "This fact's URL (a permalink to cite).",
      example: "https://api.example/v1/facts/apple-rumoured-with-seven-plus-companies",
    }),
    fallback: FallbackSchema,
  })
  .openapi("Fact", { description: "One atomic, citable statement with its status and sources." });

export const FactIncludedSchema = z
  .object({
    sources: z
      .array(SourceSchema)
      .optional()
      .openapi({ description: "The sources the facts cite, deduplicated, ordered by id (include=sources)." }),
    entities: z
      .array(EntitySchema)
      .optional()
      .openapi({ description: "The entities the facts are about, deduplicated, ordered by id (include=entities)." }),
  })
  .openapi("FactIncluded", { description: "Related records embedded by `include=`; present only when asked." });

export const FactListSchema = z
  .object({
    data: z.array(FactSchema).openapi({ description: "The facts of this page." }),
    included: FactIncludedSchema.optional(),
    meta: CollectionMetaSchema,
    links: LinksSchema,
  })
  .openapi("FactList", { description: "A page of facts." });

export const FactResponseSchema = z
  .object({ data: FactSchema, included: FactIncludedSchema.optional(), meta: MetaSchema, links: SelfLinkSchema })
  .openapi("FactResponse", { description: "One fact." });
