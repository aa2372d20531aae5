/**
 * The curated dataset's file format: what `data/*.yaml` must hold.
 *
 * Used by `npm run data:check`, `npm run db:seed` and the tests; never imported by the worker.
 * Every record kind has its own file (`data/<kind>.yaml`) holding a YAML list of records.
 */
import { z } from "zod";
import {
  TEXT_LANGS,
  DATE_CERTAINTIES,
  ENTITY_TYPES,
  FACT_STATUSES,
  FACT_TOPICS,
  FIGURE_KINDS,
  METRICS,
  PARTNERSHIP_STATUSES,
  PRECISIONS,
  RELATION_TYPES,
  SOURCE_KINDS,
  UNITS,
} from "../domain";

export {
  DATE_CERTAINTIES,
  ENTITY_TYPES,
  FACT_STATUSES,
  FACT_TOPICS,
  FIGURE_KINDS,
  LANG_TAGS,
  LANGS,
  METRICS,
  PARTNERSHIP_STATUSES,
  PRECISIONS,
  PRECISION_BITS,
  RECORD_KIND,
  RELATION_TYPES,
  SOURCE_KINDS,
  TEXT_LANGS,
  UNITS,
  normalizeName,
} from "../domain";
export type { Lang, Precision, TextLang } from "../domain";

/**
 * A text in several languages. English is required by the shape so every answer has a fallback; `data:check`'s
 * `missing-language` rule requires ja and zh too, and its typography rules hold ja/zh to CJK typography (see
 * validate.ts). Write ja/zh on one line: the loader (scripts/lib/files.ts) joins folded lines at CJK text without
 * a space, but one line is what a reader of the file expects.
 */
export const localized = z
  .object({
    en: z.string().trim().min(1),
    ja: z.string().trim().min(1).optional(),
    zh: z.string().trim().min(1).optional(),
    /** Traditional Chinese: derived from `zh` at publish (src/dataset/hant.ts), never written in `data/`. */
    "zh-Hant": z.string().optional(),
  })
  .strict()
  .refine((t) => t["zh-Hant"] === undefined, {
    error: "zh-Hant is derived from zh at publish: do not write it",
    path: ["zh-Hant"],
  });
export type Localized = z.infer<typeof localized>;

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug (a-z, 0-9, single dashes)")
  .max(80);

/** "2025", "2025-04" or "2025-04-01": the precision is read from the form. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD");

/** A dated thing's date, as the article gives it. */
export const dated = {
  date: partialDate,
  /** stated: the article gives the date; relative: resolved from "last year", "this April"…; inferred: ours. */
  certainty: z.enum(DATE_CERTAINTIES),
  /** The article's own phrase for a relative date, e.g. "昨年" (last year). Required when relative. */
  phrase: z.string().min(1).optional(),
};

/** The original Japanese sentence (from the seed article) a record was read from, verbatim. */
const quote = z.string().trim().min(8);
const sourceRefs = z.array(slug).min(1);

export const storySchema = z
  .object({
    id: slug,
    headline: localized,
    summary: localized,
    ...dated,
    sources: sourceRefs,
  })
  .strict();

export const sourceSchema = z
  .object({
    id: slug,
    kind: z.enum(SOURCE_KINDS),
    title: localized,
    /** The publishing entity (an entity id). */
    publisher: slug,
    author: z.string().min(1).optional(),
    ...dated,
    /** BCP 47 language of the source itself. */
    language: z.enum(["en", "ja", "zh", "ko"]),
    url: z.string().url().optional(),
    /** The source through which we know this one (e.g. the article that cites a report). */
    via: slug.optional(),
    description: localized.optional(),
  })
  .strict();

export const aliasSchema = z
  .object({
    text: z.string().trim().min(1),
    lang: z.enum(TEXT_LANGS),
    /** Why this alias exists, e.g. "mistranslation in the Japanese article". */
    note: z.string().min(1).optional(),
    /**
     * A wrong name (the source's mistranslation or misspelling), kept so a search for it finds the entity. It may
     * appear in no served text but here (rule `mistranslated-name`); quotes, verbatim, keep it. Legitimate other
     * names (short forms, romanizations, the native script) are plain aliases.
     */
    mistranslation: z.boolean().optional(),
  })
  .strict();

export const relationSchema = z
  .object({
    type: z.enum(RELATION_TYPES),
    target: slug,
    note: localized.optional(),
    sources: z.array(slug).optional(),
  })
  .strict();

