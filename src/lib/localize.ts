/** Picks texts in the asked language, falling back to English and recording which fields fell back. */
import type { Lang, Localized } from "../dataset/schema";

export class Localizer {
  readonly fallback: string[] = [];
  constructor(readonly lang: Lang) {}

  /** The text in the asked language, or English (and the field is listed in `fallback`). */
  text(field: string, value: Localized): string;
  text(field: string, value: Localized | null | undefined): string | null;
  text(field: string, value: Localized | null | undefined): string | null {
    if (!value) return null;
    const hit = value[this.lang];
    if (hit) return hit;
    if (!this.fallback.includes(field)) this.fallback.push(field);
    return value.en;
  }
}

type Precision = "year" | "month" | "day";
type Certainty = "stated" | "relative" | "inferred";

/** A PartialDate with its enums kept as literal types (so handlers match the response schemas). */
export function dateOf(value: string, precision: Precision, certainty: Certainty, phrase?: string | null) {
  return { value, precision, certainty, phrase: phrase ?? null };
}
