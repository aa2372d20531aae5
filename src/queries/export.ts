/**
 * A release's records in the curated file format, read from D1 a page at a time: the export and llms-full.txt
 * stream them (src/lib/streamed.ts), llms.txt reads the first pages. A page is a few keyed queries (its records,
 * then their child rows and citations by the page's ids), whatever the size of the release, so memory is bounded
 * by the page, never by the release.
 */
import { type AnyColumn, and, asc, eq, gt, type SQL } from "drizzle-orm";
import * as t from "../../schema";
import type { Dataset, DatasetKind } from "../dataset/schema";
import { type Db, inIds } from "./common";

/**
 * Which records of a kind a page holds, in id order: the next `limit` after the id `after`; those with these
 * ids; or those of these stories (an entity belongs to every story that lists it).
 */
export type Selection = { after: string | null; limit: number } | { ids: string[] } | { stories: string[] };

/** Records per page when streaming a whole kind: a few hundred KB of rows at most. */
export const PAGE_SIZE = 500;

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
const group = <R, K>(rows: R[], key: (r: R) => K) => {
  const m = new Map<K, R[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
};

/** A copy without the texts publishing derives (`zh-Hant`): the export is the dataset as `data/` holds it. */
export function asWritten<T>(value: T): T {
  if (Array.isArray(value)) return value.map(asWritten) as T;
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (k === "zh-Hant" ? [] : [[k, asWritten(v)]])),
  ) as T;
}

type Main = { release: AnyColumn; id: AnyColumn; storyId?: AnyColumn };

/** The condition and row limit of a selection over a table with `release`, `id` (and `story_id`). */
function selecting(table: Main, release: string, sel: Selection): { where: SQL; limit?: number } {
  const own = eq(table.release, release);
  if ("ids" in sel) return { where: and(own, inIds(table.id, sel.ids)) as SQL };
  if ("stories" in sel) {
    if (!table.storyId) throw new Error("this kind is not selected by story");
    return { where: and(own, inIds(table.storyId, sel.stories)) as SQL };
  }
  return { where: (sel.after === null ? own : and(own, gt(table.id, sel.after))) as SQL, limit: sel.limit };
}

/** The sources cited by each record of a citation kind, in citation order ("kind/id" → source ids). */
async function citationsOf(db: Db, release: string, kind: string, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ recordId: t.citations.recordId, sourceId: t.citations.sourceId })
    .from(t.citations)
    .where(and(eq(t.citations.release, release), eq(t.citations.recordKind, kind), inIds(t.citations.recordId, ids)))
    .orderBy(asc(t.citations.seq));
  for (const r of rows) {
    const list = out.get(r.recordId);
    if (list) list.push(r.sourceId);
    else out.set(r.recordId, [r.sourceId]);
  }
  return out;
}

const dated = (r: {
  date: string;
  dateCertainty: (typeof t.stories.$inferSelect)["dateCertainty"];
  datePhrase: string | null;
}) => ({
  date: r.date,
  certainty: r.dateCertainty,
  ...(r.datePhrase ? { phrase: r.datePhrase } : {}),
});

async function stories(db: Db, release: string, sel: Selection): Promise<Dataset["stories"]> {
  const s = "stories" in sel ? { ids: sel.stories } : sel;
  const { where, limit } = selecting(t.stories, release, s);
  const rows = await db
    .select()
    .from(t.stories)
    .where(where)
    .orderBy(asc(t.stories.id))
    .limit(limit ?? -1);
  const ids = rows.map((r) => r.id);
  const [links, cites] = await Promise.all([
    db
      .select()
      .from(t.storySources)
      .where(and(eq(t.storySources.release, release), inIds(t.storySources.storyId, ids))),
    citationsOf(db, release, "story", ids),
  ]);
  const linked = group(links, (r) => r.storyId);
  return rows.map((s) => {
    const cited = cites.get(s.id) ?? [];
    return {
      id: s.id,
      headline: s.headline,
      summary: s.summary,
      ...dated(s),
      sources: cited.length ? cited : (linked.get(s.id) ?? []).map((r) => r.sourceId),
    };
  });
}

