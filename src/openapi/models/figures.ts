import { z } from "@hono/zod-openapi";
import { CitationSchema } from "../../lib/citation";
import { FIGURE_KINDS, METRICS, UNITS } from "../../dataset/schema";
import { EntityRefSchema, FallbackSchema, PartialDateSchema, SourceIdsSchema, SourceSchema } from "../records";
import { collectionOf, RELEASE_EXAMPLE, singleOf } from "../schemas";
import { EntitySchema } from "./entities";

import { PRECISIONS } from "../../dataset/schema";

export { PRECISION_BITS, PRECISIONS, type Precision } from "../../dataset/schema";

export const MetricSchema = z.enum(METRICS).openapi({
  description:
    "What the number measures: parameter_count, memory_footprint, first_inference_latency, market_share, market_rank, count or reduction.",
  example: "memory_footprint",
});

export const UnitSchema = z
  .enum(UNITS)
  .openapi({ description: "Unit of the value (GB are decimal: 10⁹ bytes).", example: "GB" });

export const FigureSchema = z
  .object({
    id: z.string().openapi({ description: "Stable slug id.", example: "qwen-2-2b-fp16-memory-iphone-15-pro" }),
    metric: MetricSchema,
    subject: EntityRefSchema.openapi({
      description: "The entity the number is about (for memory and latency: the model).",
    }),
    value: z.number().openapi({ description: "The value, as a number in `unit`.", example: 2.1 }),
    unit: UnitSchema,
    display: z.string().openapi({
      description: "The value as a reader would write it, in the answer's language. Quote this.",
      example: "2.1 GB",
    }),
    kind: z.enum(FIGURE_KINDS).openapi({
      description:
        "reported: a source states it; measured: a source measured it; recommended_limit: a limit someone recommends; derived: computed from other figures (see `derivation`).",
      example: "measured",
    }),
    conditions: z
      .object({
        device: z.union([EntityRefSchema, z.null()]).openapi({
          description: "The device it was measured on, when the source names one; else null.",
        }),
        precision: z
          .enum(PRECISIONS)
          .nullable()
          .openapi({ description: "Numeric precision of the model's weights, when stated.", example: "FP16" }),
        scope: z.string().nullable().openapi({
          description: "What the number covers, in words (market, period, test), in the answer's language.",
          example: null,
        }),
      })
      .openapi({ description: "Under what conditions the number holds." }),
    as_of: PartialDateSchema.openapi({
      description: "When the number holds, with its precision. Figures have no phrase: it is always null.",
      example: { value: "2025-02", precision: "month", certainty: "inferred", phrase: null },
    }),
    quote: z.string().openapi({
      description: "The original Japanese sentence of the source article the number was read from, verbatim.",
      example: "ギークパークの実測データによると、そのFP16精度モデルはiPhone 15 Proで2.1GBのメモリを使用し",
    }),
    derivation: z
      .object({
        formula: z
          .string()
          .openapi({ description: "Expression over the input names.", example: "parameters * 16 / 8 / 1e9" }),
        inputs: z
          .array(
            z.object({
              name: z.string().openapi({ description: "Name of the input in the formula.", example: "parameters" }),
              figure: z
                .string()
                .openapi({ description: "Id of the input figure.", example: "qwen-2-2b-pruned-parameter-count" }),
              value: z.number().openapi({ description: "The input figure's value.", example: 2200000000 }),
              unit: UnitSchema.openapi({ example: "parameters" }),
            }),
          )
          .openapi({ description: "The figures the formula is computed from, by name." }),
        computed: z
          .number()
          .openapi({ description: "The formula evaluated with the inputs' values, unrounded.", example: 4.4 }),
        tolerance: z.number().openapi({
          description: "How far the stated `value` may be from `computed` (sources round or truncate).",
          example: 0.05,
        }),
      })
      .nullable()
      .openapi({ description: "For derived figures: how the value is computed from other figures; else null." }),
    note: z.string().nullable().openapi({
      description: "Curators' note (caveats, disagreements), in the answer's language.",
      example:
        "Disagrees with the parameter count: 2.2B weights at FP16 (2 bytes each) need about 4.4 GB for the weights alone.",
    }),
    sources: SourceIdsSchema.openapi({
      example: ["geek-park-qwen-iphone-15-pro-test", "gate-kiki-apple-alibaba-ai-alliance"],
    }),
    story: z
      .string()
      .openapi({ description: "Id of the story the figure belongs to.", example: "apple-alibaba-ai-alliance-china" }),
    href: z.string().openapi({
      description: "This figure's URL.",
      example: "https://api.example/v1/figures/qwen-2-2b-fp16-memory-iphone-15-pro",
    }),
    citation: CitationSchema.openapi({
      description:
        "The figure as one sentence (what it measures, of which subject, the display string, conditions and date) with its sources, ready to quote: `citation.text` in plain text, `citation.markdown` in Markdown; `citation.permalink` is this figure's URL.",
      example: {
        text: "Memory footprint of Qwen 2.2B pruned model: 2.1 GB (iPhone 15 Pro, FP16; as of 2025-02). — Sources: Geek Park (2025-02); Kiki, Gate (2025-02). https://api.example/v1/figures/qwen-2-2b-fp16-memory-iphone-15-pro",
        markdown:
          "> Memory footprint of Qwen 2.2B pruned model: 2.1 GB (iPhone 15 Pro, FP16; as of 2025-02).\n\n— Sources: [Geek Park](https://api.example/v1/sources/geek-park-qwen-iphone-15-pro-test) (2025-02); [Kiki](https://api.example/v1/sources/gate-kiki-apple-alibaba-ai-alliance), Gate (2025-02) · [permalink](https://api.example/v1/figures/qwen-2-2b-fp16-memory-iphone-15-pro)",
        permalink: "https://api.example/v1/figures/qwen-2-2b-fp16-memory-iphone-15-pro",
        pinned: `https://api.example/v1/releases/${RELEASE_EXAMPLE}/figures/qwen-2-2b-fp16-memory-iphone-15-pro`,
        sources: [],
      },
    }),
    fallback: FallbackSchema,
  })
  .openapi("Figure", {
    description:
      "A typed number — value, unit and display string — about a subject entity, with its conditions, date, kind, sources and the sentence it was read from.",
  });

export const FigureIncludedSchema = z
  .object({
    sources: z
      .array(SourceSchema)
      .optional()
      .openapi({ description: "The sources the figures cite (include=sources), by id." }),
    entities: z
      .array(EntitySchema)
      .optional()
      .openapi({ description: "The figures' subjects and devices (include=entities), by id." }),
  })
  .openapi("FigureIncluded", {
    description:
      "Related records embedded by `include=`, each list deduplicated and sorted by id; absent without include.",
  });

export const FigureListSchema = collectionOf(FigureSchema, "FigureList", "A page of figures.", FigureIncludedSchema);

export const FigureResponseSchema = singleOf(FigureSchema, "FigureResponse", "One figure.", FigureIncludedSchema);
