import type { Context } from "hono";
import type { Lang } from "../dataset/schema";
import type { AppEnv } from "../env";
import { citationsFor, permalink } from "../lib/citation";
import { Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import { entitiesOfFacts, type FactRow, linksOfFacts } from "../queries/facts";
import type { FigureRow } from "../queries/figures";
import { entityRef, loadEntities } from "./entities";
import { figureStatement } from "./figures";
import { loadSources, type presentSource } from "./sources";

export type FactInclude = "sources" | "entities";
type SourceOut = ReturnType<typeof presentSource>;

/**
 * Presents a page of fact rows with their citations: four queries (entities, figure/event links, citation
 * ids, the cited sources) whatever the page size. `sources` are the cited sources, by id.
 */
export async function presentFactPage(c: Context<AppEnv>, rows: FactRow[]) {
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const [ents, links, cites] = await Promise.all([
    ids.length ? entitiesOfFacts(db, release, ids) : Promise.resolve([]),
    ids.length ? linksOfFacts(db, release, ids) : Promise.resolve([]),
    citationsFor(c, "fact", ids),
  ]);
  const data = rows.map((row) => {
    const l = new Localizer(c.get("lang"));
    const text = l.text("text", row.text);
    const entities = ents
      .filter((e) => e.factId === row.id)
      .map((e) => ({ ...entityRef(c, l, "entities.name", e), type: e.type }));
    const mine = links.filter((x) => x.factId === row.id);
    return {
      id: row.id,
      text,
      topic: row.topic,
      status: row.status,
      entities,
      figures: mine.filter((x) => x.kind === "figure").map((x) => x.targetId),
      events: mine.filter((x) => x.kind === "event").map((x) => x.targetId),
      quote: row.quote,
      sources: cites.ids(row.id),
      story: row.storyId,
      href: absolute(c, `/v1/facts/${row.id}`),
      citation: cites.citation(row.id, text, permalink(c, "facts", row.id)),
      fallback: l.fallback,
    };
  });
  return { data, sources: cites.loaded, sourcesOf: cites.sourcesOf };
}

/** Presents a page of fact rows (see presentFactPage). */
export async function presentFacts(c: Context<AppEnv>, rows: FactRow[]) {
  return (await presentFactPage(c, rows)).data;
}

export type FactOut = Awaited<ReturnType<typeof presentFacts>>[number];

/** `included` for `include=`: at most one query per kind, whatever the page size; undefined when not asked. */
export async function factIncluded(
  c: Context<AppEnv>,
  data: FactOut[],
  include: Set<FactInclude>,
  cited?: SourceOut[],
) {
  if (include.size === 0) return undefined;
  const [sources, entities] = await Promise.all([
    include.has("sources")
      ? (cited ??
        loadSources(
          c,
          data.flatMap((f) => f.sources),
        ))
      : undefined,
    include.has("entities")
      ? loadEntities(
          c,
          data.flatMap((f) => f.entities.map((e) => e.id)),
        )
      : undefined,
  ]);
  return { ...(sources ? { sources } : {}), ...(entities ? { entities } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// The other representations of a fact: text/plain, text/markdown, application/ld+json.
// ---------------------------------------------------------------------------------------------------------

const STATUS_NOTES: Record<FactOut["status"], Record<Lang, string> | null> = {
  reported: null,
  analysis: { en: "The author's analysis.", ja: "筆者の分析。", zh: "作者的分析。" },
  inferred: { en: "Inferred by the curators.", ja: "編集者による推論。", zh: "编辑推断。" },
  disputed: {
    en: "Disputed: it conflicts with other figures.",
    ja: "異論あり:他の数値と矛盾する。",
    zh: "存疑:与其他数据相矛盾。",
  },
};

/** text/plain: the statement with its sources and the permalink, on one line. */
export function factText(fact: FactOut): string {
  return `${fact.citation.text}\n`;
}

/** text/markdown: the statement as a quote, the sources as links, the permalink, and a status note. */
export function factMarkdown(fact: FactOut, lang: Lang): string {
  const note = STATUS_NOTES[fact.status]?.[lang];
  return `${fact.citation.markdown}\n${note ? `\n_${note}_\n` : ""}`;
}

const SOURCE_TYPES: Record<string, string> = {
  news_report: "NewsArticle",
  analysis: "AnalysisNewsArticle",
  interview: "NewsArticle",
  whitepaper: "Report",
  measurement: "Report",
  market_report: "Report",
  regulation: "Legislation",
};

/** A source as a schema.org CreativeWork (or NewsArticle, Report…) with its author, publisher and date. */
function creativeWork(s: SourceOut) {
  return {
    "@type": SOURCE_TYPES[s.kind] ?? "CreativeWork",
    "@id": s.href,
    name: s.title,
    ...(s.url ? { url: s.url } : {}),
    inLanguage: s.language,
    ...(s.author ? { author: { "@type": "Person", name: s.author } } : {}),
    publisher: { "@type": "Organization", name: s.publisher.name, url: s.publisher.href },
    datePublished: s.date.value,
  };
}

/**
 * application/ld+json: the fact as a schema.org Claim. Its `appearance`s are the sources (with author,
 * publisher and date), its `author` and `datePublished` those of the first source, the article's Japanese
 * sentence is its `citation` (a Quotation), the entities it is `about`, and its figures are `mentions`
 * as QuantitativeValue.
 */
export function factJsonLd(c: Context<AppEnv>, fact: FactOut, sources: SourceOut[], figures: FigureRow[]) {
  const lang = c.get("lang");
  const l = new Localizer(lang);
  const first = sources[0];
  const author = first
    ? first.author
      ? { "@type": "Person", name: first.author }
      : { "@type": "Organization", name: first.publisher.name, url: first.publisher.href }
    : undefined;
  return {
    "@context": "https://schema.org",
    "@type": "Claim",
    "@id": fact.citation.permalink,
    url: fact.citation.permalink,
    identifier: fact.id,
    text: fact.text,
    inLanguage: fact.fallback.includes("text") ? "en" : lang,
    creativeWorkStatus: fact.status,
    ...(author ? { author } : {}),
    ...(first ? { datePublished: first.date.value, firstAppearance: creativeWork(first) } : {}),
    appearance: sources.map(creativeWork),
    citation: { "@type": "Quotation", text: fact.quote, inLanguage: "ja" },
    about: fact.entities.map((e) => ({ "@type": "Thing", "@id": e.href, name: e.name, url: e.href })),
    mentions: figures.map((f) => {
      const display = l.text("display", f.display);
      return {
        "@type": "QuantitativeValue",
        "@id": absolute(c, `/v1/figures/${f.id}`),
        name: display,
        value: f.value,
        unitText: f.unit,
        description: figureStatement(lang, {
          metric: f.metric,
          subject: l.text("subject", f.subjectName),
          display,
          device: f.deviceName ? l.text("device", f.deviceName) : null,
          precision: f.precision,
          scope: l.text("scope", f.scope),
          asOf: f.asOf,
        }),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The fact of the day.
// ---------------------------------------------------------------------------------------------------------

/** FNV-1a (32 bits) of a string: a small, stable hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Which of `count` facts (ordered by id) is the fact of the UTC day `day` (YYYY-MM-DD). */
export const factOfTheDayIndex = (day: string, count: number) => (count > 0 ? fnv1a(day) % count : -1);

/** Seconds from `now` to the next UTC midnight (at least 1). */
export function secondsToUtcMidnight(now = Date.now()): number {
  const d = new Date(now);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now) / 1000));
}