export const entitySchema = z
  .object({
    id: slug,
    type: z.enum(ENTITY_TYPES),
    name: localized,
    aliases: z.array(aliasSchema).default([]),
    description: localized,
    /** Ids this entity was known by earlier; they answer with a redirect. */
    former_ids: z.array(slug).default([]),
    stories: z.array(slug).min(1),
    relations: z.array(relationSchema).default([]),
    url: z.string().url().optional(),
  })
  .strict();

export const figureSchema = z
  .object({
    id: slug,
    story: slug,
    metric: z.enum(METRICS),
    /** The entity the number is about. */
    subject: slug,
    value: z.number().finite(),
    unit: z.enum(UNITS),
    display: localized,
    kind: z.enum(FIGURE_KINDS),
    conditions: z
      .object({
        device: slug.optional(),
        precision: z.enum(PRECISIONS).optional(),
        scope: localized.optional(),
      })
      .strict()
      .default({}),
    as_of: partialDate,
    as_of_certainty: z.enum(DATE_CERTAINTIES),
    sources: sourceRefs,
    quote,
    /** Derived figures: how they are computed from other figures. */
    derivation: z
      .object({
        /** Expression over the input names, e.g. "(before - after) / before * 100". */
        formula: z.string().min(1),
        /** Name in the formula → figure id. */
        inputs: z.record(z.string().regex(/^[a-z_]+$/), slug),
        /** How far the stated value may be from the computed one (the article rounds or truncates). */
        tolerance: z.number().nonnegative(),
      })
      .strict()
      .optional(),
    note: localized.optional(),
  })
  .strict();

export const budgetSchema = z
  .object({
    id: slug,
    story: slug,
    name: localized,
    description: localized,
    /** Who sets the budget (an entity id). */
    owner: slug,
    /** The framework or platform it applies to (an entity id). */
    applies_to: slug,
    limits: z
      .array(
        z
          .object({
            metric: z.enum(METRICS),
            max: z.number().positive(),
            unit: z.enum(UNITS),
            /** The recommended_limit figure this limit is read from. */
            figure: slug,
          })
          .strict(),
      )
      .min(1),
    sources: sourceRefs,
  })
  .strict();

export const partnershipSchema = z
  .object({
    id: slug,
    story: slug,
    /** The two parties, entity ids; the first is the one courting (e.g. Apple). */
    parties: z.tuple([slug, slug]),
    subject: localized,
    status: z.enum(PARTNERSHIP_STATUSES),
    summary: localized,
    /** Status history, oldest first; the last entry's status is the current status. */
    history: z
      .array(
        z
          .object({
            status: z.enum(PARTNERSHIP_STATUSES),
            ...dated,
            note: localized,
            sources: sourceRefs,
          })
          .strict(),
      )
      .min(1),
    /** Reasons given for how it went (selection criteria, why it ended). */
    reasons: z
      .array(
        z
          .object({
            text: localized,
            /** given_by_source: the source states it; analysis: the author's reading. */
            basis: z.enum(["reported", "analysis", "inferred"]),
            sources: sourceRefs,
          })
          .strict(),
      )
      .default([]),
    sources: sourceRefs,
  })
  .strict();

export const eventSchema = z
  .object({
    id: slug,
    story: slug,
    ...dated,
    title: localized,
    description: localized,
    participants: z.array(slug).min(1),
    partnership: slug.optional(),
    sources: sourceRefs,
    quote,
  })
  .strict();

export const factSchema = z
  .object({
    id: slug,
    story: slug,
    text: localized,
    topic: z.enum(FACT_TOPICS),
    status: z.enum(FACT_STATUSES),
    entities: z.array(slug).min(1),
    figures: z.array(slug).default([]),
    events: z.array(slug).default([]),
    sources: sourceRefs,
    quote,
  })
  .strict();

/** File name (without `.yaml`) → record schema, in load order. */
export const datasetFiles = {
  stories: storySchema,
  entities: entitySchema,
  sources: sourceSchema,
  figures: figureSchema,
  budgets: budgetSchema,
  partnerships: partnershipSchema,
  events: eventSchema,
  facts: factSchema,
} as const;

export type DatasetKind = keyof typeof datasetFiles;
export const DATASET_KINDS = Object.keys(datasetFiles) as DatasetKind[];

export type Story = z.infer<typeof storySchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type Figure = z.infer<typeof figureSchema>;
export type Budget = z.infer<typeof budgetSchema>;
export type Partnership = z.infer<typeof partnershipSchema>;
export type Event = z.infer<typeof eventSchema>;
export type Fact = z.infer<typeof factSchema>;

export interface Dataset {
  stories: Story[];
  entities: Entity[];
  sources: Source[];
  figures: Figure[];
  budgets: Budget[];
  partnerships: Partnership[];
  events: Event[];
  facts: Fact[];
}