async function entities(db: Db, release: string, sel: Selection): Promise<Dataset["entities"]> {
  let s: Selection = sel;
  if ("stories" in sel) {
    const of = await db
      .selectDistinct({ id: t.entityStories.entityId })
      .from(t.entityStories)
      .where(and(eq(t.entityStories.release, release), inIds(t.entityStories.storyId, sel.stories)));
    s = { ids: of.map((r) => r.id) };
  }
  const { where, limit } = selecting(t.entities, release, s);
  const rows = await db
    .select()
    .from(t.entities)
    .where(where)
    .orderBy(asc(t.entities.id))
    .limit(limit ?? -1);
  const ids = rows.map((r) => r.id);
  const [names, redirects, storyLinks, relations] = await Promise.all([
    db
      .select()
      .from(t.entityNames)
      .where(and(eq(t.entityNames.release, release), inIds(t.entityNames.entityId, ids)))
      .orderBy(asc(t.entityNames.entityId), asc(t.entityNames.seq)),
    db
      .select()
      .from(t.entityRedirects)
      .where(and(eq(t.entityRedirects.release, release), inIds(t.entityRedirects.toId, ids)))
      .orderBy(asc(t.entityRedirects.fromId)),
    db
      .select()
      .from(t.entityStories)
      .where(and(eq(t.entityStories.release, release), inIds(t.entityStories.entityId, ids)))
      .orderBy(asc(t.entityStories.storyId)),
    db
      .select()
      .from(t.entityRelations)
      .where(and(eq(t.entityRelations.release, release), inIds(t.entityRelations.subjectId, ids)))
      .orderBy(asc(t.entityRelations.subjectId), asc(t.entityRelations.seq)),
  ]);
  const relationId = (r: (typeof relations)[number]) => `${r.subjectId}|${r.type}|${r.objectId}`;
  const cites = await citationsOf(db, release, "relation", relations.map(relationId));
  const namesOf = group(names, (r) => r.entityId);
  const redirectsOf = group(redirects, (r) => r.toId);
  const storiesOf = group(storyLinks, (r) => r.entityId);
  const relationsOf = group(relations, (r) => r.subjectId);
  return rows.map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: (namesOf.get(e.id) ?? [])
      .filter((n) => n.isAlias)
      .map((n) => ({
        text: n.text,
        lang: n.lang as "en",
        ...(n.note ? { note: n.note } : {}),
        ...(n.mistranslation ? { mistranslation: true } : {}),
      })),
    description: e.description,
    former_ids: (redirectsOf.get(e.id) ?? []).map((r) => r.fromId),
    stories: (storiesOf.get(e.id) ?? []).map((r) => r.storyId),
    relations: (relationsOf.get(e.id) ?? []).map((r) => {
      const cited = cites.get(relationId(r)) ?? [];
      return {
        type: r.type,
        target: r.objectId,
        ...(r.note ? { note: r.note } : {}),
        ...(cited.length ? { sources: cited } : {}),
      };
    }),
    ...(e.url ? { url: e.url } : {}),
  }));
}

async function sources(db: Db, release: string, sel: Selection): Promise<Dataset["sources"]> {
  if ("stories" in sel) throw new Error("sources are not selected by story");
  const { where, limit } = selecting(t.sources, release, sel);
  const rows = await db
    .select()
    .from(t.sources)
    .where(where)
    .orderBy(asc(t.sources.id))
    .limit(limit ?? -1);
  return rows.map((s) => ({
    id: s.id,
    kind: s.kind,
    title: s.title,
    publisher: s.publisherId,
    ...(s.author ? { author: s.author } : {}),
    ...dated(s),
    language: s.language as "en",
    ...(s.url ? { url: s.url } : {}),
    ...(s.viaId ? { via: s.viaId } : {}),
    ...(s.description ? { description: s.description } : {}),
  }));
}

