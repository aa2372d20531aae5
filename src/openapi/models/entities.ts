import { z } from "@hono/zod-openapi";
import { ENTITY_TYPES, RELATION_TYPES } from "../../dataset/schema";
import { EntityRefSchema, FallbackSchema } from "../records";

export const EntitySchema = z
  .object({
    id: z.string().openapi({ description: "Stable slug id.", example: "alibaba-cloud" }),
    type: z.enum(ENTITY_TYPES).openapi({ description: "What kind of thing it is.", example: "organization" }),
    name: z
      .string()
      .openapi({ description: "Name in the answer's language (English when missing).", example: "Alibaba Cloud" }),
    names: z
      .object({
        en: z.string().openapi({ description: "English name.", example: "Alibaba Cloud" }),
        ja: z.string().nullable().openapi({ description: "Japanese name.", example: "アリババクラウド" }),
        zh: z
          .string()
          .nullable()
          .openapi({ description: "Chinese name in native script (Simplified characters).", example: "阿里云" }),
        "zh-Hant": z.string().nullable().openapi({
          description: "Chinese name in Traditional characters (converted from `zh` at publish).",
          example: "阿里雲",
        }),
      })
      .openapi({ description: "The name in every language, null where unknown." }),
    aliases: z
      .array(
        z.object({
          text: z.string().openapi({ description: "The alias as written.", example: "Aliyun" }),
          lang: z.string().openapi({ description: "Its language.", example: "en" }),
          note: z.string().nullable().openapi({
            description: "Why it is an alias (e.g. a mistranslation in the source article).",
            example: "romanized Chinese name",
          }),
        }),
      )
      .openapi({
        description: "Other names, including the source article's misspellings, so searches for them find this entity.",
      }),
    description: z.string().openapi({
      description: "Short description in the answer's language.",
      example: "Alibaba Group's cloud computing arm.",
    }),
    stories: z.array(z.string()).openapi({
      description: "Ids of the stories the entity appears in.",
      example: ["apple-alibaba-ai-alliance-china"],
    }),
    url: z.string().nullable().openapi({ description: "Official website, when known.", example: null }),
    href: z
      .string()
      .openapi({ description: "This entity's URL.", example: "https://api.example/v1/entities/alibaba-cloud" }),
    relations_href: z.string().openapi({
      description: "URL of its relations.",
      example: "https://api.example/v1/entities/alibaba-cloud/relations",
    }),
    fallback: FallbackSchema,
  })
  .openapi("Entity", {
    description:
      "An organization, person, product, model, device, framework, regulator, regulation, publication or place.",
  });

export const RelationSchema = z
  .object({
    type: z
      .enum(RELATION_TYPES)
      .openapi({ description: "Relation as stored: subject → type → object.", example: "subsidiary_of" }),
    direction: z.enum(["outgoing", "incoming"]).openapi({
      description: "outgoing: this entity is the subject; incoming: it is the object.",
      example: "outgoing",
    }),
    label: z.string().openapi({
      description: "The relation read from this entity's side, e.g. `parent_of` for an incoming `subsidiary_of`.",
      example: "subsidiary_of",
    }),
    subject: z.string().openapi({ description: "Subject entity id.", example: "alibaba-cloud" }),
    object: z.string().openapi({ description: "Object entity id.", example: "alibaba-group" }),
    other: EntityRefSchema.openapi({ description: "The entity on the other side." }),
    note: z.string().nullable().openapi({
      description: "Context for the relation, in the answer's language (English when missing, named in `fallback`).",
      example: null,
    }),
    sources: z
      .array(z.string())
      .openapi({ description: "Ids of the sources for the relation (may be empty for identity facts).", example: [] }),
    fallback: FallbackSchema,
  })
  .openapi("Relation", { description: "A relation between two entities." });
