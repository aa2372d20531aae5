/**
 * Validates a parsed dataset: shapes (zod), unique ids, references, provenance and arithmetic.
 * Pure: takes the parsed files and the article text, returns the typed dataset or every problem found.
 */
import type { z } from "zod";
import { evaluate, FormulaError } from "./formula";
import { DATASET_KINDS, type Dataset, type DatasetKind, datasetFiles, type Figure } from "./schema";

export interface DatasetProblem {
  /** The file, e.g. `data/figures.yaml`. */
  file: string;
  /** The record id, or `#<index>` when the record has no usable id. */
  id: string;
  /** Path of the field inside the record, e.g. `sources[0]`. */
  field: string;
  message: string;
}

export type ValidationResult = { ok: true; dataset: Dataset } | { ok: false; problems: DatasetProblem[] };

export const fileOf = (kind: DatasetKind) => `data/${kind}.yaml`;

export function formatProblem(p: DatasetProblem): string {
  return `${p.file}: record ${p.id}${p.field ? `, field ${p.field}` : ""}: ${p.message}`;
}

/** Collapse whitespace so a quote matches the article across line breaks and spacing. */
export const normalizeText = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

/**
 * @param files kind → parsed YAML content (should be a list of records)
 * @param article the seed article's text; when given, every `quote` must occur in it.
 */
export function validateDataset(files: Partial<Record<DatasetKind, unknown>>, article?: string): ValidationResult {
  const problems: DatasetProblem[] = [];
  const parsed: Partial<Record<DatasetKind, unknown[]>> = {};

  for (const kind of DATASET_KINDS) {
    const file = fileOf(kind);
    const content = files[kind];
    if (content === undefined || content === null) {
      problems.push({ file, id: "-", field: "", message: "file is missing or empty" });
      continue;
    }
    if (!Array.isArray(content)) {
      problems.push({ file, id: "-", field: "", message: "must be a YAML list of records" });
      continue;
    }
    const schema = datasetFiles[kind] as z.ZodType;
    const out: unknown[] = [];
    const seen = new Set<string>();
    content.forEach((raw, index) => {
      const rawId =
        raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string"
          ? (raw as { id: string }).id
          : `#${index}`;
      const result = schema.safeParse(raw);
      if (!result.success) {
        for (const issue of result.error.issues) {
          problems.push({ file, id: rawId, field: pathOf(issue.path), message: issue.message });
        }
        return;
      }
      if (seen.has(rawId)) {
        problems.push({ file, id: rawId, field: "id", message: `duplicate id "${rawId}"` });
        return;
      }
      seen.add(rawId);
      out.push(result.data);
    });
    parsed[kind] = out;
  }
  if (problems.length > 0) return { ok: false, problems };

  const dataset = parsed as unknown as Dataset;
  checkReferences(dataset, problems);
  checkProvenance(dataset, problems, article);
  checkArithmetic(dataset, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, dataset };
}

function checkReferences(d: Dataset, problems: DatasetProblem[]) {
  const ids = {
    story: new Set(d.stories.map((r) => r.id)),
    entity: new Set(d.entities.map((r) => r.id)),
    source: new Set(d.sources.map((r) => r.id)),
    figure: new Set(d.figures.map((r) => r.id)),
    budget: new Set(d.budgets.map((r) => r.id)),
    partnership: new Set(d.partnerships.map((r) => r.id)),
    event: new Set(d.events.map((r) => r.id)),
  };
  type RefKind = keyof typeof ids;
  const ref = (kind: DatasetKind, id: string, field: string, target: RefKind, value: string | undefined) => {
    if (value !== undefined && !ids[target].has(value)) {
      problems.push({ file: fileOf(kind), id, field, message: `unknown ${target} "${value}"` });
    }
  };
  const refs = (kind: DatasetKind, id: string, field: string, target: RefKind, values: readonly string[]) =>
    values.forEach((v, i) => {
      ref(kind, id, `${field}[${i}]`, target, v);
    });

  for (const s of d.stories) refs("stories", s.id, "sources", "source", s.sources);
  const redirectFrom = new Map<string, string>();
  for (const e of d.entities) {
    refs("entities", e.id, "stories", "story", e.stories);
    e.relations.forEach((r, i) => {
      ref("entities", e.id, `relations[${i}].target`, "entity", r.target);
      if (r.target === e.id) {
        problems.push({
          file: fileOf("entities"),
          id: e.id,
          field: `relations[${i}].target`,
          message: "an entity cannot relate to itself",
        });
      }
      refs("entities", e.id, `relations[${i}].sources`, "source", r.sources ?? []);
    });
    e.aliases.forEach((a, i) => {
      if (e.name[a.lang] === a.text || e.aliases.findIndex((b) => b.lang === a.lang && b.text === a.text) !== i) {
        problems.push({
          file: fileOf("entities"),
          id: e.id,
          field: `aliases[${i}]`,
          message: `"${a.text}" (${a.lang}) repeats the name or another alias`,
        });
      }
    });
    e.former_ids.forEach((f, i) => {
      if (ids.entity.has(f) || redirectFrom.has(f)) {
        problems.push({
          file: fileOf("entities"),
          id: e.id,
          field: `former_ids[${i}]`,
          message: `"${f}" is already an id or another entity's former id`,
        });
      }
      redirectFrom.set(f, e.id);
    });
  }
  for (const s of d.sources) {
    ref("sources", s.id, "publisher", "entity", s.publisher);
    ref("sources", s.id, "via", "source", s.via);
  }
  for (const f of d.figures) {
    ref("figures", f.id, "story", "story", f.story);
    ref("figures", f.id, "subject", "entity", f.subject);
    ref("figures", f.id, "conditions.device", "entity", f.conditions.device);
    refs("figures", f.id, "sources", "source", f.sources);
    for (const [name, input] of Object.entries(f.derivation?.inputs ?? {})) {
      ref("figures", f.id, `derivation.inputs.${name}`, "figure", input);
    }
  }
  for (const b of d.budgets) {
    ref("budgets", b.id, "story", "story", b.story);
    ref("budgets", b.id, "owner", "entity", b.owner);
    ref("budgets", b.id, "applies_to", "entity", b.applies_to);
    refs("budgets", b.id, "sources", "source", b.sources);
    b.limits.forEach((l, i) => {
      ref("budgets", b.id, `limits[${i}].figure`, "figure", l.figure);
    });
  }
  for (const p of d.partnerships) {
    ref("partnerships", p.id, "story", "story", p.story);
    refs("partnerships", p.id, "parties", "entity", p.parties);
    refs("partnerships", p.id, "sources", "source", p.sources);
    p.history.forEach((h, i) => {
      refs("partnerships", p.id, `history[${i}].sources`, "source", h.sources);
    });
    p.reasons.forEach((r, i) => {
      refs("partnerships", p.id, `reasons[${i}].sources`, "source", r.sources);
    });
  }
  for (const e of d.events) {
    ref("events", e.id, "story", "story", e.story);
    refs("events", e.id, "participants", "entity", e.participants);
    ref("events", e.id, "partnership", "partnership", e.partnership);
    refs("events", e.id, "sources", "source", e.sources);
  }
  for (const f of d.facts) {
    ref("facts", f.id, "story", "story", f.story);
    refs("facts", f.id, "entities", "entity", f.entities);
    refs("facts", f.id, "figures", "figure", f.figures);
    refs("facts", f.id, "events", "event", f.events);
    refs("facts", f.id, "sources", "source", f.sources);
  }
}

