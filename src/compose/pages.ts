/**
 * Composes what a permalink page (and its oEmbed card) shows: the record in one language with its citation
 * and the records it links to, from the same records and builders as the API's documents (the fact's JSON-LD
 * is the one `?format=jsonld` serves). Links are behind ORIGIN; the serving release is set when served.
 *
 * In two steps, so a release does not store a second copy of what its documents hold. At publish, the page's
 * own part (`StoredPage`: the labels of the records it links to, its sources as ids). When served, the view
 * (`pageView`): that part, its place (URLs from kind, id and language), its sources' documents, and for a
 * fact its document and its figures' (the JSON-LD), read in one keyed query (`pageRefs`). Storing whole views
 * made the pages two thirds of a release's documents (each source's title and the citation again, per page).
 * A page stored whole by an earlier release (it has its `citation`) is served as it is.
 */
import type { Localized } from "../dataset/schema";
import { LANGS, type Lang } from "../domain";
import type { Citation } from "../lib/citation";
// The words around the data on the pages (page chrome and status labels), shared with the renderer.
import { LABELS } from "../lib/labels";
import { citationOf } from "./citation";
import { WORDS } from "../render/words";
import { budgetCheckPairs, composeBudgetCheck } from "./budget-checks";
import { type FactDoc, factJsonLd } from "./facts";
import type { EntityDoc, RelationsDoc } from "./entities";
import type { EventDoc } from "./events";
import type { FigureDoc } from "./figures";
import type { StoryDoc } from "./stories";
import { encodedLink, link, ORIGIN, permalink, pinnedLink } from "./links";
import { binary, type ReleaseRows } from "./rows";
import type { SourceDoc } from "./sources";

export const PAGE_KINDS = ["facts", "entities", "partnerships"] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** A text and the language it is actually in (English when the asked one is missing). */
export interface Text {
  value: string;
  lang: Lang;
}

export interface Ref {
  id: string;
  label: Text;
  href: string;
  /** A date or short qualifier shown beside the link. */
  note?: string;
}

export interface SourceView {
  id: string;
  title: Text;
  publisher: Text;
  author: string | null;
  date: string;
  url: string | null;
  href: string;
  kind: string;
  language: string;
}

/** What every page has: where it lives, what it states, and how to cite it. */
export interface Common {
  kind: PageKind;
  id: string;
  lang: Lang;
  origin: string;
  release: string;
  /** The page, without a language: what citations link. */
  permalink: string;
  /** The page in this language (the permalink, plus ?lang= when not English). */
  canonical: string;
  /** The record in the JSON API, in this language. */
  json: string;
  /** The oEmbed endpoint for the canonical URL. */
  oembed: string;
  /** The share card (1200×630 PNG) in this language: og:image, twitter:image, oEmbed's thumbnail_url. */
  card: string;
  alternates: { lang: Lang; href: string }[];
  /** The sentence to quote. */
  statement: Text;
  /** Title and description for the head, OpenGraph and oEmbed (plain text). */
  title: string;
  description: string;
  citation: Citation;
  sources: SourceView[];
}

export interface FactView extends Common {
  kind: "facts";
  status: "reported" | "analysis" | "inferred" | "disputed";
  topic: string;
  quote: string;
  /** The source the verbatim quote was read from (the Japanese article), when it is among the cited. */
  quoteSource: SourceView | null;
  /** The fact as schema.org JSON-LD: the very document `?format=jsonld` answers. */
  jsonld: unknown;
  entities: (Ref & { type: string })[];
  figures: (Ref & { value: number; unit: string; display: string; metric: string })[];
  events: Ref[];
  story: Ref | null;
}

/** A picture embedded in a page: the SVG's URL in the page's language, its alternative text and caption. */
export interface Picture {
  src: string;
  alt: string;
  caption: string;
}

export interface EntityView extends Common {
  kind: "entities";
  type: string;
  name: Text;
  descriptionText: Text;
  names: { lang: Lang; text: string }[];
  aliases: { text: string; lang: string; note: string | null }[];
  url: string | null;
  relations: { subject: Ref; type: string; object: Ref; self: "subject" | "object" }[];
  facts: Ref[];
  partnerships: Ref[];
  /** A model's budget checks, as charts. */
  charts: Picture[];
}

