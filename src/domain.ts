/**
 * The domain vocabulary: the enums every layer speaks (record kinds, languages, statuses, units, precisions),
 * and the few pure helpers over them. Depends on nothing; anything may import it (schema/ included).
 */

/** The languages the dataset is written in: every text has English; `data:check` requires ja and zh (Simplified). */
export const TEXT_LANGS = ["en", "ja", "zh"] as const;
export type TextLang = (typeof TEXT_LANGS)[number];

/**
 * The languages served: the written ones and Traditional Chinese, `zh-Hant`, which publishing converts from the
 * Simplified text (src/dataset/hant.ts); it is never written in `data/`. `zh` is Simplified Chinese.
 */
export const LANGS = ["en", "ja", "zh", "zh-Hant"] as const;
export type Lang = (typeof LANGS)[number];

/** The BCP 47 tag of what answered, for `Content-Language`, `<html lang>` and `hreflang`. */
export const LANG_TAGS: Record<Lang, string> = { en: "en", ja: "ja", zh: "zh-Hans", "zh-Hant": "zh-Hant" };

/** Kind names as the API and the change log use them (singular), by dataset file. */
export const RECORD_KIND = {
  stories: "story",
  entities: "entity",
  sources: "source",
  figures: "figure",
  budgets: "budget",
  partnerships: "partnership",
  events: "event",
  facts: "fact",
} as const;

/** A name as it is matched: NFKC, lower case, trimmed. */
export const normalizeName = (s: string) => s.normalize("NFKC").toLowerCase().trim();

export const DATE_CERTAINTIES = ["stated", "relative", "inferred"] as const;

export const ENTITY_TYPES = [
  "organization",
  "person",
  "product",
  "model",
  "device",
  "framework",
  "regulator",
  "regulation",
  "publication",
  "place",
] as const;

export const RELATION_TYPES = [
  "subsidiary_of",
  "product_of",
  "founder_of",
  "executive_of",
  "competitor_of",
  "partner_of",
  "derived_from",
  "issued_by",
  "publisher_of",
  "author_at",
  "located_in",
] as const;

export const SOURCE_KINDS = [
  "news_report",
  "analysis",
  "whitepaper",
  "measurement",
  "market_report",
  "earnings_call",
  "interview",
  "announcement",
  "regulation",
] as const;

/** Numeric precisions a figure can be measured at, with their bits per weight. */
export const PRECISIONS = ["FP32", "FP16", "BF16", "INT8", "INT4"] as const;

export type Precision = (typeof PRECISIONS)[number];

export const PRECISION_BITS: Record<Precision, number> = { FP32: 32, FP16: 16, BF16: 16, INT8: 8, INT4: 4 };

export const METRICS = [
  "parameter_count",
  "memory_footprint",
  "first_inference_latency",
  "market_share",
  "market_rank",
  "count",
  "reduction",
] as const;

export const UNITS = ["parameters", "GB", "s", "percent", "rank", "companies", "years"] as const;

export const FIGURE_KINDS = ["reported", "measured", "recommended_limit", "derived"] as const;

export const PARTNERSHIP_STATUSES = [
  "rumoured",
  "evaluated",
  "selected",
  "troubled",
  "abandoned",
  "not_pursued",
  "pending_approval",
  "active",
] as const;

export const FACT_STATUSES = ["reported", "analysis", "inferred", "disputed"] as const;

export const FACT_TOPICS = [
  "partnership",
  "selection_criteria",
  "opportunity",
  "challenge",
  "model_budget",
  "market",
  "regulation",
  "history",
  "people",
] as const;

/** Record kinds as the API and the change log name them (singular). */
export const RECORD_KINDS = ["story", "entity", "source", "figure", "budget", "partnership", "event", "fact"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What a release did to a record, against the release it replaced. */
export const CHANGES = ["added", "changed", "removed"] as const;
export type Change = (typeof CHANGES)[number];

/**
 * How many changed records a release's answers list inline: `/v1/releases/{version}` its first
 * RELEASE_CHANGES_SHOWN (by kind, then id), each entry of `/v1/changes` (and its Atom feed) its first
 * FEED_CHANGES_SHOWN added, changed and removed. A release of the real dataset changes fewer, so they list every
 * one; a first release of a large dataset adds every record. The rest are paged at
 * `/v1/releases/{version}/changes`, and the counts are exact.
 */
export const RELEASE_CHANGES_SHOWN = 500;
export const FEED_CHANGES_SHOWN = 200;

/** What /v1/search finds. */
export const SEARCH_KINDS = ["entity", "fact", "event", "source"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The representations an answer can take, with their media types. */
export const REPRESENTATIONS = {
  json: "application/json",
  text: "text/plain",
  markdown: "text/markdown",
  jsonld: "application/ld+json",
} as const;
export type Representation = keyof typeof REPRESENTATIONS;
