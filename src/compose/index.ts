/**
 * Composes a release: every record of every kind in every language, in its final representation, once, at
 * publish. These documents are what every surface serves; nothing else assembles a record.
 *
 * A document is stored per (kind, id, language) as the exact JSON bytes of the record with its links behind
 * ORIGIN (see links.ts), so a read serves them without parsing. Beside each: the sort key its collection is
 * ordered by, the ids `include=` embeds (refs), a detail form where the record's own URL answers more than
 * its list item (a partnership's events), and what other representations need (extra). What a document can be
 * built from others when served is not stored again: a fact's JSON-LD (from its document, its sources' and its
 * figures'), a permalink page's sources and citation (see pages.ts). Facet lists are the
 * records each value of a list filter matches, in the collection's order, cut into chunks (`facetLists`), so a
 * filtered page reads one or two chunks and then its documents by key.
 */
import { type Dataset, LANGS, type Lang, normalizeName } from "../dataset/schema";
import { composeBudget } from "./budgets";
import { budgetCheckPairs, checkKey, composeBudgetCheck } from "./budget-checks";
import { composeEntity, composeRelations } from "./entities";
import { composeEvent } from "./events";
import { composeFact } from "./facts";
import { composeFigure, figureEntityIds } from "./figures";
import { composePartnership, composePartnershipDetail } from "./partnerships";
import { composeEntityPage, composePartnershipPage } from "./pages";
import { ReleaseRows } from "./rows";
import { composeSource } from "./sources";
import { composeStory } from "./stories";

/** Document kinds: the record kinds (singular, as the change log names them) and the derived ones. */
export type DocKind =
  | "story"
  | "source"
  | "entity"
  | "relations"
  | "figure"
  | "budget"
  | "budget-check"
  | "partnership"
  | "event"
  | "fact"
  | "page";

/** Refs: what `include=` embeds, by kind of included record. */
export type Refs = Partial<Record<"sources" | "entities" | "figures", string[]>>;

export interface DocumentRow {
  kind: DocKind;
  id: string;
  /** A served language, or REDIRECT for a row that points an alias at its record. */
  lang: string;
  sort: string;
  body: string;
  /**
   * What the record's own URL answers beyond its list item: a partnership's events, as the JSON array of
   * `events`, the detail's last member (`detailOf` in src/queries/documents.ts splices it into the body). Releases
   * before LOADER_VERSION 10 stored the whole detail (a JSON object).
   */
  detail: string | null;
  refs: string | null;
  extra: string | null;
}

/** One chunk of a facet list: up to FACET_CHUNK entries, keyed by its last. */
export interface FacetListRow {
  kind: DocKind;
  facet: string;
  value: string;
  lastSort: string;
  lastId: string;
  /** JSON array in (sort, id) order: the id, or `[sort, id]` when the sort key is not the id. */
  entries: string;
}

/**
 * Entries per chunk of a facet list. At least the largest page plus one (101), so the one or two chunks after a
 * cursor always hold a whole page; D1 counts a chunk as one row read however long it is.
 *
 * Migrations 0007 and 0009 cut the lists of the releases before them with this number written in their SQL
 * (`n / 256`): a migration cannot import it, and an applied one never changes; test/rows-read.test.ts checks
 * that every migration cutting lists agrees.
 * The readers tell a list's last chunk by its being shorter than FACET_CHUNK (src/queries/documents.ts), so every
 * stored release must be cut with it: changing it takes a migration that cuts the stored lists again.
 */
export const FACET_CHUNK = 256;

/** The facet (and value) listing every record of a kind: what a date range alone pages through. */
export const ALL = "*";
/** The facet (value ALL) listing the entities no story lists. */
export const NO_STORY = "no-story";