export interface PartnershipView extends Common {
  kind: "partnerships";
  parties: [Ref, Ref];
  subject: Text;
  status: keyof (typeof LABELS)["en"]["partnershipStatus"];
  summary: Text;
  history: {
    status: keyof (typeof LABELS)["en"]["partnershipStatus"];
    date: string;
    note: Text;
    sources: SourceView[];
  }[];
  reasons: { text: Text; basis: "reported" | "analysis" | "inferred"; sources: SourceView[] }[];
  events: Ref[];
  /** The story's partnership timeline, this partnership among the others. */
  timeline: Picture | null;
}

export type PageView = FactView | EntityView | PartnershipView;

/** The text in `lang`, or English (and says so). */
function pick(value: Localized, lang: Lang): Text {
  const hit = value[lang];
  return hit ? { value: hit, lang } : { value: value.en, lang: "en" };
}

const withLang = (url: string, lang: Lang) => (lang === "en" ? url : `${url}?lang=${lang}`);
const pageHref = (kind: PageKind, id: string, lang: Lang) => withLang(link(`/${kind}/${id}`), lang);

function common<K extends PageKind>(kind: K, id: string, lang: Lang) {
  const perma = permalink(kind, id);
  const canonical = withLang(perma, lang);
  return {
    kind,
    id,
    lang,
    origin: ORIGIN,
    release: "",
    permalink: perma,
    canonical,
    json: withLang(link(`/v1/${kind}/${id}`), lang),
    oembed: `${link("/oembed")}?url=${encodedLink(canonical)}&format=json`,
    card: withLang(link(`/v1/${kind}/${id}/card.png`), lang),
    alternates: LANGS.map((l) => ({ lang: l, href: withLang(perma, l) })),
  };
}

function sourceView(s: SourceDoc, lang: Lang): SourceView {
  const fell = (field: string) => (s.fallback.includes(field) ? "en" : lang);
  return {
    id: s.id,
    title: { value: s.title, lang: fell("title") },
    publisher: { value: s.publisher.name, lang: fell("publisher.name") },
    author: s.author,
    date: s.date.value,
    url: s.url,
    href: s.href,
    kind: s.kind,
    language: s.language,
  };
}

/** "Apple, Alibaba Group" → the sources' plain citation without the statement and the link. */
function sourcesLine(citation: Citation): string {
  return citation.sources.map((s) => `${s.publisher}${s.author ? `, ${s.author}` : ""} (${s.date})`).join("; ");
}

/** What a page's place gives (its URLs, from kind, id and language) and its sources: composed when served. */
type Served = Exclude<keyof ReturnType<typeof common>, "kind" | "id" | "lang"> | "citation" | "sources";
type SourceIds = { sources: string[] };

/** What a release stores of a fact's page: the title, description, quote's source and JSON-LD come when served. */
export type StoredFactPage = Omit<FactView, Served | "title" | "description" | "quoteSource" | "jsonld"> & SourceIds;
/**
 * What a release stores of an entity's page: the lists the entity's documents do not hold (the facts about it,
 * as [id, text, the text's language, status], its partnerships, its charts) and its sources' ids. The rest comes
 * from its `entity` and `relations` documents when served.
 */
export type StoredEntityPage = Pick<EntityView, "kind" | "id" | "lang" | "partnerships" | "charts"> &
  SourceIds & { facts: [id: string, text: string, lang: Lang, status: FactStatus][] };
type FactStatus = FactView["status"];
export type StoredPartnershipPage = Omit<PartnershipView, Served | "history" | "reasons"> &
  SourceIds & {
    history: (Omit<PartnershipView["history"][number], "sources"> & SourceIds)[];
    reasons: (Omit<PartnershipView["reasons"][number], "sources"> & SourceIds)[];
  };
export type StoredPage = StoredFactPage | StoredEntityPage | StoredPartnershipPage;

/** The documents a page is served with, by id. */
export interface PageRefs {
  sources: ReadonlyMap<string, SourceDoc>;
  /** For a fact's page: the fact's document and those of the records it names. */
  fact?: FactDoc;
  figures?: ReadonlyMap<string, FigureDoc>;
  entities?: ReadonlyMap<string, EntityDoc>;
  /** For an entity's page: its relations document. */
  relations?: ReadonlyMap<string, RelationsDoc>;
  events?: ReadonlyMap<string, EventDoc>;
  stories?: ReadonlyMap<string, StoryDoc>;
}

/** The documents a stored page is served with, by kind: what `pageView` needs (one keyed read). */
export function pageRefs(p: StoredEntityPage | StoredPartnershipPage | PageView): {
  source: string[];
  entity?: string[];
  relations?: string[];
} {
  if (isWholeView(p)) return { source: [] };
  if (p.kind === "partnerships") {
    return { source: [...p.sources, ...p.history.flatMap((h) => h.sources), ...p.reasons.flatMap((r) => r.sources)] };
  }
  return { source: p.sources, entity: [p.id], relations: [p.id] };
}

