/**
 * The claim check's base from a release's composed documents (entities, figures and facts as every surface
 * serves them): nothing here re-assembles a record, it only picks the fields the matcher compares. Pure.
 */
import { type ClaimBase, type Metric, nameIndex } from "./check";
import type { Unit } from "./numbers";

interface EntityDoc {
  id: string;
  type: string;
  names: Record<string, string | null>;
  aliases: { text: string }[];
}
interface FigureDoc {
  id: string;
  metric: Metric;
  subject: { id: string };
  value: number;
  unit: Unit;
  display: string;
  kind: string;
  conditions: { device: { id: string } | null; precision: string | null };
  derivation: { tolerance: number } | null;
}
interface FactDoc {
  id: string;
  status: string;
  text: string;
  figures: string[];
}

/** An entity document cut to what the base reads (the rest of a document is not held). */
export const leanEntity = (d: EntityDoc): EntityDoc => ({
  id: d.id,
  type: d.type,
  names: d.names,
  aliases: d.aliases.map((a) => ({ text: a.text })),
});
export const leanFigure = (d: FigureDoc): FigureDoc => ({
  id: d.id,
  metric: d.metric,
  subject: { id: d.subject.id },
  value: d.value,
  unit: d.unit,
  display: d.display,
  kind: d.kind,
  conditions: {
    device: d.conditions.device ? { id: d.conditions.device.id } : null,
    precision: d.conditions.precision,
  },
  derivation: d.derivation ? { tolerance: d.derivation.tolerance } : null,
});
export const leanFact = (d: FactDoc): FactDoc => ({ id: d.id, status: d.status, text: d.text, figures: d.figures });

/**
 * The base: entities with every name and alias, figures with their conditions, facts with their texts in
 * en, ja and zh. A figure is disputed when it is the first figure a disputed fact is about (the one the fact
 * disputes; the others are what it is compared with).
 */
export function buildClaimBase(docs: {
  entities: EntityDoc[];
  figures: FigureDoc[];
  facts: Partial<Record<"en" | "ja" | "zh", FactDoc[]>>;
}): ClaimBase {
  const en = docs.facts.en ?? [];
  const disputed = new Set<string>();
  for (const f of en) if (f.status === "disputed" && f.figures[0]) disputed.add(f.figures[0]);
  const texts = new Map<string, Partial<Record<"en" | "ja" | "zh", string>>>();
  for (const lang of ["en", "ja", "zh"] as const) {
    for (const f of docs.facts[lang] ?? []) {
      const t = texts.get(f.id) ?? {};
      t[lang] = f.text;
      texts.set(f.id, t);
    }
  }
  const entities = docs.entities.map((e) => ({
    id: e.id,
    type: e.type,
    names: [...Object.values(e.names).filter((n): n is string => Boolean(n)), ...e.aliases.map((a) => a.text)],
  }));
  return {
    entities,
    names: nameIndex(entities),
    figures: docs.figures.map((f) => ({
      id: f.id,
      metric: f.metric,
      subject: f.subject.id,
      value: f.value,
      unit: f.unit,
      kind: f.kind,
      device: f.conditions.device?.id ?? null,
      precision: f.conditions.precision,
      tolerance: f.derivation?.tolerance ?? 0,
      atLeast: /\d\s*\+|以上/u.test(f.display),
      disputed: disputed.has(f.id),
    })),
    facts: en.map((f) => ({ id: f.id, status: f.status, texts: texts.get(f.id) ?? {} })),
  };
}
