/**
 * A release's records, indexed in memory in the shapes the composers work on: what the normalized tables
 * hold, joined (a figure with its subject's and device's name and type, a source with its publisher's…).
 * Built once per publish from the validated dataset.
 */
import type { Dataset, Entity, Localized } from "../dataset/schema";

type Precision = "year" | "month" | "day";
export const precisionOf = (date: string): Precision =>
  date.length === 4 ? "year" : date.length === 7 ? "month" : "day";

const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
const idOrder = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** SQLite's default (binary) order of text, which the normalized tables' ORDER BY gave. */
export const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every record's cited sources, in citation order and without repeats, as (record kind, record id, source ids):
 * relations are "subject|type|object", partnership history steps and reasons "partnership#n". The one
 * definition of what a record cites, for the composers and for the citations table.
 */
export function citationLists(d: Dataset): [string, string, string[]][] {
  const out: [string, string, string[]][] = [];
  const cite = (kind: string, id: string, list: readonly string[] | undefined) => {
    out.push([kind, id, [...new Set(list ?? [])]]);
  };
  for (const x of d.stories) cite("story", x.id, x.sources);
  for (const e of d.entities) for (const r of e.relations) cite("relation", `${e.id}|${r.type}|${r.target}`, r.sources);
  for (const x of d.figures) cite("figure", x.id, x.sources);
  for (const x of d.budgets) cite("budget", x.id, x.sources);
  for (const p of d.partnerships) {
    cite("partnership", p.id, p.sources);
    p.history.forEach((h, i) => {
      cite("history", `${p.id}#${i + 1}`, h.sources);
    });
    p.reasons.forEach((r, i) => {
      cite("reason", `${p.id}#${i + 1}`, r.sources);
    });
  }
  for (const x of d.events) cite("event", x.id, x.sources);
  for (const x of d.facts) cite("fact", x.id, x.sources);
  return out;
}

export interface RelationRow {
  subjectId: string;
  type: Entity["relations"][number]["type"];
  objectId: string;
  note: Localized | null;
}

export type FigureRow = ReturnType<ReleaseRows["figure"]>;
export type LimitRow = ReleaseRows["limits"] extends (id: string) => (infer R)[] ? R : never;

export class ReleaseRows {
  readonly entities: Map<string, Entity>;
  readonly sources;
  readonly figures;
  readonly budgets;
  readonly partnerships;
  readonly events;
  readonly facts;
  readonly stories;
  /** "kind|id" → source ids, in citation order, without repeats. */
  private readonly cites = new Map<string, string[]>();
  /** Indexes built once, so composing stays linear in the size of the release. */
  private readonly bySubject = new Map<string, Dataset["figures"]>();
  private readonly byPartnership = new Map<string, Dataset["events"]>();
  private readonly relationsByEntity = new Map<string, RelationRow[]>();
  private readonly factsByEntity = new Map<string, Dataset["facts"]>();
  private readonly partnershipsByParty = new Map<string, Dataset["partnerships"]>();
  private readonly modelsByStory = new Map<string, string[]>();

