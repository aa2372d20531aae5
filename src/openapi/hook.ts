/** Turns a zod validation failure into an invalid-parameter / unknown-parameter problem. */
import type { Hook } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { type ParameterError, ProblemError } from "../lib/problem";
import { allowedFromMessage } from "./query";

const where = (target: string): ParameterError["in"] =>
  target === "param" ? "path" : target === "header" ? "header" : "query";

// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route
export const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (result.success) return;
  const at = where(result.target);
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
    const detail = describe(issue);
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
    detail: errors.map((e) => `${e.parameter}: ${e.detail}`).join("; "),
    errors,
  });
};

// biome-ignore lint/suspicious/noExplicitAny: zod issue union
function describe(issue: any): string {
  switch (issue.code) {
    case "invalid_value":
      return `must be one of ${issue.values.map((v: unknown) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return issue.origin === "string"
        ? `must be at least ${issue.minimum} characters`
        : `must be ≥ ${issue.minimum}${issue.maximum !== undefined ? "" : ""}`;
    case "too_big":
      return issue.origin === "string" ? `must be at most ${issue.maximum} characters` : `must be ≤ ${issue.maximum}`;
    case "invalid_type":
      return issue.expected === "array" || issue.received === "array" || /array/.test(issue.message)
        ? `expected a single ${issue.expected}; give the parameter once`
        : `expected ${issue.expected}`;
    default:
      return issue.message;
  }
}
