/**
 * Rebuilds a release's whole dataset, in the curated file format, from D1: the export, llms-full.txt and the
 * change feed read it. A fixed number of queries (one per table), whatever the size of the release.
 */
import { type AnyColumn, asc, eq } from "drizzle-orm";
import * as t from "../../schema";
import type { Dataset, Localized } from "../dataset/schema";
import type { Db } from "./common";

type Cites = Map<string, string[]>;

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
const group = <R, K>(rows: R[], key: (r: R) => K) => {
  const m = new Map<K, R[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

/** A copy without the texts publishing derives (`zh-Hant`): the export is the dataset as `data/` holds it. */
function asWritten<T>(value: T): T {
  if (Array.isArray(value)) return value.map(asWritten) as T;
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (k === "zh-Hant" ? [] : [[k, asWritten(v)]])),
  ) as T;
}

export async function releaseDataset(db: Db, release: string): Promise<Dataset> {
  return asWritten(await servedDataset(db, release));
}

/** The release's records as stored, with the texts publishing derives (`zh-Hant`): what llms-full.txt renders. */
export async function servedDataset(db: Db, release: string): Promise<Dataset> {
  const where = <T extends { release: AnyColumn }>(table: T) => eq(table.release, release);
  const [
    stories,
    storySources,
    entities,
    names,
    redirects,
    entityStories,
    relations,
    sources,
    figures,
    inputs,
    budgets,
    limits,
    partnerships,
    history,
    reasons,
    events,
    participants,
    facts,
    factEntities,
    factFigures,
    factEvents,
    citations,
  ] = await Promise.all([
    db.select().from(t.stories).where(where(t.stories)).orderBy(asc(t.stories.id)),
    db.select().from(t.storySources).where(where(t.storySources)),
    db.select().from(t.entities).where(where(t.entities)).orderBy(asc(t.entities.id)),
    db
      .select()
      .from(t.entityNames)
      .where(where(t.entityNames))
      .orderBy(asc(t.entityNames.entityId), asc(t.entityNames.seq)),
    db.select().from(t.entityRedirects).where(where(t.entityRedirects)).orderBy(asc(t.entityRedirects.fromId)),
    db.select().from(t.entityStories).where(where(t.entityStories)).orderBy(asc(t.entityStories.storyId)),
    db
      .select()
      .from(t.entityRelations)
      .where(where(t.entityRelations))
      .orderBy(asc(t.entityRelations.subjectId), asc(t.entityRelations.seq)),
    db.select().from(t.sources).where(where(t.sources)).orderBy(asc(t.sources.id)),
    db.select().from(t.figures).where(where(t.figures)).orderBy(asc(t.figures.id)),
    db.select().from(t.figureInputs).where(where(t.figureInputs)).orderBy(asc(t.figureInputs.name)),
    db.select().from(t.budgets).where(where(t.budgets)).orderBy(asc(t.budgets.id)),
    db.select().from(t.budgetLimits).where(where(t.budgetLimits)).orderBy(asc(t.budgetLimits.seq)),
    db.select().from(t.partnerships).where(where(t.partnerships)).orderBy(asc(t.partnerships.id)),
    db.select().from(t.partnershipHistory).where(where(t.partnershipHistory)).orderBy(asc(t.partnershipHistory.seq)),
    db.select().from(t.partnershipReasons).where(where(t.partnershipReasons)).orderBy(asc(t.partnershipReasons.seq)),
    db.select().from(t.events).where(where(t.events)).orderBy(asc(t.events.id)),
    db.select().from(t.eventParticipants).where(where(t.eventParticipants)).orderBy(asc(t.eventParticipants.seq)),
    db.select().from(t.facts).where(where(t.facts)).orderBy(asc(t.facts.id)),
    db.select().from(t.factEntities).where(where(t.factEntities)).orderBy(asc(t.factEntities.seq)),
    db.select().from(t.factFigures).where(where(t.factFigures)).orderBy(asc(t.factFigures.seq)),
    db.select().from(t.factEvents).where(where(t.factEvents)).orderBy(asc(t.factEvents.seq)),
    db.select().from(t.citations).where(where(t.citations)).orderBy(asc(t.citations.seq)),
  ]);

  const cites: Cites = new Map();
  for (const c of citations) {
    const key = `${c.recordKind}/${c.recordId}`;
    cites.set(key, [...(cites.get(key) ?? []), c.sourceId]);
  }
  const src = (kind: string, id: string) => cites.get(`${kind}/${id}`) ?? [];
  const storySrc = group(storySources, (r) => r.storyId);
  const namesOf = group(names, (r) => r.entityId);
  const redirectsOf = group(redirects, (r) => r.toId);
  const storiesOf = group(entityStories, (r) => r.entityId);
  const relationsOf = group(relations, (r) => r.subjectId);
  const inputsOf = group(inputs, (r) => r.figureId);
  const limitsOf = group(limits, (r) => r.budgetId);
  const historyOf = group(history, (r) => r.partnershipId);
  const reasonsOf = group(reasons, (r) => r.partnershipId);
  const participantsOf = group(participants, (r) => r.eventId);
  const entitiesOf = group(factEntities, (r) => r.factId);
  const figuresOf = group(factFigures, (r) => r.factId);
  const eventsOf = group(factEvents, (r) => r.factId);
  const dated = (r: {
    date: string;
    dateCertainty: (typeof t.stories.$inferSelect)["dateCertainty"];
    datePhrase: string | null;
  }) => ({
    date: r.date,
    certainty: r.dateCertainty,
    ...(r.datePhrase ? { phrase: r.datePhrase } : {}),
  });
  const loc = (l: Localized | null) => opt(l);

  return {
    stories: stories.map((s) => {
      const cited = src("story", s.id);
      return {
        id: s.id,
        headline: s.headline,
        summary: s.summary,
        ...dated(s),
        sources: cited.length ? cited : (storySrc.get(s.id) ?? []).map((r) => r.sourceId),
      };
    }),
    entities: entities.map((e) => {
      const all = namesOf.get(e.id) ?? [];
      return {
        id: e.id,
        type: e.type,
        name: e.name,
        aliases: all
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
          const cited = src("relation", `${r.subjectId}|${r.type}|${r.objectId}`);
          return {
            type: r.type,
            target: r.objectId,
            ...(r.note ? { note: r.note } : {}),
            ...(cited.length ? { sources: cited } : {}),
          };
        }),
        ...(e.url ? { url: e.url } : {}),
      };
    }),
    sources: sources.map((s) => ({
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
    })),
    figures: figures.map((f) => {
      const ins = inputsOf.get(f.id) ?? [];
      return {
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
        sources: src("figure", f.id),
        quote: f.quote,
        ...(f.formula
          ? {
              derivation: {
                formula: f.formula,
                inputs: Object.fromEntries(ins.map((i) => [i.name, i.inputId])),
                tolerance: f.tolerance ?? 0,
              },
            }
          : {}),
        ...(f.note ? { note: loc(f.note) } : {}),
      };
    }),
    budgets: budgets.map((b) => ({
      id: b.id,
      story: b.storyId,
      name: b.name,
      description: b.description,
      owner: b.ownerId,
      applies_to: b.appliesToId,
      limits: (limitsOf.get(b.id) ?? []).map((l) => ({
        metric: l.metric,
        max: l.max,
        unit: l.unit,
        figure: l.figureId,
      })),
      sources: src("budget", b.id),
    })),
    partnerships: partnerships.map((p) => ({
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
        sources: src("history", `${p.id}#${h.seq}`),
      })),
      reasons: (reasonsOf.get(p.id) ?? []).map((r) => ({
        text: r.text,
        basis: r.basis,
        sources: src("reason", `${p.id}#${r.seq}`),
      })),
      sources: src("partnership", p.id),
    })),
    events: events.map((e) => ({
      id: e.id,
      story: e.storyId,
      ...dated(e),
      title: e.title,
      description: e.description,
      participants: (participantsOf.get(e.id) ?? []).map((r) => r.entityId),
      ...(e.partnershipId ? { partnership: e.partnershipId } : {}),
      sources: src("event", e.id),
      quote: e.quote,
    })),
    facts: facts.map((f) => ({
      id: f.id,
      story: f.storyId,
      text: f.text,
      topic: f.topic,
      status: f.status,
      entities: (entitiesOf.get(f.id) ?? []).map((r) => r.targetId),
      figures: (figuresOf.get(f.id) ?? []).map((r) => r.targetId),
      events: (eventsOf.get(f.id) ?? []).map((r) => r.targetId),
      sources: src("fact", f.id),
      quote: f.quote,
    })),
  };
}
