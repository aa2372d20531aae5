import { z } from "@hono/zod-openapi";
import { MAX_COUNTED } from "../../compose/search";
import { SEARCH_KINDS } from "../../domain";
import { FallbackSchema } from "../../openapi/records";
import { int32, LangSchema } from "../../openapi/schemas";

export const SearchHitSchema = z
  .object({
    kind: z.enum(SEARCH_KINDS).openapi({ description: "What kind of record matched.", example: "entity" }),
    id: z.string().openapi({ description: "The record's id.", example: "baichuan-ai" }),
    title: z.string().openapi({
      description:
        "The record's name (entity), title (event, source) or text (fact, cut at about 160 characters) in the answer's language (English when missing).",
      example: "Baichuan Intelligence",
    }),
    matched: z
      .object({
        field: z.string().openapi({
          description:
            "The record's text that matched best (the one holding the most of the query's words): name, alias, description (entity); text, quote (fact); title, description, quote (event); title, author, description (source).",
          example: "alias",
        }),
        lang: z.string().openapi({ description: "Language of the matching text (en, ja or zh).", example: "en" }),
        snippet: z.string().openapi({
          description:
            "The matching text around the match, each match wrapped in `**` (Markdown bold): the whole query when the text holds it as written, else each word of it found there.",
          example: "**Bacchus Intelligence**",
        }),
      })
      .openapi({ description: "Where the query matched: the record's best-scoring text." }),
    score: z.number().openapi({
      description:
        "Relevance, higher is better: bm25 over the record's fields, each weighted (names > aliases > titles > texts > authors > descriptions > quotes), with a boost when `q` is a whole name or alias (when a word of `q` occurs in more than 200 records: the same weights over the sample ranked, without bm25's corpus statistics). Comparable within one answer only.",
      example: 12.5,
    }),
    href: z.string().openapi({
      description: "The record's URL.",
      example: "https://api.example/v1/entities/baichuan-ai",
    }),
    fallback: FallbackSchema.openapi({ example: [] }),
  })
  .openapi("SearchHit", { description: "One matching record, with where it matched." });

export const SearchResultsSchema = z
  .object({
    data: z.array(SearchHitSchema).openapi({ description: "The hits, best first; one per record." }),
    meta: z
      .object({
        release: z.string().openapi({
          description: "Version (content hash) of the dataset release that answered.",
          example: "3f9a1c2b7d4e",
        }),
        lang: LangSchema,
        q: z.string().openapi({ description: "The query as searched (trimmed).", example: "Bacchus Intelligence" }),
        limit: int32(1, 50).openapi({ description: "The most hits asked for.", example: 10 }),
        total: int32(0, MAX_COUNTED).openapi({
          description: `How many records match \`q\` (and \`type\`), whatever \`limit\` is: the answer holds the best \`limit\` of them. Counted up to ${MAX_COUNTED.toLocaleString("en")}; when more match, ${MAX_COUNTED.toLocaleString("en")} and \`total_exact\` is false.`,
          example: 3,
        }),
        total_exact: z.boolean().openapi({
          description: `Whether \`total\` is the exact number of matches (false: more than ${MAX_COUNTED.toLocaleString("en")} match; refine \`q\` or \`type\`).`,
          example: true,
        }),
      })
      .openapi({
        description: "About the answer: release, language, the query, the limit and how many records match.",
      }),
    links: z
      .object({
        self: z.string().openapi({
          description: "This URL.",
          example: "https://api.example/v1/search?q=Bacchus%20Intelligence",
        }),
      })
      .openapi({ description: "Links of the answer (no next page: search answers the best hits only)." }),
  })
  .openapi("SearchResults", { description: "Ranked hits across entities, facts, events and sources." });