function checkProvenance(d: Dataset, problems: DatasetProblem[], article?: string) {
  const text = article === undefined ? undefined : normalizeText(article);
  const quoted: [DatasetKind, { id: string; quote: string }[]][] = [
    ["figures", d.figures],
    ["events", d.events],
    ["facts", d.facts],
  ];
  if (text !== undefined) {
    for (const [kind, records] of quoted) {
      for (const r of records) {
        if (!text.includes(normalizeText(r.quote))) {
          problems.push({
            file: fileOf(kind),
            id: r.id,
            field: "quote",
            message: "quote does not occur verbatim in the article",
          });
        }
      }
    }
  }
  const relative = (kind: DatasetKind, id: string, field: string, r: { certainty: string; phrase?: string }) => {
    if (r.certainty === "relative" && !r.phrase) {
      problems.push({ file: fileOf(kind), id, field, message: "a relative date needs the article's phrase" });
    }
  };
  for (const s of d.stories) relative("stories", s.id, "phrase", s);
  for (const s of d.sources) relative("sources", s.id, "phrase", s);
  for (const e of d.events) relative("events", e.id, "phrase", e);
  for (const p of d.partnerships) {
    p.history.forEach((h, i) => {
      relative("partnerships", p.id, `history[${i}].phrase`, h);
    });
    const last = p.history.at(-1);
    if (last && last.status !== p.status) {
      problems.push({
        file: fileOf("partnerships"),
        id: p.id,
        field: "status",
        message: `status "${p.status}" differs from the last history entry "${last.status}"`,
      });
    }
    if (p.parties[0] === p.parties[1]) {
      problems.push({
        file: fileOf("partnerships"),
        id: p.id,
        field: "parties",
        message: "the two parties must differ",
      });
    }
  }
}

function checkArithmetic(d: Dataset, problems: DatasetProblem[]) {
  const byId = new Map(d.figures.map((f) => [f.id, f]));
  for (const f of d.figures) {
    const problem = (field: string, message: string) =>
      problems.push({ file: fileOf("figures"), id: f.id, field, message });
    if (f.unit === "percent" && (f.value < 0 || f.value > 100))
      problem("value", "a percentage must be between 0 and 100");
    if (f.kind === "derived" && !f.derivation)
      problem("derivation", "a derived figure must name its formula and inputs");
    if (f.kind !== "derived" && f.derivation) problem("kind", "only a derived figure has a derivation");
    if (!f.derivation) continue;
    const values: Record<string, number> = {};
    for (const [name, input] of Object.entries(f.derivation.inputs)) {
      const figure = byId.get(input);
      if (figure) values[name] = figure.value;
    }
    try {
      const computed = evaluate(f.derivation.formula, values);
      if (Math.abs(computed - f.value) > f.derivation.tolerance) {
        problem(
          "value",
          `stated ${f.value} but the formula gives ${round(computed)} (tolerance ${f.derivation.tolerance})`,
        );
      }
    } catch (err) {
      if (err instanceof FormulaError) problem("derivation.formula", err.message);
      else throw err;
    }
  }
  for (const b of d.budgets) {
    b.limits.forEach((l, i) => {
      const figure: Figure | undefined = byId.get(l.figure);
      if (!figure) return;
      const problem = (message: string) =>
        problems.push({ file: fileOf("budgets"), id: b.id, field: `limits[${i}]`, message });
      if (figure.kind !== "recommended_limit") problem(`figure "${figure.id}" is not a recommended_limit`);
      if (figure.metric !== l.metric || figure.unit !== l.unit || figure.value !== l.max) {
        problem(
          `limit ${l.max} ${l.unit} (${l.metric}) disagrees with figure "${figure.id}": ${figure.value} ${figure.unit} (${figure.metric})`,
        );
      }
    });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
