/**
 * D1 tables (drizzle). Every record row carries the `release` it belongs to: a release is loaded beside the
 * one that serves, and becomes current in one statement (see src/dataset/release.ts), so a failed load never
 * touches what clients read. Ids are stable text slugs; nothing auto-increments.
 *
 * Localized texts are JSON objects `{"en": …, "ja": …, "zh": …}` stored as text.
 */
import { foreignKey, index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

import {
  DATE_CERTAINTIES,
  ENTITY_TYPES,
  FACT_STATUSES,
  FACT_TOPICS,
  FIGURE_KINDS,
  METRICS,
  PARTNERSHIP_STATUSES,
  RELATION_TYPES,
  SOURCE_KINDS,
  UNITS,
} from "../src/domain";

/** A localized text as stored: `zh-Hant` is derived from `zh` at publish. */
type LocalizedJson = { en: string; ja?: string; zh?: string; "zh-Hant"?: string };
const PRECISIONS = ["year", "month", "day"] as const;
/** What a release added, changed and removed, counted at publish. */
type ChangeCounts = { added: number; changed: number; removed: number };

const localized = (name: string) => text(name, { mode: "json" }).$type<LocalizedJson>();

export const releases = sqliteTable(
  "releases",
  {
    version: text("version").primaryKey(),
    /** Order of publication; null while loading. The published release with the highest seq serves. */
    seq: integer("seq"),
    status: text("status", { enum: ["loading", "published"] }).notNull(),
    contentHash: text("content_hash").notNull(),
    createdAt: text("created_at").notNull(),
    publishedAt: text("published_at"),
    previous: text("previous"),
    counts: text("counts", { mode: "json" }).$type<Record<string, number>>().notNull(),
    /** How many records it added, changed and removed: written when it is published; null while loading. */
    changeCounts: text("change_counts", { mode: "json" }).$type<ChangeCounts>(),
  },
  (t) => [index("releases_status_seq").on(t.status, t.seq)],
);

/** One row per record of a release, with the hash of its content: what diffs are computed from. */
export const releaseRecords = sqliteTable(
  "release_records",
  {
    release: text("release").notNull(),
    kind: text("kind").notNull(),
    recordId: text("record_id").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.release, t.kind, t.recordId] })],
);

/** What a release added, changed and removed against the release it replaced. Kept for every release. */
export const releaseChanges = sqliteTable(
  "release_changes",
  {
    release: text("release")
      .notNull()
      .references(() => releases.version),
    change: text("change", { enum: ["added", "changed", "removed"] }).notNull(),
    kind: text("kind").notNull(),
    recordId: text("record_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.kind, t.recordId] }),
    // A release's changes of one kind of change, in (kind, id) order: the bounded lists (src/queries/changes.ts).
    index("release_changes_change").on(t.release, t.change, t.kind, t.recordId),
  ],
);

const releaseRef = () =>
  text("release")
    .notNull()
    .references(() => releases.version);

export const stories = sqliteTable(
  "stories",
  {
    release: releaseRef(),
    id: text("id").notNull(),
    headline: localized("headline").notNull(),
    summary: localized("summary").notNull(),
    date: text("date").notNull(),
    datePrecision: text("date_precision", { enum: PRECISIONS }).notNull(),
    dateCertainty: text("date_certainty", { enum: DATE_CERTAINTIES }).notNull(),
    datePhrase: text("date_phrase"),
  },
  (t) => [primaryKey({ columns: [t.release, t.id] })],
);

export const entities = sqliteTable(
  "entities",
  {
    release: releaseRef(),
    id: text("id").notNull(),
    type: text("type", { enum: ENTITY_TYPES }).notNull(),
    name: localized("name").notNull(),
    description: localized("description").notNull(),
    url: text("url"),
  },
  (t) => [primaryKey({ columns: [t.release, t.id] }), index("entities_type").on(t.release, t.type, t.id)],
);

/** Every name and alias of an entity, with a normalized form for matching (NFKC, lower case). */
export const entityNames = sqliteTable(
  "entity_names",
  {
    release: text("release").notNull(),
    entityId: text("entity_id").notNull(),
    lang: text("lang").notNull(),
    text: text("text").notNull(),
    norm: text("norm").notNull(),
    isAlias: integer("is_alias", { mode: "boolean" }).notNull(),
    note: text("note"),
    /** A wrong name (the source's mistranslation): found by search, never served as a text. */
    mistranslation: integer("mistranslation", { mode: "boolean" }).notNull().default(false),
    /** Position in the curated file (names first, then aliases in their order). */
    seq: integer("seq").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.entityId, t.lang, t.text] }),
    index("entity_names_norm").on(t.release, t.norm),
    foreignKey({ columns: [t.release, t.entityId], foreignColumns: [entities.release, entities.id] }),
  ],
);

