/**
 * Query schemas are strict: a parameter an operation does not define is a 400 that lists the ones it does.
 * The allowed names travel in the zod issue so the validation hook can report them.
 */
import { z } from "@hono/zod-openapi";

const ALLOWED = "allowed:";

export function strictQuery<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape).sort();
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `${ALLOWED}${allowed.join(",")}` : undefined),
  });
}

export function allowedFromMessage(message: string): string[] | undefined {
  return message.startsWith(ALLOWED) ? message.slice(ALLOWED.length).split(",").filter(Boolean) : undefined;
}
