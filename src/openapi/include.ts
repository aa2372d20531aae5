/** `include=` parameters: a comma-separated list of related kinds to embed under `included`. */
import { listQuery } from "./query";

/** The longest `include` value accepted: every kind once fits with room to spare; repeats are pointless. */
export const INCLUDE_MAX_LENGTH = 100;

export function includeQuery<const K extends readonly [string, ...string[]]>(kinds: K, example: string) {
  return listQuery("include", kinds, INCLUDE_MAX_LENGTH)
    .optional()
    .openapi({
      param: { name: "include", in: "query" },
      description: `Related records to embed under \`included\`: ${kinds.join(", ")}, comma-separated in one parameter (\`include=${kinds.join(",")}\`; the parameter itself is given once). One request instead of one per reference.`,
      example,
    });
}

export function parseInclude<K extends string>(value: string | undefined): Set<K> {
  return new Set((value ? value.split(",") : []) as K[]);
}
