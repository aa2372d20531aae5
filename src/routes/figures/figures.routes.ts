import { cardRoute } from "../../openapi/pictures";
import { createRoute, z } from "@hono/zod-openapi";
import { FIGURE_KINDS, METRICS } from "../../dataset/schema";
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
import { FigureListSchema, FigureResponseSchema } from "../../openapi/models/figures";

const tags = ["Figures"];
export const FIGURE_INCLUDES = ["sources", "entities"] as const;
const include = includeQuery(FIGURE_INCLUDES, "sources,entities");

const CITE =
  "Bots: quote `citation.text` as is — the figure as one sentence (what it measures, of which subject, the display string, device, precision, date) with its sources' publishers and dates and the link — or `citation.markdown`; or quote `display` with the subject's name and the conditions and cite `citation.sources`. `quote` is the article's original sentence; say so when `kind` is `derived` (our arithmetic) or a `note` flags a disagreement.";

export const listFigures = createRoute({
  method: "get",
  path: "/v1/figures",
  operationId: "listFigures",
  tags,
  summary: "List figures",
  description: `Typed numbers read from the stories — parameter counts, memory footprints, first-inference latencies, market shares and ranks, counts, reductions — ordered by id. Filter by subject \`entity\`, \`metric\`, \`kind\` or cited \`source\`. ${CITE}`,
  request: {
    query: strictQuery({
      entity: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "entity", in: "query" },
          description: "Only figures about this subject entity (id).",
          example: "qwen-2-2b-pruned",
        }),
      metric: z
        .enum(METRICS)
        .optional()
        .openapi({
          param: { name: "metric", in: "query" },
          description: "Only figures measuring this.",
          example: "memory_footprint",
        }),
      kind: z
        .enum(FIGURE_KINDS)
        .optional()
        .openapi({
          param: { name: "kind", in: "query" },
          description: "Only figures of this kind.",
          example: "measured",
        }),
      source: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "source", in: "query" },
          description: "Only figures that cite this source (id).",
          example: "geek-park-qwen-iphone-15-pro-test",
        }),
      include,
      lang: langQuery,
      limit: limitQuery,
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: jsonContent(FigureListSchema, "A page of figures."),
    ...commonErrors,
  },
});

export const getFigure = createRoute({
  method: "get",
  path: "/v1/figures/{id}",
  operationId: "getFigure",
  tags,
  summary: "Get a figure",
  description: `One figure with its conditions, date, kind, sources, the sentence it was read from and, for derived figures, the formula, its inputs and the computed value. ${CITE}`,
  request: {
    params: z.object({ id: idParam("Figure id.", "qwen-2-2b-fp16-memory-iphone-15-pro") }),
    query: strictQuery({ include, lang: langQuery }),
  },
  responses: {
    200: jsonContent(FigureResponseSchema, "The figure."),
    404: problemResponse("No figure has this id (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});

export const getFigureCard = cardRoute("figures", "Figures", "getFigureCard", "qwen-2-2b-fp16-memory-iphone-15-pro");
