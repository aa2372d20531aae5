/**
 * Loads what a permalink page (and its oEmbed card) shows: the record, already localized, with its citation
 * and the records it links to. A fixed number of queries per page, whatever the record.
 */
import type { Context } from "hono";
import { LANGS, type Lang, type Localized } from "../../dataset/schema";
import type { AppEnv } from "../../env";
import { type Citation, citationOf, permalink } from "../../lib/citation";
import { origin } from "../../lib/urls";
import { loadSources, presentSource } from "../../present/sources";
import {
  closeEntityIds,
  entitiesByIds,
  getEntity,
  namesOf,
  relationsOf,
  resolveEntityAlias,
  storiesOf,
} from "../../queries/entities";
import { eventsOfPartnerships } from "../../queries/events";
import { allFactIds, entitiesOfFacts, getFact, linksOfFacts, listFacts } from "../../queries/facts";
import { figuresByIds } from "../../queries/figures";
import { eventsByIds } from "../../queries/pages";
import { getPartnership, historyOf, listPartnerships, partnershipIds, reasonsOf } from "../../queries/partnerships";
import { citationsOf } from "../../queries/sources";
import { getStory } from "../../queries/stories";
import { closest } from "../../queries/entities";
import type { Text } from "./html";
import { LABELS } from "./labels";

export const PAGE_KINDS = ["facts", "entities", "partnerships"] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

type SourceOut = ReturnType<typeof presentSource>;

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
  entities: (Ref & { type: string })[];
  figures: (Ref & { value: number; unit: string; display: string; metric: string })[];
  events: Ref[];
  story: Ref | null;
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
}

export type PageView = FactView | EntityView | PartnershipView;

/** The outcome of a lookup: the view, a redirect to the canonical id, or not found with close ids. */
export type Loaded<V> = { view: V } | { redirect: string } | { missing: string[] };

/** The text in `lang`, or English (and says so). */
export function pick(value: Localized, lang: Lang): Text {
  const hit = value[lang];
  return hit ? { value: hit, lang } : { value: value.en, lang: "en" };
}

const withLang = (url: string, lang: Lang) => (lang === "en" ? url : `${url}?lang=${lang}`);

function common<K extends PageKind>(c: Context<AppEnv>, kind: K, id: string) {
  const lang = c.get("lang");
  const base = origin(c);
  const link = permalink(c, kind, id);
  const canonical = withLang(link, lang);
  return {
    kind,
    id,
    lang,
    origin: base,
    release: c.get("release").version,
    permalink: link,
    canonical,
    json: withLang(`${base}/v1/${kind}/${id}`, lang),
    oembed: `${base}/oembed?url=${encodeURIComponent(canonical)}&format=json`,
    alternates: LANGS.map((l) => ({ lang: l, href: withLang(link, l) })),
  };
}

function sourceView(s: SourceOut, lang: Lang): SourceView {
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
  };
}

/** Presented sources by id, in the order asked (loadSources sorts by id; citations keep their order). */
async function sourcesById(c: Context<AppEnv>, ids: string[]) {
  const loaded = await loadSources(c, ids);
  return new Map(loaded.map((s) => [s.id, s]));
}

const inOrder = (map: Map<string, SourceOut>, ids: readonly string[]) =>
  [...new Set(ids)].map((id) => map.get(id)).filter((s): s is SourceOut => s !== undefined);

/** "Apple, Alibaba Group" → the sources' plain citation without the statement and the link. */
export function sourcesLine(citation: Citation): string {
  return citation.sources.map((s) => `${s.publisher}${s.author ? `, ${s.author}` : ""} (${s.date})`).join("; ");
}

const pageHref = (base: string, kind: PageKind, id: string, lang: Lang) => withLang(`${base}/${kind}/${id}`, lang);