/** Former ids and slug aliases: a request for `fromId` is redirected to `toId`. */
export const entityRedirects = sqliteTable(
  "entity_redirects",
  {
    release: text("release").notNull(),
    fromId: text("from_id").notNull(),
    toId: text("to_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.fromId] }),
    foreignKey({ columns: [t.release, t.toId], foreignColumns: [entities.release, entities.id] }),
  ],
);

export const entityStories = sqliteTable(
  "entity_stories",
  {
    release: text("release").notNull(),
    entityId: text("entity_id").notNull(),
    storyId: text("story_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.entityId, t.storyId] }),
    index("entity_stories_story").on(t.release, t.storyId, t.entityId),
    foreignKey({ columns: [t.release, t.entityId], foreignColumns: [entities.release, entities.id] }),
    foreignKey({ columns: [t.release, t.storyId], foreignColumns: [stories.release, stories.id] }),
  ],
);

export const entityRelations = sqliteTable(
  "entity_relations",
  {
    release: text("release").notNull(),
    subjectId: text("subject_id").notNull(),
    type: text("type", { enum: RELATION_TYPES }).notNull(),
    objectId: text("object_id").notNull(),
    note: localized("note"),
    seq: integer("seq").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.subjectId, t.type, t.objectId] }),
    index("entity_relations_object").on(t.release, t.objectId),
    foreignKey({ columns: [t.release, t.subjectId], foreignColumns: [entities.release, entities.id] }),
    foreignKey({ columns: [t.release, t.objectId], foreignColumns: [entities.release, entities.id] }),
  ],
);

export const sources = sqliteTable(
  "sources",
  {
    release: releaseRef(),
    id: text("id").notNull(),
    kind: text("kind", { enum: SOURCE_KINDS }).notNull(),
    title: localized("title").notNull(),
    publisherId: text("publisher_id").notNull(),
    author: text("author"),
    date: text("date").notNull(),
    datePrecision: text("date_precision", { enum: PRECISIONS }).notNull(),
    dateCertainty: text("date_certainty", { enum: DATE_CERTAINTIES }).notNull(),
    datePhrase: text("date_phrase"),
    language: text("language").notNull(),
    url: text("url"),
    viaId: text("via_id"),
    description: localized("description"),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.id] }),
    index("sources_publisher").on(t.release, t.publisherId),
    index("sources_kind").on(t.release, t.kind, t.id),
    foreignKey({ columns: [t.release, t.publisherId], foreignColumns: [entities.release, entities.id] }),
  ],
);

