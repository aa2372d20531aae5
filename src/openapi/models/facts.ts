import { z } from "@hono/zod-openapi";
import { FACT_STATUSES, FACT_TOPICS, LANGS } from "../../dataset/schema";
import { CitationSchema } from "../../lib/citation";
import { REPRESENTATIONS, type Representation } from "../../domain";
import { EntityRefSchema, FallbackSchema, SourceIdsSchema, SourceSchema } from "../records";
import { collectionOf, singleOf } from "../schemas";
import { EntitySchema } from "./entities";

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
      description: "This fact's URL in the API (`citation.permalink` is its human-readable page).",
      example: "https://api.example/v1/facts/apple-rumoured-with-seven-plus-companies",
    }),
    citation: CitationSchema.openapi({
      description:
        "How to quote and cite the fact, in the answer's language: `citation.text` (plain) or `citation.markdown` is the statement with its sources' publishers, authors and dates and the permalink (`/facts/{id}`, a page that unfurls), ready to paste as is.",
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

export const FactListSchema = collectionOf(FactSchema, "FactList", "A page of facts.", FactIncludedSchema);

export const FactResponseSchema = singleOf(FactSchema, "FactResponse", "One fact.", FactIncludedSchema);

/** `?format=`: the representation, for clients that cannot set `Accept` (it wins over `Accept`). */
export function formatQuery<const R extends readonly [Representation, ...Representation[]]>(reps: R) {
  return z
    .enum(reps)
    .optional()
    .openapi({
      param: { name: "format", in: "query" },
      description: `The representation to answer in, for clients that cannot set \`Accept\`; wins over \`Accept\`. ${reps
        .map((r) => `${r}: ${REPRESENTATIONS[r]}`)
        .join(", ")}. Without it, \`Accept\` decides (JSON for \`*/*\` or no Accept).`,
      example: reps[1] ?? reps[0],
    });
}

const FACT_PERMALINK = "https://api.example/facts/apple-selected-alibaba-china-ai-partner";

export const FactTextSchema = z.string().openapi({
  description:
    "text/plain: the statement with its sources (publisher, author, date) and the permalink, on one line — quote it as is.",
  example: `Apple's much-watched "China AI partner" has ultimately been settled as Alibaba. — Sources: The Information (2025-02); Kiki, Gate (2025-02). ${FACT_PERMALINK}\n`,
});

export const FactMarkdownSchema = z.string().openapi({
  description:
    "text/markdown: the statement as a block quote, the sources as links with their dates, the permalink, and a note when the status is not `reported`.",
  example: `> Apple's much-watched "China AI partner" has ultimately been settled as Alibaba.\n\n— Sources: [The Information](https://api.example/v1/sources/the-information-apple-alibaba-report) (2025-02); [Kiki](https://api.example/v1/sources/gate-kiki-apple-alibaba-ai-alliance), Gate (2025-02) · [permalink](${FACT_PERMALINK})\n`,
});

const OrganizationLd = z
  .object({
    "@type": z
      .enum(["Organization", "Person"])
      .openapi({ description: "Organization or Person.", example: "Organization" }),
    name: z.string().openapi({ description: "Name.", example: "The Information" }),
    url: z.string().optional().openapi({
      description: "The organization in this API.",
      example: "https://api.example/v1/entities/the-information",
    }),
  })
  .openapi("JsonLdAgent", { description: "A schema.org Organization or Person." });

const CreativeWorkLd = z
  .object({
    "@type": z.string().openapi({
      description: "NewsArticle, AnalysisNewsArticle, Report, Legislation or CreativeWork, by the source's kind.",
      example: "NewsArticle",
    }),
    "@id": z.string().openapi({
      description: "The source in this API.",
      example: "https://api.example/v1/sources/the-information-apple-alibaba-report",
    }),
    name: z.string().openapi({
      description: "The source's title.",
      example: "The Information's report on Apple partnering with Alibaba for Apple Intelligence in China",
    }),
    url: z
      .string()
      .optional()
      .openapi({ description: "Where to read it, when known (absent when not: no source of this release has one)." }),
    inLanguage: z.string().openapi({ description: "Language of the source.", example: "en" }),
    author: OrganizationLd.optional(),
    publisher: OrganizationLd,
    datePublished: z.string().openapi({ description: "Publication date, as precise as known.", example: "2025-02" }),
  })
  .openapi("JsonLdCreativeWork", { description: "A source as a schema.org CreativeWork." });

export const FactJsonLdSchema = z
  .object({
    "@context": z.literal("https://schema.org").openapi({ description: "schema.org.", example: "https://schema.org" }),
    "@type": z.literal("Claim").openapi({ description: "A schema.org Claim.", example: "Claim" }),
    "@id": z.string().openapi({ description: "The fact's permalink.", example: FACT_PERMALINK }),
    url: z.string().openapi({ description: "The fact's permalink.", example: FACT_PERMALINK }),
    identifier: z
      .string()
      .openapi({ description: "The fact's id.", example: "apple-selected-alibaba-china-ai-partner" }),
    text: z.string().openapi({
      description: "The statement, in `inLanguage`.",
      example: 'Apple\'s much-watched "China AI partner" has ultimately been settled as Alibaba.',
    }),
    inLanguage: z
      .enum(LANGS)
      .openapi({ description: "Language of `text` (may grow within v1).", example: "en", "x-extensible-enum": true }),
    creativeWorkStatus: z
      .enum(FACT_STATUSES)
      .openapi({ description: "The fact's status (reported, analysis, inferred, disputed).", example: "reported" }),
    author: OrganizationLd.optional().openapi({
      description: "Who the claim is attributed to: the first source's author, else its publisher.",
    }),
    datePublished: z
      .string()
      .optional()
      .openapi({ description: "The first source's date, as precise as known.", example: "2025-02" }),
    firstAppearance: CreativeWorkLd.optional(),
    appearance: z
      .array(CreativeWorkLd)
      .openapi({ description: "The sources the claim appears in, in citation order." }),
    citation: z
      .object({
        "@type": z.literal("Quotation").openapi({ description: "A Quotation.", example: "Quotation" }),
        text: z.string().openapi({
          description: "The source article's original Japanese sentence, verbatim.",
          example: "注目を集めているアップルの「中国のAIパートナー」は最終的にアリババに決まりました。",
        }),
        inLanguage: z.literal("ja").openapi({ description: "Japanese.", example: "ja" }),
      })
      .openapi({ description: "The original quote." }),
    about: z
      .array(
        z.object({
          "@type": z.literal("Thing").openapi({ description: "A Thing.", example: "Thing" }),
          "@id": z
            .string()
            .openapi({ description: "The entity in this API.", example: "https://api.example/v1/entities/apple" }),
          name: z.string().openapi({ description: "Its name, in the answer's language.", example: "Apple" }),
          url: z
            .string()
            .openapi({ description: "The entity in this API.", example: "https://api.example/v1/entities/apple" }),
        }),
      )
      .openapi({ description: "The entities the claim is about." }),
    mentions: z
      .array(
        z.object({
          "@type": z
            .literal("QuantitativeValue")
            .openapi({ description: "A QuantitativeValue.", example: "QuantitativeValue" }),
          "@id": z.string().openapi({
            description: "The figure in this API.",
            example: "https://api.example/v1/figures/apple-china-ai-partner-rumoured-companies",
          }),
          name: z.string().openapi({ description: "The figure's display string.", example: "7+ companies" }),
          value: z.number().openapi({ description: "The value.", example: 7 }),
          unitText: z.string().openapi({ description: "The unit.", example: "companies" }),
          description: z.string().openapi({
            description: "The figure as a sentence.",
            example: "Count of Apple: 7+ companies (as of 2025-02).",
          }),
        }),
      )
      .openapi({ description: "The figures the claim rests on (empty when it is not numeric)." }),
  })
  .openapi("FactClaim", {
    description:
      "application/ld+json: the fact as a schema.org Claim, with its appearances (the sources), author, date, the original quote, what it is about and its figures.",
  });
