import { createRoute } from "@hono/zod-openapi";
import { listQuery, strictQuery } from "../../openapi/query";
import { commonErrors, countQuery, jsonContent, langQuery, textQuery } from "../../openapi/schemas";
import { SEARCH_KINDS } from "../../domain";
import { SearchResultsSchema } from "./search.schemas";

export const search = createRoute({
  method: "get",
  path: "/v1/search",
  operationId: "search",
  tags: ["Search"],
  summary: "Search",
  description:
    "Ranked hits across entities, facts, events and sources, matching `q` in English, Japanese or Chinese: names, aliases (including the source article's misspellings — `Bacchus Intelligence` finds Baichuan, `通意千問` finds Qwen), descriptions, fact texts, the original Japanese sentences, event titles and source titles and authors. Words separated by spaces must all occur in the record, in any order, in any of its fields and languages (`Qwen iPhone`, `苹果 阿里`); each word matches as a substring, case-insensitively, whatever its length (`阿里`, `千問`, `智能`), except that a word of one or two characters with a Latin (or other spaced-script) letter or digit and no CJK character matches whole words only (`AI` finds “Apple AI” and `AIを`, not “said”; `5G`, `7%`). Ranked by bm25 with names weighing most; a `q` equal to a name or alias ranks that entity first. When a word of `q` occurs in more than 200 records, the hits are the best of the first 20 matches (or `limit`, if more) in the release's importance order (entities, then facts, events and sources, each in curated order) and of the records named exactly `q`, scored by the same field weights without bm25's corpus statistics: every hit still holds every word, an exact name still comes first, and the answer costs the same at any size. One hit per record, best first, at most `limit`, and `meta.total` says how many match; there is no cursor — refine `q` or `type` instead. Query syntax is not interpreted: quotes, `*`, `-`, `OR` are searched as written. Bots: follow `href` for the record, then quote and cite it.",
  request: {
    query: strictQuery({
      q: textQuery().openapi({
        param: { name: "q", in: "query" },
        description: "What to look for: 1–100 characters in any language, case-insensitive for Latin letters.",
        example: "Bacchus Intelligence",
      }),
      type: listQuery("type", SEARCH_KINDS, 100)
        .optional()
        .openapi({
          param: { name: "type", in: "query" },
          description: `Only these kinds of records: ${SEARCH_KINDS.join(", ")}, comma-separated in one parameter (\`type=entity,fact\`; default: all).`,
          example: "entity,fact",
        }),
      lang: langQuery,
      limit: countQuery(50, "The most hits to return, 1–50 (default 10).", 10),
    }),
  },
  responses: {
    200: jsonContent(SearchResultsSchema, "The hits, best first."),
    ...commonErrors,
  },
});