export const storySources = sqliteTable(
  "story_sources",
  {
    release: text("release").notNull(),
    storyId: text("story_id").notNull(),
    sourceId: text("source_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.storyId, t.sourceId] }),
    foreignKey({ columns: [t.release, t.storyId], foreignColumns: [stories.release, stories.id] }),
    foreignKey({ columns: [t.release, t.sourceId], foreignColumns: [sources.release, sources.id] }),
  ],
);

export const figures = sqliteTable(
  "figures",
  {
    release: releaseRef(),
    id: text("id").notNull(),
    storyId: text("story_id").notNull(),
    metric: text("metric", { enum: METRICS }).notNull(),
    subjectId: text("subject_id").notNull(),
    value: real("value").notNull(),
    unit: text("unit", { enum: UNITS }).notNull(),
    display: localized("display").notNull(),
    kind: text("kind", { enum: FIGURE_KINDS }).notNull(),
    deviceId: text("device_id"),
    precision: text("precision", { enum: ["FP32", "FP16", "BF16", "INT8", "INT4"] }),
    scope: localized("scope"),
    asOf: text("as_of").notNull(),
    asOfPrecision: text("as_of_precision", { enum: PRECISIONS }).notNull(),
    asOfCertainty: text("as_of_certainty", { enum: DATE_CERTAINTIES }).notNull(),
    quote: text("quote").notNull(),
    formula: text("formula"),
    tolerance: real("tolerance"),
    note: localized("note"),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.id] }),
    index("figures_subject").on(t.release, t.subjectId, t.id),
    index("figures_metric").on(t.release, t.metric, t.id),
    index("figures_kind").on(t.release, t.kind, t.id),
    index("figures_story").on(t.release, t.storyId, t.id),
    foreignKey({ columns: [t.release, t.subjectId], foreignColumns: [entities.release, entities.id] }),
    foreignKey({ columns: [t.release, t.storyId], foreignColumns: [stories.release, stories.id] }),
  ],
);

export const figureInputs = sqliteTable(
  "figure_inputs",
  {
    release: text("release").notNull(),
    figureId: text("figure_id").notNull(),
    name: text("name").notNull(),
    inputId: text("input_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.figureId, t.name] }),
    foreignKey({ columns: [t.release, t.figureId], foreignColumns: [figures.release, figures.id] }),
    foreignKey({ columns: [t.release, t.inputId], foreignColumns: [figures.release, figures.id] }),
  ],
);

export const budgets = sqliteTable(
  "budgets",
  {
    release: releaseRef(),
    id: text("id").notNull(),
    storyId: text("story_id").notNull(),
    name: localized("name").notNull(),
    description: localized("description").notNull(),
    ownerId: text("owner_id").notNull(),
    appliesToId: text("applies_to_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.id] }),
    index("budgets_story").on(t.release, t.storyId, t.id),
    foreignKey({ columns: [t.release, t.ownerId], foreignColumns: [entities.release, entities.id] }),
    foreignKey({ columns: [t.release, t.appliesToId], foreignColumns: [entities.release, entities.id] }),
  ],
);

export const budgetLimits = sqliteTable(
  "budget_limits",
  {
    release: text("release").notNull(),
    budgetId: text("budget_id").notNull(),
    metric: text("metric", { enum: METRICS }).notNull(),
    max: real("max").notNull(),
    unit: text("unit", { enum: UNITS }).notNull(),
    figureId: text("figure_id").notNull(),
    seq: integer("seq").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.budgetId, t.metric] }),
    foreignKey({ columns: [t.release, t.budgetId], foreignColumns: [budgets.release, budgets.id] }),
    foreignKey({ columns: [t.release, t.figureId], foreignColumns: [figures.release, figures.id] }),
  ],
);

export const partnerships = sqliteTable(
  "partnerships",
  {
    release: releaseRef(),
    id: text("id").notNull(),
    storyId: text("story_id").notNull(),
    partyA: text("party_a").notNull(),
    partyB: text("party_b").notNull(),
    subject: localized("subject").notNull(),
    status: text("status", { enum: PARTNERSHIP_STATUSES }).notNull(),
    summary: localized("summary").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.id] }),
    index("partnerships_status").on(t.release, t.status, t.id),
    index("partnerships_party_a").on(t.release, t.partyA, t.id),
    index("partnerships_party_b").on(t.release, t.partyB, t.id),
    index("partnerships_story").on(t.release, t.storyId, t.id),
    foreignKey({ columns: [t.release, t.partyA], foreignColumns: [entities.release, entities.id] }),
    foreignKey({ columns: [t.release, t.partyB], foreignColumns: [entities.release, entities.id] }),
  ],
);

