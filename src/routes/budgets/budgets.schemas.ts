import { z } from "@hono/zod-openapi";
import { FIGURE_KINDS } from "../../dataset/schema";
import { EntityRefSchema, FallbackSchema, SourceIdsSchema, SourceSchema } from "../../openapi/records";
import { collectionOf, MetaSchema, SelfLinkSchema, singleOf } from "../../openapi/schemas";
import { EntitySchema } from "../../openapi/models/entities";
import { FigureSchema, MetricSchema, PRECISIONS, UnitSchema } from "../../openapi/models/figures";

const BUDGET_ID = "apple-core-ml-on-device-model-budget";

export const LimitSchema = z
  .object({
    metric: MetricSchema,
    max: z.number().openapi({ description: "The most the budget allows, in `unit`.", example: 1.5 }),
    unit: UnitSchema,
    figure: z.string().openapi({
      description: "Id of the recommended_limit figure the limit is read from (its sources and quote).",
      example: "core-ml-recommended-memory-limit",
    }),
  })
  .openapi("BudgetLimit", { description: "One limit of a budget: metric ≤ max." });

export const BudgetSchema = z
  .object({
    id: z.string().openapi({ description: "Stable slug id.", example: BUDGET_ID }),
    name: z.string().openapi({
      description: "Name in the answer's language.",
      example: "Apple Core ML recommended limits for on-device models",
    }),
    description: z.string().openapi({
      description: "What the budget is and where it comes from, in the answer's language.",
      example:
        "Apple's recommended standard for on-device (edge) AI models running through Core ML, as cited by the article: at most 1.5 GB of memory and at most 0.4 s first-inference latency.",
    }),
    owner: EntityRefSchema.openapi({ description: "Who sets the budget." }),
    applies_to: EntityRefSchema.openapi({ description: "The framework or platform it applies to." }),
    limits: z.array(LimitSchema).openapi({
      description: "The limits, ordered by metric.",
      example: [
        { metric: "first_inference_latency", max: 0.4, unit: "s", figure: "core-ml-recommended-latency-limit" },
        { metric: "memory_footprint", max: 1.5, unit: "GB", figure: "core-ml-recommended-memory-limit" },
      ],
    }),
    sources: SourceIdsSchema.openapi({ example: ["gate-kiki-apple-alibaba-ai-alliance"] }),
    story: z
      .string()
      .openapi({ description: "Id of the story it belongs to.", example: "apple-alibaba-ai-alliance-china" }),
    href: z
      .string()
      .openapi({ description: "This budget's URL.", example: `https://api.example/v1/budgets/${BUDGET_ID}` }),
    fallback: FallbackSchema,
  })
  .openapi("Budget", {
    description:
      "A limit profile models are judged against (e.g. Apple's Core ML recommendation: ≤ 1.5 GB memory, ≤ 0.4 s first inference).",
  });

export const BudgetIncludedSchema = z
  .object({
    sources: z.array(SourceSchema).optional().openapi({ description: "Cited sources (include=sources), by id." }),
    entities: z
      .array(EntitySchema)
      .optional()
      .openapi({ description: "Owners and platforms (include=entities), by id." }),
  })
  .openapi("BudgetIncluded", {
    description:
      "Related records embedded by `include=`, each list deduplicated and sorted by id; absent without include.",
  });

export const BudgetListSchema = collectionOf(BudgetSchema, "BudgetList", "A page of budgets.", BudgetIncludedSchema);

export const BudgetResponseSchema = singleOf(BudgetSchema, "BudgetResponse", "One budget.", BudgetIncludedSchema);

const VerdictSchema = z.enum(["within", "exceeds", "no_data"]).openapi({
  description: "within: value ≤ max; exceeds: value > max; no_data: the model has no usable figure for this metric.",
  example: "exceeds",
});

const OtherFigureSchema = z
  .object({
    figure: z.string().openapi({ description: "Figure id.", example: "qwen-2-2b-fp16-weight-memory-estimate" }),
    kind: z.enum(FIGURE_KINDS).openapi({ description: "Its kind.", example: "derived" }),
    value: z.number().openapi({ description: "Its value.", example: 4.4 }),
    unit: UnitSchema.openapi({ example: "GB" }),
    display: z.string().openapi({
      description: "Its display string, in the answer's language.",
      example: "≈4.4 GB (weights, FP16, estimated)",
    }),
  })
  .openapi("BudgetCheckOtherFigure", { description: "Another figure of the model for the same metric and unit." });