export async function loadFactView(c: Context<AppEnv>, id: string): Promise<Loaded<FactView>> {
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await getFact(db, release, id);
  if (!row) return { missing: closest(id, await allFactIds(db, release)) };
  const base = common(c, "facts", id);
  const lang = base.lang;
  const [ents, links, cites, story] = await Promise.all([
    entitiesOfFacts(db, release, [id]),
    linksOfFacts(db, release, [id]),
    citationsOf(db, release, "fact", [id]),
    getStory(db, release, row.storyId),
  ]);
  const figureIds = links.filter((l) => l.kind === "figure").map((l) => l.targetId);
  const eventIds = links.filter((l) => l.kind === "event").map((l) => l.targetId);
  const sourceIds = cites.get(id) ?? [];
  const [figures, events, sourceMap] = await Promise.all([
    figureIds.length ? figuresByIds(db, release, figureIds) : Promise.resolve([]),
    eventsByIds(db, release, eventIds),
    sourcesById(c, sourceIds),
  ]);
  const sources = inOrder(sourceMap, sourceIds);
  const statement = pick(row.text, lang);
  const citation = citationOf(c, statement.value, base.permalink, sources);
  return {
    view: {
      ...base,
      statement,
      title: statement.value,
      description: `${LABELS[lang].factStatus[row.status]} — ${sourcesLine(citation)}`,
      citation,
      sources: sources.map((s) => sourceView(s, lang)),
      status: row.status,
      topic: row.topic,
      quote: row.quote,
      entities: ents.map((e) => ({
        id: e.id,
        type: e.type,
        label: pick(e.name, lang),
        href: pageHref(base.origin, "entities", e.id, lang),
      })),
      figures: figures.map((f) => ({
        id: f.id,
        label: pick(f.display, lang),
        href: withLang(`${base.origin}/v1/figures/${f.id}`, lang),
        value: f.value,
        unit: f.unit,
        display: pick(f.display, lang).value,
        metric: f.metric,
        note: pick(f.subjectName, lang).value,
      })),
      events: events.map((e) => ({
        id: e.id,
        label: pick(e.title, lang),
        href: withLang(`${base.origin}/v1/events/${e.id}`, lang),
        note: e.date,
      })),
      story: story
        ? {
            id: story.id,
            label: pick(story.headline, lang),
            href: withLang(`${base.origin}/v1/stories/${story.id}`, lang),
          }
        : null,
    },
  };
}

export async function loadEntityView(c: Context<AppEnv>, id: string): Promise<Loaded<EntityView>> {
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await getEntity(db, release, id);
  if (!row) {
    const canonical = await resolveEntityAlias(db, release, id);
    if (canonical) return { redirect: canonical };
    return { missing: await closeEntityIds(db, release, id) };
  }
  const base = common(c, "entities", id);
  const lang = base.lang;
  const [names, stories, relations, facts, partnerships] = await Promise.all([
    namesOf(db, release, [id]),
    storiesOf(db, release, [id]),
    relationsOf(db, release, id),
    listFacts(db, release, { entity: id, cursor: null, limit: 100 }),
    listPartnerships(db, release, { party: id, cursor: null, limit: 100 }),
  ]);
  const storyIds = stories.map((s) => s.storyId).sort();
  const partyIds = [...new Set(partnerships.flatMap((p) => [p.partyA, p.partyB]))];
  const [storyCites, parties] = await Promise.all([
    citationsOf(db, release, "story", storyIds),
    entitiesByIds(db, release, partyIds),
  ]);
  // An entity is described from the stories it appears in: it is cited by their sources.
  const sourceIds = [...new Set(storyIds.flatMap((s) => storyCites.get(s) ?? []))].slice(0, 20);
  const sources = inOrder(await sourcesById(c, sourceIds), sourceIds);
  const name = pick(row.name, lang);
  const description = pick(row.description, lang);
  const statement: Text = { value: `${name.value}: ${description.value}`, lang: description.lang };
  const citation = citationOf(c, statement.value, base.permalink, sources);
  const partyName = new Map(parties.map((p) => [p.id, pick(p.name, lang).value]));
  const L = LABELS[lang];
  const self: Ref = { id, label: name, href: pageHref(base.origin, "entities", id, lang) };
  return {
    view: {
      ...base,
      statement,
      title: name.value,
      description: description.value,
      citation,
      sources: sources.map((s) => sourceView(s, lang)),
      type: row.type,
      name,
      descriptionText: description,
      names: LANGS.flatMap((l) => (row.name[l] ? [{ lang: l, text: row.name[l] as string }] : [])),
      aliases: names.filter((n) => n.isAlias).map((n) => ({ text: n.text, lang: n.lang, note: n.note })),
      url: row.url,
      relations: relations.map((r) => {
        const other: Ref = {
          id: r.subjectId === id ? r.objectId : r.subjectId,
          label: pick(r.otherName, lang),
          href: pageHref(base.origin, "entities", r.subjectId === id ? r.objectId : r.subjectId, lang),
        };
        return r.subjectId === id
          ? { subject: self, type: r.type, object: other, self: "subject" as const }
          : { subject: other, type: r.type, object: self, self: "object" as const };
      }),
      facts: facts.slice(0, 100).map((f) => ({
        id: f.id,
        label: pick(f.text, lang),
        href: pageHref(base.origin, "facts", f.id, lang),
        note: L.factStatus[f.status],
      })),
      partnerships: partnerships.slice(0, 100).map((p) => ({
        id: p.id,
        label: {
          value: `${partyName.get(p.partyA) ?? p.partyA} × ${partyName.get(p.partyB) ?? p.partyB}: ${pick(p.subject, lang).value}`,
          lang: pick(p.subject, lang).lang,
        },
        href: pageHref(base.origin, "partnerships", p.id, lang),
        note: L.partnershipStatus[p.status],
      })),
    },
  };
}