export const partnershipHistory = sqliteTable(
  "partnership_history",
  {
    release: text("release").notNull(),
    partnershipId: text("partnership_id").notNull(),
    seq: integer("seq").notNull(),
    status: text("status", { enum: PARTNERSHIP_STATUSES }).notNull(),
    date: text("date").notNull(),
    datePrecision: text("date_precision", { enum: PRECISIONS }).notNull(),
    dateCertainty: text("date_certainty", { enum: DATE_CERTAINTIES }).notNull(),
    datePhrase: text("date_phrase"),
    note: localized("note").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.partnershipId, t.seq] }),
    foreignKey({
      columns: [t.release, t.partnershipId],
      foreignColumns: [partnerships.release, partnerships.id],
    }),
  ],
);

export const partnershipReasons = sqliteTable(
  "partnership_reasons",
  {
    release: text("release").notNull(),
    partnershipId: text("partnership_id").notNull(),
    seq: integer("seq").notNull(),
    text: localized("text").notNull(),
    basis: text("basis", { enum: ["reported", "analysis", "inferred"] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.partnershipId, t.seq] }),
    foreignKey({
      columns: [t.release, t.partnershipId],
      foreignColumns: [partnerships.release, partnerships.id],
    }),
  ],
);

export const events = sqliteTable(
  "events",
  {
    release: releaseRef(),
    id: text("id").notNull(),
    storyId: text("story_id").notNull(),
    partnershipId: text("partnership_id"),
    date: text("date").notNull(),
    datePrecision: text("date_precision", { enum: PRECISIONS }).notNull(),
    dateCertainty: text("date_certainty", { enum: DATE_CERTAINTIES }).notNull(),
    datePhrase: text("date_phrase"),
    title: localized("title").notNull(),
    description: localized("description").notNull(),
    quote: text("quote").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.id] }),
    index("events_date").on(t.release, t.date, t.id),
    index("events_partnership").on(t.release, t.partnershipId, t.date, t.id),
    index("events_story").on(t.release, t.storyId, t.id),
    foreignKey({ columns: [t.release, t.storyId], foreignColumns: [stories.release, stories.id] }),
    foreignKey({
      columns: [t.release, t.partnershipId],
      foreignColumns: [partnerships.release, partnerships.id],
    }),
  ],
);

export const eventParticipants = sqliteTable(
  "event_participants",
  {
    release: text("release").notNull(),
    eventId: text("event_id").notNull(),
    entityId: text("entity_id").notNull(),
    seq: integer("seq").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.eventId, t.entityId] }),
    index("event_participants_entity").on(t.release, t.entityId, t.eventId),
    foreignKey({ columns: [t.release, t.eventId], foreignColumns: [events.release, events.id] }),
    foreignKey({ columns: [t.release, t.entityId], foreignColumns: [entities.release, entities.id] }),
  ],
);

export const facts = sqliteTable(
  "facts",
  {
    release: releaseRef(),
    id: text("id").notNull(),
    storyId: text("story_id").notNull(),
    topic: text("topic", { enum: FACT_TOPICS }).notNull(),
    status: text("status", { enum: FACT_STATUSES }).notNull(),
    text: localized("text").notNull(),
    quote: text("quote").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.id] }),
    index("facts_topic").on(t.release, t.topic, t.id),
    index("facts_status").on(t.release, t.status, t.id),
    index("facts_story").on(t.release, t.storyId, t.id),
    foreignKey({ columns: [t.release, t.storyId], foreignColumns: [stories.release, stories.id] }),
  ],
);

const factLink = (name: string, column: string, target: typeof entities | typeof figures | typeof events) =>
  sqliteTable(
    name,
    {
      release: text("release").notNull(),
      factId: text("fact_id").notNull(),
      targetId: text(column).notNull(),
      seq: integer("seq").notNull().default(0),
    },
    (t) => [
      primaryKey({ columns: [t.release, t.factId, t.targetId] }),
      index(`${name}_target`).on(t.release, t.targetId, t.factId),
      foreignKey({ columns: [t.release, t.factId], foreignColumns: [facts.release, facts.id] }),
      foreignKey({ columns: [t.release, t.targetId], foreignColumns: [target.release, target.id] }),
    ],
  );