/** The documents a fact's page is made from besides the fact's, by kind (one keyed read). */
export const factPageRefs = (fact: FactDoc) => ({
  source: fact.sources,
  figure: fact.figures,
  entity: fact.entities.map((e) => e.id),
  event: fact.events,
  story: [fact.story],
});

/** A document's text field as a page shows it: in the language asked, or in English when it fell back. */
const textOf = (doc: { fallback: readonly string[] }, field: string, value: string, lang: Lang): Text => ({
  value,
  lang: doc.fallback.includes(field) ? "en" : lang,
});

/**
 * A fact's page is stored nowhere: it is made from the fact's document and those of the records it names
 * (`factPageRefs`), which hold everything it shows.
 */
export function factPage(fact: FactDoc, lang: Lang, refs: PageRefs): StoredFactPage {
  const need = <T>(map: ReadonlyMap<string, T> | undefined, id: string, what: string) => {
    const doc = map?.get(id);
    if (!doc) throw new Error(`page facts/${fact.id}: no ${what} ${id}`);
    return doc;
  };
  const story = refs.stories?.get(fact.story);
  return {
    kind: "facts",
    id: fact.id,
    lang,
    statement: textOf(fact, "text", fact.text, lang),
    sources: fact.sources,
    status: fact.status,
    topic: fact.topic,
    quote: fact.quote,
    entities: fact.entities.map((ref) => {
      const e = need(refs.entities, ref.id, "entity");
      return { id: e.id, type: e.type, label: textOf(e, "name", e.name, lang), href: pageHref("entities", e.id, lang) };
    }),
    figures: fact.figures.map((fid) => {
      const x = need(refs.figures, fid, "figure");
      return {
        id: x.id,
        label: textOf(x, "display", x.display, lang),
        href: withLang(x.href, lang),
        value: x.value,
        unit: x.unit,
        display: x.display,
        metric: x.metric,
        note: x.subject.name,
      };
    }),
    events: fact.events.map((eid) => {
      const e = need(refs.events, eid, "event");
      return { id: e.id, label: textOf(e, "title", e.title, lang), href: withLang(e.href, lang), note: e.date.value };
    }),
    story: story
      ? { id: story.id, label: textOf(story, "headline", story.headline, lang), href: withLang(story.href, lang) }
      : null,
  };
}

/** Whether a stored page is a whole view (as releases stored them before LOADER_VERSION 10). */
export const isWholeView = (p: StoredPage | PageView): p is PageView => "citation" in p;

/** What an entity's page shows of the entity and its relations, from their documents. */
function entityPart(p: StoredEntityPage, refs: PageRefs) {
  const { id, lang } = p;
  const e = refs.entities?.get(id);
  const relations = refs.relations?.get(id);
  if (!e || !relations) throw new Error(`page entities/${id}: no entity or relations document`);
  const name = textOf(e, "name", e.name, lang);
  const description = textOf(e, "description", e.description, lang);
  const self: Ref = { id, label: name, href: pageHref("entities", id, lang) };
  return {
    statement: { value: `${name.value}${colon(description.lang)}${description.value}`, lang: description.lang },
    title: name.value,
    description: description.value,
    type: e.type,
    name,
    descriptionText: description,
    names: LANGS.flatMap((l) => (e.names[l] ? [{ lang: l, text: e.names[l] as string }] : [])),
    aliases: e.aliases,
    url: e.url,
    relations: relations.map((r) => {
      const otherId = r.subject === id ? r.object : r.subject;
      const other: Ref = {
        id: otherId,
        label: textOf(r, "other.name", r.other.name, lang),
        href: pageHref("entities", otherId, lang),
      };
      return r.subject === id
        ? { subject: self, type: r.type, object: other, self: "subject" as const }
        : { subject: other, type: r.type, object: self, self: "object" as const };
    }),
  } satisfies Partial<EntityView>;
}

/** An entity page's stored lists as the view has them. */
function entityLists(p: StoredEntityPage) {
  return {
    facts: p.facts.map(([id, value, lang, status]) => ({
      id,
      label: { value, lang },
      href: pageHref("facts", id, p.lang),
      note: LABELS[p.lang].factStatus[status],
    })),
  };
}

