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

/** A fact as the check compares it, in the sentence's language, from its document in that language. */
export const factOf = (d: FactDoc, lang: "en" | "ja" | "zh"): ClaimBase["facts"][number] => ({
  id: d.id,
  status: d.status,
  texts: { [lang]: d.text },
});

/**
 * The base: entities with every name and alias, figures with their conditions. A figure is disputed when it is
 * the first figure a disputed fact is about (the one the fact disputes; the others are what it is compared
 * with): `disputed` holds the disputed facts (in English). No fact text is held: the facts a sentence may
 * restate are looked up for each check (src/claims/check.ts `factLookup`), so the base stays the size of the
 * entities and figures whatever the number of facts.
 */
export function buildClaimBase(docs: { entities: EntityDoc[]; figures: FigureDoc[]; disputed: FactDoc[] }): ClaimBase {
  const disputed = new Set<string>();
  for (const f of docs.disputed) if (f.status === "disputed" && f.figures[0]) disputed.add(f.figures[0]);
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
    facts: [],
  };
}
