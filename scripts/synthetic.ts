/**
 * A synthetic dataset N times the size of a real one, for the benchmark (scripts/bench.ts): every record is
 * cloned N times. Copy 0 keeps the original ids (so the same URLs work at any size); copy k > 0 suffixes every
 * id with `-x<k>` (zero-padded to 4 digits, e.g. `apple-x0042`) and every reference inside the copy points at
 * the same copy, so each copy is a consistent dataset of its own: entity relations and former ids, stories'
 * sources, sources' publisher and via, figures' story, subject, device, inputs and sources, budgets' owner,
 * platform and limit figures, partnerships' parties and every history/reason source, events' participants and
 * partnership, facts' entities, figures and events. Texts, numbers and quotes stay as they are.
 *
 * Usage: `synthesize(dataset, 1000)`; `npx tsx scripts/synthetic.ts [N]` prints the record counts of ×N.
 */
import type { Dataset } from "../src/dataset/schema";

/** The id suffix of copy `k` ("" for copy 0). */
export const copySuffix = (k: number) => (k === 0 ? "" : `-x${String(k).padStart(4, "0")}`);

/** One copy of every record, with every id and reference suffixed by `suffix`. */
export function copyDataset(d: Dataset, suffix: string): Dataset {
  if (suffix === "") return d;
  const id = (x: string) => `${x}${suffix}`;
  const ids = (xs: readonly string[]) => xs.map(id);
  const optId = (x: string | undefined) => (x === undefined ? undefined : id(x));
  return {
    stories: d.stories.map((s) => ({ ...s, id: id(s.id), sources: ids(s.sources) })),
    entities: d.entities.map((e) => ({
      ...e,
      id: id(e.id),
      former_ids: ids(e.former_ids),
      stories: ids(e.stories),
      relations: e.relations.map((r) => ({
        ...r,
        target: id(r.target),
        ...(r.sources ? { sources: ids(r.sources) } : {}),
      })),
    })),
    sources: d.sources.map((s) => ({
      ...s,
      id: id(s.id),
      publisher: id(s.publisher),
      ...(s.via !== undefined ? { via: optId(s.via) } : {}),
    })),
    figures: d.figures.map((f) => ({
      ...f,
      id: id(f.id),
      story: id(f.story),
      subject: id(f.subject),
      conditions: {
        ...f.conditions,
        ...(f.conditions.device !== undefined ? { device: id(f.conditions.device) } : {}),
      },
      sources: ids(f.sources),
      ...(f.derivation
        ? {
            derivation: {
              ...f.derivation,
              inputs: Object.fromEntries(Object.entries(f.derivation.inputs).map(([k, v]) => [k, id(v)])),
            },
          }
        : {}),
    })),
    budgets: d.budgets.map((b) => ({
      ...b,
      id: id(b.id),
      story: id(b.story),
      owner: id(b.owner),
      applies_to: id(b.applies_to),
      limits: b.limits.map((l) => ({ ...l, figure: id(l.figure) })),
      sources: ids(b.sources),
    })),
    partnerships: d.partnerships.map((p) => ({
      ...p,
      id: id(p.id),
      story: id(p.story),
      parties: [id(p.parties[0]), id(p.parties[1])],
      history: p.history.map((h) => ({ ...h, sources: ids(h.sources) })),
      reasons: p.reasons.map((r) => ({ ...r, sources: ids(r.sources) })),
      sources: ids(p.sources),
    })),
    events: d.events.map((e) => ({
      ...e,
      id: id(e.id),
      story: id(e.story),
      participants: ids(e.participants),
      ...(e.partnership !== undefined ? { partnership: optId(e.partnership) } : {}),
      sources: ids(e.sources),
    })),
    facts: d.facts.map((f) => ({
      ...f,
      id: id(f.id),
      story: id(f.story),
      entities: ids(f.entities),
      figures: ids(f.figures),
      events: ids(f.events),
      sources: ids(f.sources),
    })),
  };
}

/** The dataset × `times`: copy 0 is the original, copies 1…times-1 carry suffixed ids. */
export function synthesize(d: Dataset, times: number): Dataset {
  if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, not ${times}`);
  const out: Dataset = {
    stories: [],
    entities: [],
    sources: [],
    figures: [],
    budgets: [],
    partnerships: [],
    events: [],
    facts: [],
  };
  for (let k = 0; k < times; k++) {
    const copy = copyDataset(d, copySuffix(k));
    for (const kind of Object.keys(out) as (keyof Dataset)[]) {
      (out[kind] as unknown[]).push(...(copy[kind] as unknown[]));
    }
  }
  return out;
}

/** Records in a dataset (all kinds). */
export const recordCount = (d: Dataset) => Object.values(d).reduce((n, list: unknown[]) => n + list.length, 0);

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { loadDataset } = await import("./lib/files");
  const times = Number(process.argv[2] ?? 1000);
  const result = loadDataset();
  if (!result.ok) throw new Error("data/ is invalid; run npm run data:check");
  const big = synthesize(result.dataset, times);
  const counts = Object.entries(big).map(([k, v]: [string, unknown[]]) => `${k} ${v.length}`);
  console.log(`×${times}: ${recordCount(big)} records (${counts.join(", ")})`);
}