/**
 * The view of a page of release `release`: what is stored of it, its place, and the documents it refers to
 * (`pageRefs`). Links stay behind ORIGIN. A whole view stored by an earlier release is served as it is.
 */
export function pageView(stored: StoredPage | PageView, refs: PageRefs, release: string): PageView {
  if (isWholeView(stored)) return stored;
  const p = stored;
  const lang = p.lang;
  const base = common(p.kind, p.id, lang);
  const docs = (ids: readonly string[]) =>
    [...new Set(ids)].map((sid) => {
      const s = refs.sources.get(sid);
      if (!s) throw new Error(`page ${p.kind}/${p.id}: no source ${sid}`);
      return s;
    });
  const views = (ids: readonly string[]) => docs(ids).map((s) => sourceView(s, lang));
  const sources = docs(p.sources);
  const statement = p.kind === "entities" ? entityPart(p, refs).statement : p.statement;
  const citation = citationOf(statement.value, base.permalink, sources, lang, pinnedLink(release, p.kind, p.id));
  const sourceViews = sources.map((s) => sourceView(s, lang));
  if (p.kind === "facts") {
    const fact = refs.fact;
    if (!fact) throw new Error(`page facts/${p.id}: no fact document`);
    const figures = fact.figures.map((fid) => {
      const f = refs.figures?.get(fid);
      if (!f) throw new Error(`page facts/${p.id}: no figure ${fid}`);
      return f;
    });
    return {
      ...base,
      ...p,
      title: p.statement.value,
      description: `${LABELS[lang].factStatus[p.status]} — ${sourcesLine(citation)}`,
      citation,
      sources: sourceViews,
      // Every quote is a sentence of the Japanese article the story rests on: its source is the cited one in Japanese.
      quoteSource: sourceViews.find((s) => s.language === "ja") ?? null,
      jsonld: factJsonLd(fact, docs(fact.sources), figures, lang),
    };
  }
  if (p.kind === "entities")
    return { ...entityPart(p, refs), ...base, ...p, ...entityLists(p), citation, sources: sourceViews };
  return {
    ...base,
    ...p,
    citation,
    sources: sourceViews,
    history: p.history.map((h) => ({ ...h, sources: views(h.sources) })),
    reasons: p.reasons.map((r) => ({ ...r, sources: views(r.sources) })),
  };
}

/** The views of the pages among a release's documents, served from them (the share cards' texts, at build). */
export function pageViewsOf(
  documents: readonly { kind: string; id: string; lang: string; body: string }[],
  release: string,
): PageView[] {
  const byKey = new Map(documents.map((d) => [`${d.kind}\u0000${d.lang}\u0000${d.id}`, d.body]));
  const get = <T>(kind: string, lang: string, id: string) => {
    const body = byKey.get(`${kind}\u0000${lang}\u0000${id}`);
    return body === undefined ? undefined : (JSON.parse(body) as T);
  };
  const mapOf = <T>(kind: string, lang: string, ids: readonly string[] = []) => {
    const out = new Map<string, T>();
    for (const id of ids) {
      const doc = get<T>(kind, lang, id);
      if (doc) out.set(id, doc);
    }
    return out;
  };
  return documents.flatMap((d) => {
    const lang = d.lang as Lang;
    if (d.kind === "fact") {
      const fact = JSON.parse(d.body) as FactDoc;
      const wanted = factPageRefs(fact);
      const refs: PageRefs = {
        sources: mapOf<SourceDoc>("source", lang, wanted.source),
        fact,
        figures: mapOf<FigureDoc>("figure", lang, wanted.figure),
        entities: mapOf<EntityDoc>("entity", lang, wanted.entity),
        events: mapOf<EventDoc>("event", lang, wanted.event),
        stories: mapOf<StoryDoc>("story", lang, wanted.story),
      };
      return [pageView(factPage(fact, lang, refs), refs, release)];
    }
    if (d.kind !== "page") return [];
    const stored = JSON.parse(d.body) as StoredEntityPage | StoredPartnershipPage;
    const wanted = pageRefs(stored);
    const refs: PageRefs = {
      sources: mapOf<SourceDoc>("source", lang, wanted.source),
      entities: mapOf<EntityDoc>("entity", lang, wanted.entity),
      relations: mapOf<RelationsDoc>("relations", lang, wanted.relations),
    };
    return [pageView(stored, refs, release)];
  });
}

/** A colon in the typography of the text that follows it: full-width and unspaced in Chinese and Japanese. */
const colon = (lang: Lang) => (lang === "en" ? ": " : "：");
/** A dash between a statement and its status: spaced in English, the unspaced double dash in Chinese and Japanese. */
const dash = (lang: Lang) => (lang === "en" ? " — " : "——");

