/** Query parameters of the budget check and the weight-memory calculator: required ids, counts, bits. */
import { z } from "@hono/zod-openapi";
import { PRECISION_BITS, type Precision } from "../../openapi/models/figures";

export const MIN_PARAMETERS = 1e6;
export const MAX_PARAMETERS = 1e13;
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
const COUNT = /^(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*([kmbt])?$/i;

/** "2200000000", "2.2e9", "2.2B", "7b", "500M", "1.5T" → a number; anything else → null. */
export function parseParameterCount(text: string): number | null {
  const m = COUNT.exec(text.trim());
  if (!m) return null;
  const n = Number(`${m[1]}${m[2] ? `e${m[2]}` : ""}`) * (m[3] ? (SUFFIX[m[3].toLowerCase()] ?? 1) : 1);
  return Number.isFinite(n) ? n : null;
}

/** "16", "4.5", "FP16", "int4" → bits per weight and the precision name when one was given; else null. */
export function parseBits(text: string): { bits: number; precision: Precision | null } | null {
  const t = text.trim();
  const name = t.toUpperCase() as Precision;
  if (Object.hasOwn(PRECISION_BITS, name)) return { bits: PRECISION_BITS[name], precision: name };
  if (!/^\d+(?:\.\d+)?$/.test(t)) return null;
  const bits = Number(t);
  return bits >= 1 && bits <= 64 ? { bits, precision: null } : null;
}

const PARAMETERS_RULE = "must be a parameter count such as 2.2B, 7e9 or 500M, between 1M and 10T";
const BITS_RULE = "must be the bits per weight, a number from 1 to 64, or one of FP32, FP16, BF16, INT8, INT4";

/**
 * A required query parameter whose value a function parses. Declared as an optional string that fails on
 * absence, so the spec keeps a plain string parameter (required: true) and a missing or bad value is a
 * custom issue whose message the validation hook passes through as the 400's detail.
 */
function required<T>(rule: string, parse: (v: string) => T | null) {
  return z
    .string()
    .max(200, { error: "must be at most 200 characters" })
    .optional()
    .transform((v, ctx) => {
      // Worded by the validation hook: "model is required", "model must not be empty".
      if (v === undefined || v.trim() === "") {
        ctx.addIssue({ code: "custom", message: v === undefined ? "is required" : "must not be empty" });
        return z.NEVER;
      }
      const parsed = parse(v);
      if (parsed === null) {
        ctx.addIssue({ code: "custom", message: rule });
        return z.NEVER;
      }
      return parsed;
    });
}

const ID = /^[A-Za-z0-9._-]{1,200}$/;
const id = (v: string) => (ID.test(v) ? v : null);

export const modelQuery = required("must be the id of an entity of type model, e.g. qwen-2-2b-pruned", id).openapi({
  param: { name: "model", in: "query" },
  description: "The model to check: an entity id of type model.",
  example: "qwen-2-2b-pruned",
});

export const budgetIdQuery = required("must be a budget id, e.g. apple-core-ml-on-device-model-budget", id).openapi({
  param: { name: "budget", in: "query" },
  description: "The budget to check against (id).",
  example: "apple-core-ml-on-device-model-budget",
});

export const parametersQuery = required(PARAMETERS_RULE, (v) => {
  const n = parseParameterCount(v);
  return n !== null && n >= MIN_PARAMETERS && n <= MAX_PARAMETERS ? n : null;
}).openapi({
  param: { name: "parameters", in: "query" },
  description:
    "Number of parameters (weights), 1M to 10T: a plain number (2200000000, 2.2e9) or with a suffix K, M, B or T, case-insensitive (2.2B, 7b, 500M, 1.5T).",
  example: "2.2B",
});

export const bitsQuery = required(BITS_RULE, parseBits).openapi({
  param: { name: "bits", in: "query" },
  description:
    "Bits per weight: a number from 1 to 64 (e.g. 16, 4.5) or a precision name, case-insensitive: FP32 (32), FP16 (16), BF16 (16), INT8 (8), INT4 (4).",
  example: "FP16",
});

export const optionalBudgetQuery = z
  .string()
  .max(200, { error: "must be at most 200 characters" })
  .regex(ID, { error: "must be a budget id, e.g. apple-core-ml-on-device-model-budget" })
  .optional()
  .openapi({
    param: { name: "budget", in: "query" },
    description:
      "The budget whose memory limit to judge against (id). Default: the first budget by id (Apple's Core ML one); the answer says which was used.",
    example: "apple-core-ml-on-device-model-budget",
  });
