import { cardRoute } from "../../openapi/pictures";
import { createRoute, z } from "@hono/zod-openapi";
import { FACT_STATUSES, FACT_TOPICS } from "../../dataset/schema";
import { includeQuery } from "../../openapi/include";
import { strictQuery } from "../../openapi/query";
import {
  commonErrors,
  cursorQuery,
  idParam,
  jsonContent,
  langQuery,
  limitQuery,
  problemResponse,
} from "../../openapi/schemas";
import {
  FactJsonLdSchema,
  FactListSchema,
  FactMarkdownSchema,
  FactResponseSchema,
  FactTextSchema,
  formatQuery,
} from "../../openapi/models/facts";

const tags = ["Facts"];
export const FACT_INCLUDES = ["sources", "entities"] as const;
const include = includeQuery(FACT_INCLUDES, "sources,entities");

export const listFacts = createRoute({
  method: "get",
  path: "/v1/facts",
  operationId: "listFacts",
  tags,
  summary: "List facts",
  description:
    "Atomic, citable statements from the stories, ordered by id. Filter by the `entity` a fact is about, its `topic`, its `status`, or a `source` it cites. Bots: quote each fact's `citation.text` (or `citation.markdown`) as is — it is the statement in the asked language with its sources' publishers and dates and the permalink — and say so when `status` is not `reported` (analysis is the author's opinion). One fact in text/plain, text/markdown or JSON-LD: `GET /v1/facts/{id}`.",
  request: {
    query: strictQuery({
      entity: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "entity", in: "query" },
          description: "Only facts about this entity (id).",
          example: "alibaba-group",
        }),
      topic: z
        .enum(FACT_TOPICS)
        .optional()
        .openapi({
          param: { name: "topic", in: "query" },
          description: "Only facts on this topic.",
          example: "model_budget",
        }),
      status: z
        .enum(FACT_STATUSES)
        .optional()
        .openapi({
          param: { name: "status", in: "query" },
          description: "Only facts with this status.",
          example: "reported",
        }),
      source: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "source", in: "query" },
          description: "Only facts that cite this source (id).",
          example: "the-information-apple-alibaba-report",
        }),
      include,
      lang: langQuery,
      limit: limitQuery,
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: jsonContent(FactListSchema, "A page of facts."),
    ...commonErrors,
  },
});

export const FACT_FORMATS = ["json", "text", "markdown", "jsonld"] as const;

/** The four representations of one fact (the 200 of getFact and getFactOfTheDay). */
const factRepresentations = (description: string) => ({
  description,
  content: {
    "application/json": { schema: FactResponseSchema },
    "text/plain": { schema: FactTextSchema },
    "text/markdown": { schema: FactMarkdownSchema },
    "application/ld+json": { schema: FactJsonLdSchema },
  },
});

const notAcceptable = problemResponse(
  "`Accept` allows none of application/json, text/plain, text/markdown, application/ld+json (type not-acceptable). `*/*` gets JSON.",
);

const REPRESENTATIONS_NOTE =
  "Four representations, by `Accept` or `?format=` (which wins): JSON (default, also for `*/*`), `text/plain` (one line: the statement — Sources: publishers, dates — and the permalink), `text/markdown` (the statement as a quote, the sources as links, the permalink) and `application/ld+json` (a schema.org `Claim`: its `appearance`s are the sources with author, publisher and date; the original Japanese quote is its `citation`; numeric facts list their figures as `QuantitativeValue` under `mentions`). `lang` applies to every one; an `Accept` that allows none of them is a 406.";

const CITE_NOTE =
  "Bots: quote `citation.text` (or the text/plain answer) as is — or `text` with the sources' publishers and dates from `citation.sources` — link `citation.permalink` (`/facts/{id}`, a page that unfurls), and say so when `status` is not `reported`.";

export const getFactOfTheDay = createRoute({
  method: "get",
  path: "/v1/facts/today",
  operationId: "getFactOfTheDay",
  tags,
  summary: "Get the fact of the day",
  description: `One fact chosen for the current UTC day: the same all day, for every client (the FNV-1a hash of the date, YYYY-MM-DD, modulo the number of facts ordered by id), in the same representations as \`GET /v1/facts/{id}\`. Cached until the next UTC midnight (\`Cache-Control: max-age\` counts down to it); \`Link: rel="canonical"\` names the fact's own URL. ${REPRESENTATIONS_NOTE} ${CITE_NOTE}`,
  request: {
    query: strictQuery({ format: formatQuery(FACT_FORMATS), include, lang: langQuery }),
  },
  responses: {
    200: {
      ...factRepresentations("The fact of the day."),
      headers: z.object({
        Link: z.string().openapi({
          description:
            'The fact\'s canonical URL, absolute like every link: `<https://…/v1/facts/{id}>; rel="canonical"`.',
          example: '<https://api.example/v1/facts/apple-selected-alibaba-china-ai-partner>; rel="canonical"',
        }),
        "Cache-Control": z.string().openapi({
          description: "Public, fresh until the next UTC midnight.",
          example: "public, max-age=43200",
        }),
      }),
    },
    404: problemResponse("The release has no facts (type not-found)."),
    406: notAcceptable,
    ...commonErrors,
  },
});

export const getFact = createRoute({
  method: "get",
  path: "/v1/facts/{id}",
  operationId: "getFact",
  tags,
  summary: "Get a fact",
  description: `One fact: the statement in the asked language, its status, what it is about, the original Japanese sentence, its sources and a ready citation. ${REPRESENTATIONS_NOTE} ${CITE_NOTE}`,
  request: {
    params: z.object({ id: idParam("Fact id.", "apple-rumoured-with-seven-plus-companies") }),
    query: strictQuery({ format: formatQuery(FACT_FORMATS), include, lang: langQuery }),
  },
  responses: {
    200: factRepresentations("The fact, in the negotiated representation."),
    404: problemResponse("No fact has this id (type not-found); `suggestions` lists close ids."),
    406: notAcceptable,
    ...commonErrors,
  },
});

export const getFactCard = cardRoute("facts", "Facts", "getFactCard", "apple-selected-alibaba-china-ai-partner");