export function composeEntityPage(rows: ReleaseRows, id: string, lang: Lang): StoredEntityPage {
  const e = rows.entity(id);
  const storyIds = [...new Set(e.stories)].sort(binary);
  // An entity is described from the stories it appears in: it is cited by their sources.
  const sourceIds = [...new Set(storyIds.flatMap((s) => rows.citesOf("story", s)))].slice(0, 20);
  const L = LABELS[lang];
  const facts = rows.factsAbout(id);
  const partnerships = rows.partnershipsOf(id);
  const W = WORDS[lang];
  const charts: Picture[] =
    e.type === "model"
      ? budgetCheckPairs(rows)
          .filter(([model]) => model === id)
          .map(([model, budget]) => {
            const check = composeBudgetCheck(rows, model, budget, lang).data;
            const query = `model=${encodeURIComponent(model)}&budget=${encodeURIComponent(budget)}`;
            return {
              src: `${link("/v1/budget-checks.svg")}?${query}${lang === "en" ? "" : `&lang=${lang}`}`,
              alt: check.summary,
              caption: `${W.chart}${W.colon}${check.model.name} ${W.vs} ${check.budget.name}`,
            };
          })
      : [];
  return {
    kind: "entities",
    id,
    lang,
    sources: sourceIds,
    facts: facts.slice(0, 100).map((f) => {
      const label = pick(f.text, lang);
      return [f.id, label.value, label.lang, f.status];
    }),
    partnerships: partnerships.slice(0, 100).map((p) => {
      const subject = pick(p.subject, lang);
      const party = (pid: string) => pick(rows.entity(pid).name, lang).value;
      return {
        id: p.id,
        label: {
          value: `${party(p.parties[0])} × ${party(p.parties[1])}${colon(subject.lang)}${subject.value}`,
          lang: subject.lang,
        },
        href: pageHref("partnerships", p.id, lang),
        note: L.partnershipStatus[p.status],
      };
    }),
    charts,
  };
}

export function composePartnershipPage(rows: ReleaseRows, id: string, lang: Lang): StoredPartnershipPage {
  const p = rows.partnerships.get(id);
  if (!p) throw new Error(`unknown partnership ${id}`);
  const ids = (list: readonly string[]) => [...new Set(list)];
  const party = (pid: string): Ref => ({
    id: pid,
    label: pick(rows.entity(pid).name, lang),
    href: pageHref("entities", pid, lang),
  });
  const L = LABELS[lang];
  const parts: [Ref, Ref] = [party(p.parties[0]), party(p.parties[1])];
  const subject = pick(p.subject, lang);
  const summary = pick(p.summary, lang);
  const statement: Text = {
    value: `${parts[0].label.value} × ${parts[1].label.value}${colon(subject.lang)}${subject.value}${dash(lang)}${L.partnershipStatus[p.status]}`,
    lang,
  };
  return {
    kind: "partnerships",
    id,
    lang,
    statement,
    title: statement.value,
    description: summary.value,
    sources: ids(rows.citesOf("partnership", id)),
    parties: parts,
    subject,
    status: p.status,
    summary,
    history: p.history.map((h, i) => ({
      status: h.status,
      date: h.date,
      note: pick(h.note, lang),
      sources: ids(rows.citesOf("history", `${id}#${i + 1}`)),
    })),
    reasons: p.reasons.map((r, i) => ({
      text: pick(r.text, lang),
      basis: r.basis,
      sources: ids(rows.citesOf("reason", `${id}#${i + 1}`)),
    })),
    events: rows.eventsOfPartnership(id).map((e) => ({
      id: e.id,
      label: pick(e.title, lang),
      href: withLang(link(`/v1/events/${e.id}`), lang),
      note: e.date,
    })),
    timeline: timelineOf(rows, p.story, lang),
  };
}

/** The picture of a story's partnership timeline, or null when the story is not in the release. */
function timelineOf(rows: ReleaseRows, storyId: string, lang: Lang): Picture | null {
  const story = rows.stories.get(storyId);
  if (!story) return null;
  const W = WORDS[lang];
  const headline = pick(story.headline, lang).value;
  return {
    src: withLang(link(`/v1/stories/${story.id}/timeline.svg`), lang),
    alt: `${W.timeline}${W.colon}${headline}`,
    caption: `${W.timeline}${W.colon}${headline}`,
  };
}