async function figures(db: Db, release: string, sel: Selection): Promise<Dataset["figures"]> {
  const { where, limit } = selecting(t.figures, release, sel);
  const rows = await db
    .select()
    .from(t.figures)
    .where(where)
    .orderBy(asc(t.figures.id))
    .limit(limit ?? -1);
  const ids = rows.map((r) => r.id);
  const [inputs, cites] = await Promise.all([
    db
      .select()
      .from(t.figureInputs)
      .where(and(eq(t.figureInputs.release, release), inIds(t.figureInputs.figureId, ids)))
      .orderBy(asc(t.figureInputs.name)),
    citationsOf(db, release, "figure", ids),
  ]);
  const inputsOf = group(inputs, (r) => r.figureId);
  return rows.map((f) => ({
    id: f.id,
    story: f.storyId,
    metric: f.metric,
    subject: f.subjectId,
    value: f.value,
    unit: f.unit,
    display: f.display,
    kind: f.kind,
    conditions: {
      ...(f.deviceId ? { device: f.deviceId } : {}),
      ...(f.precision ? { precision: f.precision } : {}),
      ...(f.scope ? { scope: f.scope } : {}),
    },
    as_of: f.asOf,
    as_of_certainty: f.asOfCertainty,
    sources: cites.get(f.id) ?? [],
    quote: f.quote,
    ...(f.formula
      ? {
          derivation: {
            formula: f.formula,
            inputs: Object.fromEntries((inputsOf.get(f.id) ?? []).map((i) => [i.name, i.inputId])),
            tolerance: f.tolerance ?? 0,
          },
        }
      : {}),
    ...(f.note ? { note: opt(f.note) } : {}),
  }));
}

async function budgets(db: Db, release: string, sel: Selection): Promise<Dataset["budgets"]> {
  const { where, limit } = selecting(t.budgets, release, sel);
  const rows = await db
    .select()
    .from(t.budgets)
    .where(where)
    .orderBy(asc(t.budgets.id))
    .limit(limit ?? -1);
  const ids = rows.map((r) => r.id);
  const [limits, cites] = await Promise.all([
    db
      .select()
      .from(t.budgetLimits)
      .where(and(eq(t.budgetLimits.release, release), inIds(t.budgetLimits.budgetId, ids)))
      .orderBy(asc(t.budgetLimits.seq)),
    citationsOf(db, release, "budget", ids),
  ]);
  const limitsOf = group(limits, (r) => r.budgetId);
  return rows.map((b) => ({
    id: b.id,
    story: b.storyId,
    name: b.name,
    description: b.description,
    owner: b.ownerId,
    applies_to: b.appliesToId,
    limits: (limitsOf.get(b.id) ?? []).map((l) => ({ metric: l.metric, max: l.max, unit: l.unit, figure: l.figureId })),
    sources: cites.get(b.id) ?? [],
  }));
}

async function partnerships(db: Db, release: string, sel: Selection): Promise<Dataset["partnerships"]> {
  const { where, limit } = selecting(t.partnerships, release, sel);
  const rows = await db
    .select()
    .from(t.partnerships)
    .where(where)
    .orderBy(asc(t.partnerships.id))
    .limit(limit ?? -1);
  const ids = rows.map((r) => r.id);
  const [history, reasons, cites] = await Promise.all([
    db
      .select()
      .from(t.partnershipHistory)
      .where(and(eq(t.partnershipHistory.release, release), inIds(t.partnershipHistory.partnershipId, ids)))
      .orderBy(asc(t.partnershipHistory.seq)),
    db
      .select()
      .from(t.partnershipReasons)
      .where(and(eq(t.partnershipReasons.release, release), inIds(t.partnershipReasons.partnershipId, ids)))
      .orderBy(asc(t.partnershipReasons.seq)),
    citationsOf(db, release, "partnership", ids),
  ]);
  const [historyCites, reasonCites] = await Promise.all([
    citationsOf(
      db,
      release,
      "history",
      history.map((h) => `${h.partnershipId}#${h.seq}`),
    ),
    citationsOf(
      db,
      release,
      "reason",
      reasons.map((r) => `${r.partnershipId}#${r.seq}`),
    ),
  ]);
  const historyOf = group(history, (r) => r.partnershipId);
  const reasonsOf = group(reasons, (r) => r.partnershipId);
  return rows.map((p) => ({
    id: p.id,
    story: p.storyId,
    parties: [p.partyA, p.partyB] as [string, string],
    subject: p.subject,
    status: p.status,
    summary: p.summary,
    history: (historyOf.get(p.id) ?? []).map((h) => ({
      status: h.status,
      ...dated(h),
      note: h.note,
      sources: historyCites.get(`${p.id}#${h.seq}`) ?? [],
    })),
    reasons: (reasonsOf.get(p.id) ?? []).map((r) => ({
      text: r.text,
      basis: r.basis,
      sources: reasonCites.get(`${p.id}#${r.seq}`) ?? [],
    })),
    sources: cites.get(p.id) ?? [],
  }));
}