export const CheckSchema = z
  .object({
    metric: MetricSchema,
    limit: z
      .object({
        max: z.number().openapi({ description: "The budget's maximum.", example: 1.5 }),
        unit: UnitSchema,
        figure: z
          .string()
          .openapi({ description: "The limit's figure id.", example: "core-ml-recommended-memory-limit" }),
      })
      .openapi({ description: "The budget's limit for this metric." }),
    figure: z.string().nullable().openapi({
      description:
        "Id of the model's figure used: same metric and unit, measured preferred over reported, then the most specific (device, precision). Null when there is none.",
      example: "qwen-2-2b-fp16-memory-iphone-15-pro",
    }),
    display: z.string().nullable().openapi({
      description: "The used figure's display string, in the answer's language. Quote this.",
      example: "2.1 GB",
    }),
    value: z
      .number()
      .nullable()
      .openapi({ description: "The used figure's value, in the limit's unit.", example: 2.1 }),
    unit: UnitSchema,
    difference: z.number().nullable().openapi({
      description: "value − max, in `unit` (rounded to 6 decimals); positive when over the limit.",
      example: 0.6,
    }),
    ratio: z.number().nullable().openapi({ description: "value ÷ max (rounded to 4 decimals).", example: 1.4 }),
    percent_over: z.number().nullable().openapi({
      description: "(ratio − 1) × 100, rounded to 1 decimal; negative when under the limit.",
      example: 40,
    }),
    verdict: VerdictSchema,
    other_figures: z.array(OtherFigureSchema).openapi({
      description:
        "The model's other figures for this metric and unit (other measurements or reports, derived estimates), not used for the verdict.",
    }),
    citations: z.array(z.string()).openapi({
      description: "Ids of the sources of the used figure, then of the limit; cite these.",
      example: ["geek-park-qwen-iphone-15-pro-test", "gate-kiki-apple-alibaba-ai-alliance"],
    }),
  })
  .openapi("BudgetCheckItem", { description: "One limit of the budget against the model's figure." });

export const ConsistencyNoteSchema = z
  .object({
    code: z.enum(["memory_below_weight_estimate"]).openapi({
      description:
        "memory_below_weight_estimate: a memory figure is below the memory the weights alone need at its stated precision.",
      example: "memory_below_weight_estimate",
    }),
    message: z.string().openapi({
      description: "The disagreement in words, in the answer's language.",
      example:
        "2.2B parameters at FP16 (16 bits each) need about 4.4 GB for the weights alone, yet 2.1 GB is reported (qwen-2-2b-fp16-memory-iphone-15-pro). The figures disagree.",
    }),
    figures: z.array(z.string()).openapi({
      description: "The figures that disagree: the parameter count, then the memory figure.",
      example: ["qwen-2-2b-pruned-parameter-count", "qwen-2-2b-fp16-memory-iphone-15-pro"],
    }),
    precision: z.enum(PRECISIONS).openapi({ description: "The memory figure's precision.", example: "FP16" }),
    expected_gb: z.number().openapi({
      description: "parameters × bits ÷ 8 ÷ 10⁹: the weights alone, in GB (rounded to 3 decimals).",
      example: 4.4,
    }),
    reported_gb: z.number().openapi({ description: "The memory figure's value, in GB.", example: 2.1 }),
  })
  .openapi("ConsistencyNote", { description: "Two figures of the model that cannot both be right as stated." });

