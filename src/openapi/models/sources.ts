import { z } from "@hono/zod-openapi";
import { SourceSchema } from "../records";
import { EntitySchema } from "./entities";

export { SourceSchema };

/**
 * `included` for operations with `include=`: each list present only when asked for, deduplicated and
 * sorted by id. (Shared by stories, sources, partnerships and events.)
 */
export function includedOf<const K extends readonly ("sources" | "entities")[]>(kinds: K, name: string) {
  const shape = {
    sources: z
      .array(SourceSchema)
      .optional()
      .openapi({ description: "The sources referenced by the records (`include=sources`), sorted by id." }),
    entities: z
      .array(EntitySchema)
      .optional()
      .openapi({ description: "The entities referenced by the records (`include=entities`), sorted by id." }),
  };
  const picked = Object.fromEntries(kinds.map((k) => [k, shape[k]])) as Pick<typeof shape, K[number]>;
  return z.object(picked).openapi(name, {
    description: `Related records embedded by \`include=\` (${kinds.join(", ")}); present only when \`include\` is given.`,
  });
}

export const SourceIncludedSchema = includedOf(["entities"], "SourceIncluded");