async function events(db: Db, release: string, sel: Selection): Promise<Dataset["events"]> {
  const { where, limit } = selecting(t.events, release, sel);
  const rows = await db
    .select()
    .from(t.events)
    .where(where)
    .orderBy(asc(t.events.id))
    .limit(limit ?? -1);
  const ids = rows.map((r) => r.id);
  const [participants, cites] = await Promise.all([
    db
      .select()
      .from(t.eventParticipants)
      .where(and(eq(t.eventParticipants.release, release), inIds(t.eventParticipants.eventId, ids)))
      .orderBy(asc(t.eventParticipants.seq)),
    citationsOf(db, release, "event", ids),
  ]);
  const participantsOf = group(participants, (r) => r.eventId);
  return rows.map((e) => ({
    id: e.id,
    story: e.storyId,
    ...dated(e),
    title: e.title,
    description: e.description,
    participants: (participantsOf.get(e.id) ?? []).map((r) => r.entityId),
    ...(e.partnershipId ? { partnership: e.partnershipId } : {}),
    sources: cites.get(e.id) ?? [],
    quote: e.quote,
  }));
}

async function facts(db: Db, release: string, sel: Selection): Promise<Dataset["facts"]> {
  const { where, limit } = selecting(t.facts, release, sel);
  const rows = await db
    .select()
    .from(t.facts)
    .where(where)
    .orderBy(asc(t.facts.id))
    .limit(limit ?? -1);
  const ids = rows.map((r) => r.id);
  const targets = (table: typeof t.factEntities | typeof t.factFigures | typeof t.factEvents) =>
    db
      .select()
      .from(table)
      .where(and(eq(table.release, release), inIds(table.factId, ids)))
      .orderBy(asc(table.seq));
  const [entityLinks, figureLinks, eventLinks, cites] = await Promise.all([
    targets(t.factEntities),
    targets(t.factFigures),
    targets(t.factEvents),
    citationsOf(db, release, "fact", ids),
  ]);
  const entitiesOf = group(entityLinks, (r) => r.factId);
  const figuresOf = group(figureLinks, (r) => r.factId);
  const eventsOf = group(eventLinks, (r) => r.factId);
  return rows.map((f) => ({
    id: f.id,
    story: f.storyId,
    text: f.text,
    topic: f.topic,
    status: f.status,
    entities: (entitiesOf.get(f.id) ?? []).map((r) => r.targetId),
    figures: (figuresOf.get(f.id) ?? []).map((r) => r.targetId),
    events: (eventsOf.get(f.id) ?? []).map((r) => r.targetId),
    sources: cites.get(f.id) ?? [],
    quote: f.quote,
  }));
}

const LOADERS: { [K in DatasetKind]: (db: Db, release: string, sel: Selection) => Promise<Dataset[K]> } = {
  stories,
  entities,
  sources,
  figures,
  budgets,
  partnerships,
  events,
  facts,
};

/** The records of a kind a selection holds, in id order. */
export function datasetPage<K extends DatasetKind>(
  db: Db,
  release: string,
  kind: K,
  sel: Selection,
): Promise<Dataset[K]> {
  if ("ids" in sel && sel.ids.length === 0) return Promise.resolve([] as unknown as Dataset[K]);
  if ("stories" in sel && sel.stories.length === 0) return Promise.resolve([] as unknown as Dataset[K]);
  return LOADERS[kind](db, release, sel);
}

/** Every record of a kind, a page at a time, in id order. */
export async function* datasetPages<K extends DatasetKind>(
  db: Db,
  release: string,
  kind: K,
  size = PAGE_SIZE,
): AsyncGenerator<Dataset[K]> {
  let after: string | null = null;
  for (;;) {
    const page: Dataset[K] = await datasetPage(db, release, kind, { after, limit: size });
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = (page[page.length - 1] as { id: string }).id;
  }
}
