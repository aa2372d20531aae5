/** `include=` parameters: a comma-separated list of related kinds to embed under `included`. */
import { z } from "@hono/zod-openapi";

/** The longest `include` value accepted: every kind once fits with room to spare; repeats are pointless. */
export const INCLUDE_MAX_LENGTH = 100;

export function includeQuery<const K extends readonly [string, ...string[]]>(kinds: K, example: string) {
  const list = kinds.join("|");
  return z
    .string()
    .max(INCLUDE_MAX_LENGTH)
    .regex(new RegExp(`^(?:${list})(?:,(?:${list}))*$`), {
      error: `must be a comma-separated list of: ${kinds.join(", ")}`,
    })
    .optional()
    .openapi({
      param: { name: "include", in: "query" },
      description: `Related records to embed under \`included\`, comma-separated: ${kinds.join(", ")}. One request instead of one per reference.`,
      example,
    });
}

export function parseInclude<K extends string>(value: string | undefined): Set<K> {
  return new Set((value ? value.split(",") : []) as K[]);
}
