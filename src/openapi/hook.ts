/**
 * Turns a zod validation failure into an invalid-parameter / unknown-parameter problem, in one vocabulary:
 *
 * - a parameter given more than once where it takes one value: `limit: give one value, not 2`
 *   (lists are comma-separated in one value: `include=sources,entities`);
 * - a required parameter missing: `q is required`;
 * - an empty (or blank) value: `cursor must not be empty`;
 * - any other bad value: the rule the parameter's schema states in its own words (`limit must be an integer
 *   between 1 and 100`, `from must be a real calendar date: 2025-02 has 28 days`), or, where a schema states
 *   none, a rule read from the zod issue (`must be one of "en", "ja", "zh"`, `must be at most 80 characters`).
 *
 * `errors[]` has one entry per parameter with the bare rule (`is required`); `detail` names each parameter
 * in a sentence (see parameterSentence). Never zod's own wording, never a validator dump.
 */
import type { Hook } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { type ParameterError, ProblemError, parameterSentence } from "../lib/problem";
import { allowedFromMessage, ONE_VALUE } from "./query";

const where = (target: string): ParameterError["in"] =>
  target === "param" ? "path" : target === "header" ? "header" : "query";

// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route
export const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (result.success) return;
  const at = where(result.target);
  const raw = (result as { data?: unknown }).data;
  const input = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const unknown: string[] = [];
  let allowed: string[] | undefined;
  const errors: ParameterError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      unknown.push(...issue.keys);
      allowed = allowedFromMessage(issue.message) ?? allowed;
      continue;
    }
    const parameter = String(issue.path[0] ?? "(request)");
    const detail = issue.path.length === 0 ? describe(issue) : ruleFor(input[parameter], issue);
    // One entry per parameter: a value can break several rules (too long and not a date) at once.
    const same = errors.find((e) => e.parameter === parameter);
    if (!same) errors.push({ parameter, in: at, detail });
    else if (!same.detail.split("; ").includes(detail)) same.detail = `${same.detail}; ${detail}`;
  }
  if (unknown.length > 0) {
    throw new ProblemError("unknown-parameter", {
      detail: `Unknown query parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Allowed: ${(allowed ?? []).join(", ") || "none"}.`,
      errors: unknown.map((parameter) => ({ parameter, in: at, detail: "not a parameter of this operation" })),
      allowed: allowed ?? [],
    });
  }
  throw new ProblemError("invalid-parameter", {
    detail: errors.map((e) => parameterSentence(e.parameter, e.detail)).join("; "),
    errors,
  });
};

/** The rule a value broke, from what was sent first, then from the schema's own words, then from the issue. */
// biome-ignore lint/suspicious/noExplicitAny: a zod issue of any code
function ruleFor(value: unknown, issue: any): string {
  if (Array.isArray(value)) {
    // A list parameter says how to send a list instead (see listQuery).
    const own = ownWords(issue);
    return own?.startsWith(ONE_VALUE) ? own : `${ONE_VALUE}, not ${value.length}`;
  }
  if (value === undefined) return "is required";
  if (typeof value === "string" && value.trim() === "") return "must not be empty";
  return ownWords(issue) ?? describe(issue);
}

/**
 * A message a schema of this API set itself (`{ error: "must be …" }`): ours start in lower case, zod's own
 * defaults ("Invalid input: …", "Too big: …") in upper case and are never shown.
 */
// biome-ignore lint/suspicious/noExplicitAny: a zod issue of any code
function ownWords(issue: any): string | undefined {
  const message = typeof issue.message === "string" ? issue.message : "";
  return /^[a-z]/.test(message) ? message : undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: a zod issue of any code
function describe(issue: any): string {
  switch (issue.code) {
    case "invalid_value":
      return `must be one of ${issue.values.map((v: unknown) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return issue.origin === "string" ? `must be at least ${issue.minimum} characters` : `must be ≥ ${issue.minimum}`;
    case "too_big":
      return issue.origin === "string" ? `must be at most ${issue.maximum} characters` : `must be ≤ ${issue.maximum}`;
    case "invalid_type":
      return issue.expected === "number" || issue.expected === "int"
        ? "must be a number"
        : `must be a ${issue.expected}`;
    case "invalid_format":
      return issue.pattern ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`;
    default:
      return "is not a valid value";
  }
}