/** Binary order of (sort, id), as SQLite compares them (the keys are ASCII: ids and dates). */
const byKey = (a: readonly [string, string], b: readonly [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/** A facet list's chunks, from its (sort, id) entries in any order. */
export function* facetListRows(kind: DocKind, facet: string, value: string, entries: [string, string][]) {
  const sorted = [...entries].sort(byKey);
  for (let i = 0; i < sorted.length; i += FACET_CHUNK) {
    const chunk = sorted.slice(i, i + FACET_CHUNK);
    const [lastSort, lastId] = chunk.at(-1) as [string, string];
    const row: FacetListRow = {
      kind,
      facet,
      value,
      lastSort,
      lastId,
      entries: json(chunk.map(([sort, id]) => (sort === id ? id : [sort, id]))),
    };
    yield row;
  }
}

/** The language of a redirect row: its body is the JSON list of the ids the key resolves to. */
export const REDIRECT = "*";

const json = (x: unknown) => JSON.stringify(x);
const refsOf = (r: Refs) => {
  const out: Refs = {};
  for (const [k, v] of Object.entries(r) as [keyof Refs, string[]][]) if (v.length) out[k] = [...new Set(v)];
  return Object.keys(out).length ? json(out) : null;
};

/** The keys an entity is found by in a path or filter: former ids first, then names and aliases. */
export function entityKeys(d: Dataset) {
  const former = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  for (const e of d.entities) {
    for (const f of e.former_ids) former.set(f, e.id);
    const names = [...Object.values(e.name), ...e.aliases.map((a) => a.text)];
    for (const n of names) {
      const norm = normalizeName(n);
      for (const key of new Set([norm, norm.replaceAll(" ", "-")])) {
        const set = byName.get(key) ?? new Set();
        set.add(e.id);
        byName.set(key, set);
      }
    }
  }
  return { former, byName };
}

/** One composed row, and the table it goes to. */
export type Composed = { table: "documents"; row: DocumentRow } | { table: "facet_lists"; row: FacetListRow };

/**
 * Every document and facet of release `version` (its pinned links name it), one record at a time: the caller
 * writes each away as it comes, so publishing holds one record's documents at a time, never the release's (at
 * 1,000× data that is 1.3 M documents, more than a Node heap holds as strings).
 */
export function* composeRelease(d: Dataset, version: string, langs: readonly Lang[] = LANGS): Generator<Composed> {
  const rows = new ReleaseRows(d, version);
  const out: Composed[] = [];
  const doc = (kind: DocKind, id: string, lang: string, body: unknown, more: Partial<DocumentRow> = {}) =>
    out.push({
      table: "documents",
      row: { kind, id, lang, sort: id, body: json(body), detail: null, refs: null, extra: null, ...more },
    });
  // Facet lists are gathered as records go by (a few short strings each) and cut into chunks at the end.
  const lists = new Map<string, { kind: DocKind; facet: string; value: string; entries: [string, string][] }>();
  const facet = (kind: DocKind, id: string, name: string, values: Iterable<string>, sort = id) => {
    for (const value of new Set(values)) {
      const key = JSON.stringify([kind, name, value]);
      const list = lists.get(key) ?? { kind, facet: name, value, entries: [] };
      lists.set(key, list);
      list.entries.push([sort, id]);
    }
  };
  /** What the record just composed produced, handed over and forgotten. */
  function* flush() {
    const done = out.splice(0);
    yield* done;
  }

  for (const s of d.stories) {
    for (const lang of langs)
      doc("story", s.id, lang, composeStory(rows, s.id, lang), {
        refs: refsOf({ sources: rows.citesOf("story", s.id) }),
      });
    yield* flush();
  }
  for (const s of d.sources) {
    for (const lang of langs)
      doc("source", s.id, lang, composeSource(rows, s.id, lang), { refs: refsOf({ entities: [s.publisher] }) });
    facet("source", s.id, "kind", [s.kind]);
    facet("source", s.id, "publisher", [s.publisher]);
    yield* flush();
  }
  for (const e of d.entities) {
    for (const lang of langs) {
      doc("entity", e.id, lang, composeEntity(rows, e.id, lang));
      doc("relations", e.id, lang, composeRelations(rows, e.id, lang));
    }
    facet("entity", e.id, "type", [e.type]);
    facet("entity", e.id, "story", e.stories);
    // llms-full.txt lists the entities no story lists after the stories.
    if (e.stories.length === 0) facet("entity", e.id, NO_STORY, [ALL]);
    yield* flush();
  }
  // Aliases: a key that is not an entity's id resolves to the entity it names (former ids win; a name that
  // names several entities resolves to all of them, and the reader decides).
  const ids = new Set(d.entities.map((e) => e.id));
  const { former, byName } = entityKeys(d);
  for (const key of new Set([...former.keys(), ...byName.keys()])) {
    if (ids.has(key) || key === "") continue;
    const to = former.get(key);
    doc("entity", key, REDIRECT, to ? [to] : [...(byName.get(key) ?? [])].sort());
    yield* flush();
  }
  for (const f of d.figures) {
    for (const lang of langs) {
      const body = composeFigure(rows, f.id, lang);
      doc("figure", f.id, lang, body, { refs: refsOf({ sources: body.sources, entities: figureEntityIds(body) }) });
    }
    facet("figure", f.id, "entity", [f.subject]);
    facet("figure", f.id, "metric", [f.metric]);
    facet("figure", f.id, "kind", [f.kind]);
    facet("figure", f.id, "source", rows.citesOf("figure", f.id));
    facet("figure", f.id, "story", [f.story]);
    yield* flush();
  }
  for (const b of d.budgets) {
    for (const lang of langs) {
      const body = composeBudget(rows, b.id, lang);
      // For the weight-memory estimate: each limit figure's sources, composed.
      const limitFigures = [...new Set(b.limits.map((l) => l.figure))];
      const cites = Object.fromEntries(limitFigures.map((f) => [f, rows.citesOf("figure", f)]));
      const sources = [...new Set(Object.values(cites).flat())].map((id) => composeSource(rows, id, lang));
      doc("budget", b.id, lang, body, {
        refs: refsOf({ sources: body.sources, entities: [b.owner, b.applies_to] }),
        extra: json({ cites, sources }),
      });
    }
    facet("budget", b.id, "story", [b.story]);
    yield* flush();
  }
  for (const [model, budget] of budgetCheckPairs(rows)) {
    for (const lang of langs) {
      const { data, refs, render } = composeBudgetCheck(rows, model, budget, lang);
      doc("budget-check", checkKey(model, budget), lang, data, { refs: refsOf(refs), extra: json(render) });
    }
    yield* flush();
  }
  for (const p of d.partnerships) {
    for (const lang of langs) {
      const item = composePartnership(rows, p.id, lang);
      const detail = composePartnershipDetail(rows, p.id, lang);
      const itemRefs = {
        sources: [
          ...item.sources,
          ...item.history.flatMap((h) => h.sources),
          ...item.reasons.flatMap((r) => r.sources),
        ],
        entities: item.parties.map((e) => e.id),
      };
      const detailRefs = {
        sources: [...itemRefs.sources, ...detail.events.flatMap((e) => e.sources)],
        entities: [...itemRefs.entities, ...detail.events.flatMap((e) => e.participants.map((x) => x.id))],
      };
      doc("partnership", p.id, lang, item, {
        detail: json(detail.events),
        refs: refsOf(itemRefs),
        extra: json({ detailRefs: JSON.parse(refsOf(detailRefs) ?? "{}") }),
      });
    }
    facet("partnership", p.id, "party", p.parties);
    facet("partnership", p.id, "status", [p.status]);
    // The story's timeline picture reads its partnerships by this facet.
    facet("partnership", p.id, "story", [p.story]);
    yield* flush();
  }
  for (const e of d.events) {
    for (const lang of langs) {
      const body = composeEvent(rows, e.id, lang);
      doc("event", e.id, lang, body, {
        sort: e.date,
        refs: refsOf({ sources: body.sources, entities: body.participants.map((p) => p.id) }),
      });
    }
    facet("event", e.id, ALL, [ALL], e.date);
    facet("event", e.id, "entity", e.participants, e.date);
    if (e.partnership) facet("event", e.id, "partnership", [e.partnership], e.date);
    facet("event", e.id, "story", [e.story], e.date);
    yield* flush();
  }
  for (const f of d.facts) {
    for (const lang of langs) {
      const body = composeFact(rows, f.id, lang);
      doc("fact", f.id, lang, body, {
        refs: refsOf({ sources: body.sources, entities: body.entities.map((e) => e.id) }),
      });
    }
    facet("fact", f.id, "entity", f.entities);
    facet("fact", f.id, "topic", [f.topic]);
    facet("fact", f.id, "status", [f.status]);
    facet("fact", f.id, "source", rows.citesOf("fact", f.id));
    facet("fact", f.id, "story", [f.story]);
    yield* flush();
  }
  // The permalink pages of entities and partnerships, under "entities/<id>", "partnerships/<id>": what the
  // documents above do not hold of their views, completed from those documents when served. A fact's page is
  // made from the documents alone (src/compose/pages.ts).
  const views = { entities: composeEntityPage, partnerships: composePartnershipPage } as const;
  for (const kind of ["entities", "partnerships"] as const) {
    const list = kind === "entities" ? d.entities : d.partnerships;
    for (const r of list) {
      for (const lang of langs) doc("page", `${kind}/${r.id}`, lang, views[kind](rows, r.id, lang));
      yield* flush();
    }
  }
  for (const list of lists.values()) {
    for (const row of facetListRows(list.kind, list.facet, list.value, list.entries)) {
      yield { table: "facet_lists", row } satisfies Composed;
    }
  }
}
