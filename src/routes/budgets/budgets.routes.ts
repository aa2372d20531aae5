import { PICTURE_NOTE, svgContent } from "../../openapi/pictures";
import { createRoute, z } from "@hono/zod-openapi";
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
import { bitsQuery, budgetIdQuery, modelQuery, optionalBudgetQuery, parametersQuery } from "./budgets.params";
import { formatQuery } from "../../openapi/models/facts";
import {
  BudgetCheckMarkdownSchema,
  BudgetCheckResponseSchema,
  BudgetCheckTextSchema,
  BudgetEstimateMarkdownSchema,
  BudgetEstimateTextSchema,
  BudgetEstimateResponseSchema,
  BudgetListSchema,
  BudgetResponseSchema,
} from "./budgets.schemas";

const tags = ["Budgets"];
export const BUDGET_INCLUDES = ["sources", "entities"] as const;
export const CHECK_INCLUDES = ["sources", "figures"] as const;
const include = includeQuery(BUDGET_INCLUDES, "sources,entities");

export const listBudgets = createRoute({
  method: "get",
  path: "/v1/budgets",
  operationId: "listBudgets",
  tags,
  summary: "List budgets",
  description:
    "Limit profiles models are judged against, ordered by id — e.g. Apple's Core ML recommendation for on-device models (≤ 1.5 GB memory, ≤ 0.4 s first inference). Each limit names the recommended_limit figure it is read from. Bots: quote each limit with the budget's `name` (e.g. \"≤ 1.5 GB memory\") and cite its `sources` with their publishers and dates (`include=sources` embeds them); a limit's figure (`/v1/figures/{id}`) carries a ready `citation`.",
  request: {
    query: strictQuery({ include, lang: langQuery, limit: limitQuery, cursor: cursorQuery }),
  },
  responses: {
    200: jsonContent(BudgetListSchema, "A page of budgets."),
    ...commonErrors,
  },
});