export const BudgetCheckSchema = z
  .object({
    model: EntityRefSchema.openapi({ description: "The model checked." }),
    budget: z
      .object({
        id: z.string().openapi({ description: "Budget id.", example: BUDGET_ID }),
        name: z.string().openapi({
          description: "Its name, in the answer's language.",
          example: "Apple Core ML recommended limits for on-device models",
        }),
        href: z.string().openapi({
          description: "The budget's URL.",
          example: `https://api.example/v1/budgets/${BUDGET_ID}`,
        }),
      })
      .openapi({ description: "The budget checked against." }),
    verdict: z.enum(["within", "exceeds", "incomplete"]).openapi({
      description:
        "within: every limit is met; exceeds: at least one limit is exceeded; incomplete: none exceeded but some metric has no data.",
      example: "exceeds",
    }),
    summary: z.string().openapi({
      description: "The outcome in one sentence, in the answer's language: what a bot can say, with `citations`.",
      example:
        "Qwen 2.2B pruned model exceeds Apple Core ML recommended limits for on-device models: first-inference latency 0.62 s vs ≤ 0.4 s (+55%), memory 2.1 GB (iPhone 15 Pro, FP16) vs ≤ 1.5 GB (+40%).",
    }),
    checks: z.array(CheckSchema).openapi({ description: "One check per limit of the budget, ordered by metric." }),
    consistency: z.array(ConsistencyNoteSchema).openapi({
      description: "Figures of the model that disagree with each other (empty when none).",
    }),
    citations: z.array(z.string()).openapi({
      description: "Every source id the checks cite, deduplicated; `include=sources` embeds them.",
      example: ["gate-kiki-apple-alibaba-ai-alliance", "geek-park-qwen-iphone-15-pro-test"],
    }),
    fallback: FallbackSchema,
  })
  .openapi("BudgetCheck", { description: "A model's figures against each limit of a budget." });

export const BudgetCheckIncludedSchema = z
  .object({
    sources: z.array(SourceSchema).optional().openapi({ description: "The cited sources (include=sources), by id." }),
    figures: z.array(FigureSchema).optional().openapi({
      description: "Every figure the check uses or lists: model figures and limit figures (include=figures), by id.",
    }),
  })
  .openapi("BudgetCheckIncluded", {
    description:
      "Related records embedded by `include=`, each list deduplicated and sorted by id; absent without include.",
  });

export const BudgetCheckResponseSchema = singleOf(
  BudgetCheckSchema,
  "BudgetCheckResponse",
  "A budget check.",
  BudgetCheckIncludedSchema,
);

export const BudgetEstimateSchema = z
  .object({
    parameters: z.number().openapi({ description: "The parameter count, as a number.", example: 2200000000 }),
    bits: z.number().openapi({ description: "Bits per weight.", example: 16 }),
    precision: z.enum(PRECISIONS).nullable().openapi({
      description: "The precision name when `bits` was given as one (FP32, FP16, BF16, INT8, INT4), else null.",
      example: "FP16",
    }),
    bytes_per_parameter: z.number().openapi({ description: "bits ÷ 8.", example: 2 }),
    weight_memory_gb: z.number().openapi({
      description: "Memory the weights alone need, in decimal GB (10⁹ bytes), rounded to 3 decimals.",
      example: 4.4,
    }),
    formula: z.string().openapi({
      description: "How `weight_memory_gb` is computed.",
      example: "parameters × bits ÷ 8 ÷ 10^9 = GB (weights only; activations and KV cache come on top)",
    }),
    budget: z
      .object({
        id: z.string().openapi({ description: "Budget id.", example: BUDGET_ID }),
        name: z.string().openapi({
          description: "Its name, in the answer's language.",
          example: "Apple Core ML recommended limits for on-device models",
        }),
        default: z.boolean().openapi({
          description: "true when `budget` was not given and the default (the first budget by id) was used.",
          example: true,
        }),
        metric: z
          .literal("memory_footprint")
          .openapi({ description: "The limit compared with.", example: "memory_footprint" }),
        max: z.number().openapi({ description: "The budget's memory limit.", example: 1.5 }),
        unit: UnitSchema,
        figure: z
          .string()
          .openapi({ description: "The limit's figure id.", example: "core-ml-recommended-memory-limit" }),
        href: z
          .string()
          .openapi({ description: "The budget's URL.", example: `https://api.example/v1/budgets/${BUDGET_ID}` }),
      })
      .openapi({ description: "The budget's memory limit the estimate is judged against." }),
    difference_gb: z
      .number()
      .openapi({ description: "weight_memory_gb − max (rounded to 3 decimals); positive when over.", example: 2.9 }),
    ratio: z.number().openapi({ description: "weight_memory_gb ÷ max (rounded to 4 decimals).", example: 2.9333 }),
    verdict: z.enum(["within", "exceeds"]).openapi({
      description: "within: the weights alone fit the limit (the whole model may still not); exceeds: they do not.",
      example: "exceeds",
    }),
    summary: z.string().openapi({
      description: "The outcome in one sentence, in the answer's language.",
      example:
        "2.2B parameters at FP16 need about 4.4 GB for the weights alone, over the 1.5 GB memory limit of “Apple Core ML recommended limits for on-device models” (activations and KV cache come on top).",
    }),
    citations: z.array(z.string()).openapi({
      description: "Ids of the sources of the budget's memory limit.",
      example: ["gate-kiki-apple-alibaba-ai-alliance"],
    }),
    fallback: FallbackSchema,
  })
  .openapi("BudgetEstimate", { description: "Estimated weight memory for a parameter count and precision." });