export const factEntities = factLink("fact_entities", "entity_id", entities);
export const factFigures = factLink("fact_figures", "figure_id", figures);
export const factEvents = factLink("fact_events", "event_id", events);

/**
 * Which sources a record rests on. `recordKind` is story, figure, budget, partnership, event, fact,
 * relation, history or reason; `recordId` is the record's id (`<partnership>#<seq>` for history and
 * reasons, `<subject>|<type>|<object>` for relations).
 */
export const citations = sqliteTable(
  "citations",
  {
    release: text("release").notNull(),
    recordKind: text("record_kind").notNull(),
    recordId: text("record_id").notNull(),
    sourceId: text("source_id").notNull(),
    seq: integer("seq").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.recordKind, t.recordId, t.sourceId] }),
    index("citations_source").on(t.release, t.sourceId, t.recordKind, t.recordId),
    foreignKey({ columns: [t.release, t.sourceId], foreignColumns: [sources.release, sources.id] }),
  ],
);

/** Tables holding a release's records, parents before children (load order; delete in reverse). */
/**
 * Every record of a release composed at publish into its final representation, per language (see
 * src/compose): a detail miss is one keyed read of this table, a list page one range of it.
 */
export const documents = sqliteTable(
  "documents",
  {
    release: text("release").notNull(),
    kind: text("kind").notNull(),
    id: text("id").notNull(),
    /** A served language, or "*" for a row that resolves an alias (its body lists the ids it names). */
    lang: text("lang").notNull(),
    /** The collection's sort key (the id, or an event's date); ties are broken by id. */
    sort: text("sort").notNull(),
    /** The record's JSON, links behind the origin mark. */
    body: text("body").notNull(),
    /** The record as its own URL answers it, when that is more than its list item. */
    detail: text("detail"),
    /** JSON: ids `include=` embeds, by kind. */
    refs: text("refs"),
    /** JSON: what other representations need. */
    extra: text("extra"),
  },
  (t) => [
    primaryKey({ columns: [t.release, t.kind, t.lang, t.id] }),
    index("documents_order").on(t.release, t.kind, t.lang, t.sort, t.id),
  ],
);

/**
 * What list filters match: for each (kind, filter, value), the records it matches in the collection's order
 * (sort, then id), cut into chunks of FACET_CHUNK entries, one row per chunk, keyed by the chunk's last entry.
 * A filtered page reads the one or two chunks that hold the entries after its cursor, then its documents by
 * key (src/queries/documents.ts): D1 counts one row read per chunk, whatever its length, so the page reads at
 * most 2 rows more than it returns. Facet `*` value `*` lists every record of the kind (a date range alone).
 */
export const facetLists = sqliteTable(
  "facet_lists",
  {
    release: text("release").notNull(),
    kind: text("kind").notNull(),
    facet: text("facet").notNull(),
    value: text("value").notNull(),
    /** The sort key and id of the chunk's last entry. */
    lastSort: text("last_sort").notNull(),
    lastId: text("last_id").notNull(),
    /** JSON array, in order: the id, or `[sort, id]` when the sort key is not the id. */
    entries: text("entries").notNull(),
  },
  (t) => [primaryKey({ columns: [t.release, t.kind, t.facet, t.value, t.lastSort, t.lastId] })],
);

export const releaseTables = [
  "stories",
  "entities",
  "entity_names",
  "entity_redirects",
  "entity_stories",
  "entity_relations",
  "sources",
  "story_sources",
  "figures",
  "figure_inputs",
  "budgets",
  "budget_limits",
  "partnerships",
  "partnership_history",
  "partnership_reasons",
  "events",
  "event_participants",
  "facts",
  "fact_entities",
  "fact_figures",
  "fact_events",
  "citations",
  "search_index",
  "documents",
  "facet_lists",
] as const;