  /** `version`: the release being composed (pinned links name it). */
  constructor(
    readonly d: Dataset,
    readonly version = "",
  ) {
    this.entities = byId(d.entities);
    this.sources = byId(d.sources);
    this.figures = byId(d.figures);
    this.budgets = byId(d.budgets);
    this.partnerships = byId(d.partnerships);
    this.events = byId(d.events);
    this.facts = byId(d.facts);
    this.stories = byId(d.stories);
    for (const [kind, id, list] of citationLists(d)) if (list.length) this.cites.set(`${kind}|${id}`, list);
    const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const f of d.figures) push(this.bySubject, f.subject, f);
    for (const e of d.events) if (e.partnership) push(this.byPartnership, e.partnership, e);
    for (const s of d.entities) {
      for (const r of s.relations) {
        const row = { subjectId: s.id, type: r.type, objectId: r.target, note: r.note ?? null };
        push(this.relationsByEntity, s.id, row);
        if (r.target !== s.id) push(this.relationsByEntity, r.target, row);
      }
      if (s.type === "model") for (const story of new Set(s.stories)) push(this.modelsByStory, story, s.id);
    }
    for (const f of d.facts) for (const e of new Set(f.entities)) push(this.factsByEntity, e, f);
    for (const p of d.partnerships) for (const e of new Set(p.parties)) push(this.partnershipsByParty, e, p);
  }

  /** Relations in which the entity is subject or object (each once), in the curated order. */
  relationsOf(id: string): RelationRow[] {
    return this.relationsByEntity.get(id) ?? [];
  }

  /** The facts about an entity, by id. */
  factsAbout(id: string) {
    return [...(this.factsByEntity.get(id) ?? [])].sort(idOrder);
  }

  /** The partnerships an entity is a party to, by id. */
  partnershipsOf(id: string) {
    return [...(this.partnershipsByParty.get(id) ?? [])].sort(idOrder);
  }

  /** The model entities of a story, in file order. */
  modelsOf(story: string) {
    return this.modelsByStory.get(story) ?? [];
  }

  /** Source ids a record cites, in order. */
  citesOf(kind: string, id: string): string[] {
    return this.cites.get(`${kind}|${id}`) ?? [];
  }

  /** Source ids of each of the given records of one kind. */
  citeMap(kind: string, ids: Iterable<string>): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const id of ids) {
      const list = this.cites.get(`${kind}|${id}`);
      if (list) m.set(id, list);
    }
    return m;
  }

  entity(id: string): Entity {
    const e = this.entities.get(id);
    if (!e) throw new Error(`unknown entity ${id}`);
    return e;
  }

  /** Entities ordered by id (a sorted list of refs). */
  entitiesByIds(ids: Iterable<string>): Entity[] {
    return [...new Set(ids)].map((id) => this.entity(id)).sort(idOrder);
  }

  source(id: string) {
    const s = this.sources.get(id);
    if (!s) throw new Error(`unknown source ${id}`);
    const p = this.entity(s.publisher);
    return {
      id: s.id,
      kind: s.kind,
      title: s.title,
      publisherId: s.publisher,
      publisherName: p.name,
      publisherType: p.type,
      author: s.author ?? null,
      date: s.date,
      datePrecision: precisionOf(s.date),
      dateCertainty: s.certainty,
      datePhrase: s.phrase ?? null,
      language: s.language,
      url: s.url ?? null,
      viaId: s.via ?? null,
      description: (s.description ?? null) as Localized | null,
    };
  }

  figure(id: string) {
    const f = this.figures.get(id);
    if (!f) throw new Error(`unknown figure ${id}`);
    const subject = this.entity(f.subject);
    const device = f.conditions.device ? this.entity(f.conditions.device) : null;
    return {
      id: f.id,
      storyId: f.story,
      metric: f.metric,
      subjectId: f.subject,
      subjectType: subject.type,
      subjectName: subject.name,
      value: f.value,
      unit: f.unit,
      display: f.display,
      kind: f.kind,
      deviceId: f.conditions.device ?? null,
      deviceType: device?.type ?? null,
      deviceName: (device?.name ?? null) as Localized | null,
      precision: f.conditions.precision ?? null,
      scope: (f.conditions.scope ?? null) as Localized | null,
      asOf: f.as_of,
      asOfPrecision: precisionOf(f.as_of),
      asOfCertainty: f.as_of_certainty,
      quote: f.quote,
      formula: f.derivation?.formula ?? null,
      tolerance: f.derivation?.tolerance ?? null,
      note: (f.note ?? null) as Localized | null,
    };
  }

  /** The figures about one entity, by id. */
  figuresOfSubject(subject: string): FigureRow[] {
    return [...(this.bySubject.get(subject) ?? [])].sort(idOrder).map((f) => this.figure(f.id));
  }

  /** A derived figure's named inputs, by name, with each input's value and unit. */
  inputsOf(id: string) {
    const f = this.figures.get(id);
    return Object.entries(f?.derivation?.inputs ?? {})
      .sort(([a], [b]) => binary(a, b))
      .map(([name, inputId]) => {
        const input = this.figures.get(inputId);
        if (!input) throw new Error(`unknown figure ${inputId}`);
        return { figureId: id, name, inputId, value: input.value, unit: input.unit };
      });
  }

  /** A budget's limits, by metric. */
  limits(budgetId: string) {
    const b = this.budgets.get(budgetId);
    return (b?.limits ?? [])
      .map((l) => ({ budgetId, metric: l.metric, max: l.max, unit: l.unit, figureId: l.figure }))
      .sort((a, b) => binary(a.metric, b.metric));
  }

  /** Events of a partnership, by date then id. */
  eventsOfPartnership(id: string) {
    return [...(this.byPartnership.get(id) ?? [])].sort((a, b) => binary(a.date, b.date) || binary(a.id, b.id));
  }
}