export const getBudget = createRoute({
  method: "get",
  path: "/v1/budgets/{id}",
  operationId: "getBudget",
  tags,
  summary: "Get a budget",
  description:
    "One budget with its owner, the platform it applies to, its limits and sources. Check a model against it with `/v1/budget-checks`. Bots: quote each limit with the budget's `name` and cite its `sources` with their publishers and dates (`include=sources` embeds them); each limit's figure (`/v1/figures/{id}`) carries a ready `citation.text` to quote as is.",
  request: {
    params: z.object({ id: idParam("Budget id.", "apple-core-ml-on-device-model-budget") }),
    query: strictQuery({ include, lang: langQuery }),
  },
  responses: {
    200: jsonContent(BudgetResponseSchema, "The budget."),
    404: problemResponse("No budget has this id (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});

export const checkBudget = createRoute({
  method: "get",
  path: "/v1/budget-checks",
  operationId: "checkBudget",
  tags,
  summary: "Check a model against a budget",
  description:
    "The model's figures against each limit of the budget, metric by metric: the figure used (same metric and unit; measured preferred over reported, then the most specific, e.g. measured on a device), value, limit, difference, ratio, percent over and a verdict, with the sources of both sides. `consistency` flags figures of the model that disagree with each other — e.g. 2.2B parameters at FP16 need about 4.4 GB for the weights alone, yet 2.1 GB is reported. Also in `text/plain` (the summary, any consistency note, then \"— Sources:\" with each source's publisher, author and date, and the link) and `text/markdown` (the summary, a table of the checks, the notes, the sources as links), by `Accept` or `?format=`; `lang` applies to each. Bots: quote the text/plain answer as is, or `summary` with the publishers and dates of `citations` (`include=sources` embeds them); mention a consistency note when there is one.",
  request: {
    query: strictQuery({
      model: modelQuery,
      budget: budgetIdQuery,
      format: formatQuery(["json", "text", "markdown"]),
      include: includeQuery(CHECK_INCLUDES, "sources"),
      lang: langQuery,
    }),
  },
  responses: {
    200: {
      description: "The check, in the negotiated representation (`application/ld+json` is answered with JSON).",
      content: {
        "application/json": { schema: BudgetCheckResponseSchema },
        "text/plain": { schema: BudgetCheckTextSchema },
        "text/markdown": { schema: BudgetCheckMarkdownSchema },
      },
    },
    406: problemResponse(
      "`Accept` allows none of application/json, text/plain, text/markdown (type not-acceptable). `*/*` gets JSON.",
    ),
    404: problemResponse(
      "The model or the budget does not exist (type not-found); `errors` names the parameter and `suggestions` lists close ids.",
    ),
    ...commonErrors,
  },
});

export const checkBudgetChart = createRoute({
  method: "get",
  path: "/v1/budget-checks.svg",
  operationId: "checkBudgetChart",
  tags,
  summary: "Budget check as a chart (SVG)",
  description: `The check \`/v1/budget-checks\` answers, as a picture: for each limit of the budget, the model's figure as a bar against the limit (a dashed rule), with its value, percent over and verdict; other figures of the same metric (such as the FP16 weight estimate) as outlined bars beside the reported one; the overall verdict; and each consistency note where figures disagree (2.2B parameters × FP16 ≈ 4.4 GB of weights against the reported 2.1 GB) with its explanation. The \`<desc>\` gives the summary, every metric and every note as text. Same parameters and errors as \`/v1/budget-checks\`. ${PICTURE_NOTE}`,
  request: {
    query: strictQuery({ model: modelQuery, budget: budgetIdQuery, lang: langQuery }),
  },
  responses: {
    200: svgContent(
      "The chart.",
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" … role="img"><title id="budget-chart-title">Budget check: Qwen 2.2B pruned model against Apple Core ML recommended limits for on-device models</title><desc id="budget-chart-desc">Qwen 2.2B pruned model exceeds …</desc>…</svg>',
    ),
    404: problemResponse(
      "The model or the budget does not exist (type not-found); `errors` names the parameter and `suggestions` lists close ids.",
    ),
    ...commonErrors,
  },
});

export const estimateBudget = createRoute({
  method: "get",
  path: "/v1/budget-estimate",
  operationId: "estimateBudget",
  tags,
  summary: "Estimate weight memory against a budget",
  description:
    "Estimated memory for the weights of any model: parameters × bits ÷ 8 ÷ 10⁹ GB, judged against a budget's memory limit (by default the first budget, Apple's Core ML one: ≤ 1.5 GB). Weights only: activations and the KV cache come on top, so `within` is necessary, not sufficient. Parameters accept suffixes (2.2B, 500M); bits accept precision names (FP16, INT4). Also in `text/plain` (the sentence, then the source of the limit with its publisher and date, and the link) and `text/markdown` (the sentence, the formula and numbers, the source as a link), by `Accept` or `?format=`; `lang` applies to each. Bots: quote the text/plain answer, or `summary` with the publishers and dates of `citations` (the source of the limit); the estimate itself is arithmetic, not a source's claim.",
  request: {
    query: strictQuery({
      parameters: parametersQuery,
      bits: bitsQuery,
      budget: optionalBudgetQuery,
      format: formatQuery(["json", "text", "markdown"]),
      lang: langQuery,
    }),
  },
  responses: {
    200: {
      description: "The estimate, in the negotiated representation (`application/ld+json` is answered with JSON).",
      content: {
        "application/json": { schema: BudgetEstimateResponseSchema },
        "text/plain": { schema: BudgetEstimateTextSchema },
        "text/markdown": { schema: BudgetEstimateMarkdownSchema },
      },
    },
    406: problemResponse(
      "`Accept` allows none of application/json, text/plain, text/markdown (type not-acceptable). `*/*` gets JSON.",
    ),
    404: problemResponse("The budget does not exist (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});