export async function loadPartnershipView(c: Context<AppEnv>, id: string): Promise<Loaded<PartnershipView>> {
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await getPartnership(db, release, id);
  if (!row) return { missing: closest(id, await partnershipIds(db, release)) };
  const base = common(c, "partnerships", id);
  const lang = base.lang;
  const [parties, history, reasons, cites, events] = await Promise.all([
    entitiesByIds(db, release, [row.partyA, row.partyB]),
    historyOf(db, release, [id]),
    reasonsOf(db, release, [id]),
    citationsOf(db, release, "partnership", [id]),
    eventsOfPartnerships(db, release, [id]),
  ]);
  const [historyCites, reasonCites] = await Promise.all([
    citationsOf(
      db,
      release,
      "history",
      history.map((h) => `${id}#${h.seq}`),
    ),
    citationsOf(
      db,
      release,
      "reason",
      reasons.map((r) => `${id}#${r.seq}`),
    ),
  ]);
  const own = cites.get(id) ?? [];
  const all = [...own, ...[...historyCites.values()].flat(), ...[...reasonCites.values()].flat()];
  const sourceMap = await sourcesById(c, all);
  const views = (ids: readonly string[]) => inOrder(sourceMap, ids).map((s) => sourceView(s, lang));
  const sources = inOrder(sourceMap, own);
  const party = (pid: string): Ref => {
    const e = parties.find((p) => p.id === pid);
    return {
      id: pid,
      label: e ? pick(e.name, lang) : { value: pid, lang },
      href: pageHref(base.origin, "entities", pid, lang),
    };
  };
  const L = LABELS[lang];
  const parts: [Ref, Ref] = [party(row.partyA), party(row.partyB)];
  const subject = pick(row.subject, lang);
  const summary = pick(row.summary, lang);
  const statement: Text = {
    value: `${parts[0].label.value} × ${parts[1].label.value}: ${subject.value} — ${L.partnershipStatus[row.status]}`,
    lang,
  };
  const citation = citationOf(c, statement.value, base.permalink, sources);
  return {
    view: {
      ...base,
      statement,
      title: statement.value,
      description: summary.value,
      citation,
      sources: sources.map((s) => sourceView(s, lang)),
      parties: parts,
      subject,
      status: row.status,
      summary,
      history: history.map((h) => ({
        status: h.status,
        date: h.date,
        note: pick(h.note, lang),
        sources: views(historyCites.get(`${id}#${h.seq}`) ?? []),
      })),
      reasons: reasons.map((r) => ({
        text: pick(r.text, lang),
        basis: r.basis,
        sources: views(reasonCites.get(`${id}#${r.seq}`) ?? []),
      })),
      events: events.map((e) => ({
        id: e.id,
        label: pick(e.title, lang),
        href: withLang(`${base.origin}/v1/events/${e.id}`, lang),
        note: e.date,
      })),
    },
  };
}

export function loadView(c: Context<AppEnv>, kind: PageKind, id: string): Promise<Loaded<PageView>> {
  return kind === "facts"
    ? loadFactView(c, id)
    : kind === "entities"
      ? loadEntityView(c, id)
      : loadPartnershipView(c, id);
}
