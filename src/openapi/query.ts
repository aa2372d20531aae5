/**
 * Query schemas are strict: a parameter an operation does not define is a 400 that lists the ones it does.
 * The allowed names travel in the zod issue so the validation hook can report them.
 *
 * Every parameter takes one value; a list (`include`, the search `type`) is comma-separated in that one value.
 * A parameter given twice is a 400 (`limit: give one value, not 2`), never the last or first value silently.
 */
import { z } from "@hono/zod-openapi";

const ALLOWED = "allowed:";

/** How the rule for a repeated parameter starts (src/openapi/hook.ts). */
export const ONE_VALUE = "give one value";

export function strictQuery<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape).sort();
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `${ALLOWED}${allowed.join(",")}` : undefined),
  });
}

export function allowedFromMessage(message: string): string[] | undefined {
  return message.startsWith(ALLOWED) ? message.slice(ALLOWED.length).split(",").filter(Boolean) : undefined;
}

/**
 * A list parameter: some of `kinds`, comma-separated in one value (`include=sources,entities`), each at most
 * once in effect. Given twice, the rule says how to send a list instead.
 */
export function listQuery<const K extends readonly [string, ...string[]]>(name: string, kinds: K, maxLength: number) {
  const alternatives = kinds.join("|");
  const sample = kinds.slice(0, 2).join(",");
  return z
    .string({
      error: (issue) =>
        Array.isArray(issue.input)
          ? `${ONE_VALUE}, not ${issue.input.length} (a list is comma-separated: ${name}=${sample})`
          : undefined,
    })
    .max(maxLength, { error: `must be at most ${maxLength} characters` })
    .regex(new RegExp(`^(?:${alternatives})(?:,(?:${alternatives}))*$`), {
      error: `must be a comma-separated list of: ${kinds.join(", ")}`,
    });
}