export const BudgetEstimateResponseSchema = z
  .object({ data: BudgetEstimateSchema, meta: MetaSchema, links: SelfLinkSchema })
  .openapi("BudgetEstimateResponse", { description: "A weight-memory estimate." });

export const BudgetCheckTextSchema = z.string().openapi({
  description:
    "text/plain: the summary, any consistency note, then the sources (publisher, author, date) and the link to this check, on one line.",
  example:
    "Qwen 2.2B pruned model exceeds Apple Core ML recommended limits for on-device models: first-inference latency 0.62 s vs ≤ 0.4 s (+55%), memory 2.1 GB (iPhone 15 Pro, FP16) vs ≤ 1.5 GB (+40%). 2.2B parameters at FP16 (16 bits each) need about 4.4 GB for the weights alone, yet 2.1 GB is reported (qwen-2-2b-fp16-memory-iphone-15-pro). The figures disagree. — Sources: Machine Heart (2025-02); Kiki, Gate (2025-02); Geek Park (2025-02); Alibaba Cloud (2024-03). https://api.example/v1/budget-checks?model=qwen-2-2b-pruned&budget=apple-core-ml-on-device-model-budget\n",
});

export const BudgetCheckMarkdownSchema = z.string().openapi({
  description:
    "text/markdown: the summary in bold, a table of the checks (the model's figure and its conditions against each limit, linked), the consistency notes, then the sources as links and the link to this check.",
  example:
    "**Qwen 2.2B pruned model exceeds Apple Core ML recommended limits for on-device models: …**\n\n| Metric | Model | Limit | Over the limit | Verdict |\n| --- | --- | --- | --- | --- |\n| memory | [2.1 GB](https://api.example/v1/figures/qwen-2-2b-fp16-memory-iphone-15-pro) (iPhone 15 Pro, FP16) | [≤ 1.5 GB](https://api.example/v1/figures/core-ml-recommended-memory-limit) | +40% | exceeds |\n\n— Sources: [Geek Park](https://api.example/v1/sources/geek-park-qwen-iphone-15-pro-test) (2025-02); [Kiki](https://api.example/v1/sources/gate-kiki-apple-alibaba-ai-alliance), Gate (2025-02) · [permalink](https://api.example/v1/budget-checks?model=qwen-2-2b-pruned&budget=apple-core-ml-on-device-model-budget)\n",
});

export const BudgetEstimateTextSchema = z.string().openapi({
  description:
    "text/plain: the estimate's sentence, then the source of the limit (publisher, author, date) and the link.",
  example:
    "2.2B parameters at FP16 need about 4.4 GB for the weights alone, over the 1.5 GB memory limit of “Apple Core ML recommended limits for on-device models” (activations and KV cache come on top). — Source: Kiki, Gate (2025-02). https://api.example/v1/budget-estimate?parameters=2.2B&bits=FP16\n",
});

export const BudgetEstimateMarkdownSchema = z.string().openapi({
  description: "text/markdown: the sentence in bold, the formula and the numbers, the source of the limit as a link.",
  example:
    "**2.2B parameters at FP16 need about 4.4 GB for the weights alone, over the 1.5 GB memory limit of “Apple Core ML recommended limits for on-device models” (activations and KV cache come on top).**\n\n- Formula: `parameters × bits ÷ 8 ÷ 10^9 = GB (weights only; activations and KV cache come on top)`\n- Weights: 4.4 GB · Limit: [Apple Core ML recommended limits for on-device models](https://api.example/v1/budgets/apple-core-ml-on-device-model-budget) ≤ 1.5 GB · Verdict: exceeds\n\n— Source: [Kiki](https://api.example/v1/sources/gate-kiki-apple-alibaba-ai-alliance), Gate (2025-02) · [permalink](https://api.example/v1/budget-estimate?parameters=2.2B&bits=FP16)\n",
});
