/** Composes facts, and the fact's other representations (text, Markdown, JSON-LD): one builder each. */
import type { Lang } from "../dataset/schema";
import { Localizer } from "../lib/localize";
import { citationOf } from "./citation";
import { entityRef } from "./entities";
import { type FigureDoc, figureDocStatement } from "./figures";
import { link, permalink, pinnedLink } from "./links";
import { binary, type ReleaseRows } from "./rows";
import { citedSources, type SourceDoc } from "./sources";

export function composeFact(rows: ReleaseRows, id: string, lang: Lang) {
  const f = rows.facts.get(id);
  if (!f) throw new Error(`unknown fact ${id}`);
  const l = new Localizer(lang);
  const text = l.text("text", f.text);
  return {
    id: f.id,
    text,
    topic: f.topic,
    status: f.status,
    entities: rows.entitiesByIds(f.entities).map((e) => ({ ...entityRef(l, "entities.name", e), type: e.type })),
    figures: [...new Set(f.figures)].sort(binary),
    events: [...new Set(f.events)].sort(binary),
    quote: f.quote,
    sources: rows.citesOf("fact", id),
    story: f.story,
    href: link(`/v1/facts/${f.id}`),
    citation: citationOf(
      text,
      permalink("facts", f.id),
      citedSources(rows, "fact", id, lang),
      lang,
      pinnedLink(rows.version, "facts", f.id),
    ),
    fallback: l.fallback,
  };
}

export type FactDoc = ReturnType<typeof composeFact>;

const STATUS_NOTES: Record<FactDoc["status"], Record<Lang, string> | null> = {
  reported: null,
  analysis: { en: "The author's analysis.", ja: "筆者の分析。", zh: "作者的分析。", "zh-Hant": "作者的分析。" },
  inferred: { en: "Inferred by the curators.", ja: "編集者による推論。", zh: "编辑推断。", "zh-Hant": "編輯推斷。" },
  disputed: {
    en: "Disputed: it conflicts with other figures.",
    ja: "異論あり：他の数値と矛盾する。",
    zh: "存疑：与其他数据相矛盾。",
    "zh-Hant": "存疑：與其他資料相矛盾。",
  },
};

/** text/plain: the statement with its sources and the permalink, on one line. */
export const factText = (fact: Pick<FactDoc, "citation">) => `${fact.citation.text}\n`;

/** text/markdown: the statement as a quote, the sources as links, the permalink, and a status note. */
export function factMarkdown(fact: Pick<FactDoc, "citation" | "status">, lang: Lang): string {
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
function creativeWork(s: SourceDoc) {
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
 * application/ld+json: the fact as a schema.org Claim, from its document, its sources' and its figures'
 * (`fact.sources` and `fact.figures`, in that order): built when served, never stored. Its `appearance`s are
 * the sources (with author, publisher and date), its `author` and `datePublished` those of the first source,
 * the article's Japanese sentence is its `citation` (a Quotation), the entities it is `about`, and its figures
 * are `mentions` as QuantitativeValue.
 */
export function factJsonLd(
  fact: FactDoc,
  sources: readonly SourceDoc[],
  figures: readonly FigureDoc[],
  lang: Lang,
): Record<string, unknown> {
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
    mentions: figures.map((f) => ({
      "@type": "QuantitativeValue",
      "@id": f.href,
      name: f.display,
      value: f.value,
      unitText: f.unit,
      description: figureDocStatement(f, lang),
    })),
  };
}
