/**
 * Validates a parsed dataset: shapes (zod), unique ids, references, provenance, arithmetic, and the texts (named
 * rules, see TEXT_RULES). Pure: takes the parsed files and the article text, returns the typed dataset or every
 * problem found.
 */
import { z } from "zod";
import { evaluate, FormulaError } from "./formula";
import {
  DATASET_KINDS,
  type Dataset,
  type DatasetKind,
  datasetFiles,
  type Figure,
  type Lang,
  type Localized,
  localized,
  TEXT_LANGS,
  type TextLang,
} from "./schema";

export interface DatasetProblem {
  /** The file, e.g. `data/figures.yaml`. */
  file: string;
  /** The record id, or `#<index>` when the record has no usable id. */
  id: string;
  /** Path of the field inside the record, e.g. `sources[0]`. */
  field: string;
  message: string;
  /** The named rule that found it (text rules only); printed before the message. */
  rule?: TextRule;
}

export type ValidationResult = { ok: true; dataset: Dataset } | { ok: false; problems: DatasetProblem[] };

export const fileOf = (kind: DatasetKind) => `data/${kind}.yaml`;

export function formatProblem(p: DatasetProblem): string {
  return `${p.file}: record ${p.id}${p.field ? `, field ${p.field}` : ""}: ${p.rule ? `${p.rule}: ` : ""}${p.message}`;
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
  checkTexts(dataset, problems);
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

// ------------------------------------------------------------------------------------------------
// Texts: every localized text must be quotable on its own, in every language, with CJK typography.
// ------------------------------------------------------------------------------------------------

/**
 * The named text rules; each problem they find is one line, `<file>: record <id>, field <path>: <rule>: <message>`,
 * and the message quotes the offending text (an excerpt around the offence).
 */
export const TEXT_RULES = [
  /** A localized text lacks en, ja or zh. */
  "missing-language",
  /** ASCII , . : ; ( ) ! ? " ' touching CJK text in a ja/zh text (decimals and Latin names are fine). */
  "ascii-punctuation-in-cjk",
  /** Whitespace next to a CJK character in a ja/zh text: between two CJK characters, or between CJK and Latin/digits. */
  "space-between-cjk",
  /** Full-width digits or Latin letters in a ja/zh text: digits and Latin are half-width. */
  "fullwidth-alphanumeric",
  /**
   * A letter, digit or mark NFKC writes otherwise (half-width katakana, ligatures, circled digits, compatibility
   * ideographs), in any language: the standard form is written (superscript and subscript digits excepted:
   * 10⁹). The claim check reads a sentence in its NFKC form and looks its words up in the texts as stored
   * (src/claims/check.ts `factLookup`).
   */
  "compatibility-character",
  /** A sentence-like text opens with a reference to something the reader never saw ("This…", "その…", "这…"). */
  "dangling-opener",
  /**
   * A name recorded as a mistranslation alias (`mistranslation: true` in entities.yaml) appears in a served text other
   * than its alias record. Quotes and phrases (the article's own words, verbatim) are not localized texts: exempt.
   */
  "mistranslated-name",
] as const;
export type TextRule = (typeof TEXT_RULES)[number];

/**
 * CJK text for typography: Han (with radicals, compatibility and extension ideographs), kana, bopomofo, Hangul, CJK
 * symbols and punctuation (not the ideographic space U+3000, which is whitespace), CJK compatibility forms, full-width
 * and half-width forms, and the curly quotes “” ‘’ that Chinese uses as its quotation marks.
 */
const CJK_CLASS =
  "\\u2E80-\\u2FDF\\u3001-\\u303F\\u3040-\\u30FF\\u3100-\\u312F\\u3190-\\u31FF\\u3400-\\u4DBF\\u4E00-\\u9FFF" +
  "\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF01-\\uFFEF\\u2018\\u2019\\u201C\\u201D\\u{20000}-\\u{3FFFF}";
const CJK_CHAR = new RegExp(`^[${CJK_CLASS}]$`, "u");

/** Whether `ch` (one code point) is CJK text for typography. */
export const isCjk = (ch: string | undefined) => ch !== undefined && CJK_CHAR.test(ch);

/** Languages written with CJK typography. */
const CJK_LANGS: readonly Lang[] = ["ja", "zh", "zh-Hant"];

/** The full-width form each ASCII punctuation mark takes in Japanese and in Chinese. */
const FULL_WIDTH: Record<string, { ja: string; zh: string }> = {
  ",": { ja: "、", zh: "，" },
  ".": { ja: "。", zh: "。" },
  ":": { ja: "：", zh: "：" },
  ";": { ja: "；", zh: "；" },
  "(": { ja: "（", zh: "（" },
  ")": { ja: "）", zh: "）" },
  "!": { ja: "！", zh: "！" },
  "?": { ja: "？", zh: "？" },
  '"': { ja: "「」", zh: "“”" },
  "'": { ja: "『』", zh: "‘’" },
};

/**
 * Openers that point back at a sentence the reader never saw, per language. English openers are whole words
 * (case-sensitive: "This", not "this"); Japanese and Chinese ones are prefixes of the text.
 */
export const DANGLING_OPENERS: Record<TextLang, readonly string[]> = {
  en: [
    "This",
    "These",
    "That",
    "Those",
    "Such",
    "It",
    "They",
    "The second",
    "The third",
    "The last",
    "Second criterion",
    "Third criterion",
    "Second",
    "Third",
    "Next",
    "Finally",
    "Lastly",
    "By contrast",
    "In contrast",
    "However",
    "Moreover",
    "Also",
  ],
  ja: [
    "これは",
    "これら",
    "この",
    "その",
    "それ",
    "こうした",
    "こうして",
    "第二に",
    "第三に",
    "次に",
    "さらに",
    "最後に",
    "しかし",
    "また、",
  ],
  zh: ["其", "这", "此外", "另外", "此", "该", "它", "他们", "因此", "但", "然而", "最后", "第二", "第三"],
};

/** Labels, not sentences: the dangling-opener rule leaves them alone. */
const LABEL_FIELDS = new Set(["name", "display"]);

interface TextField {
  /** Path inside the record, e.g. `relations[0].note`. */
  field: string;
  text: Localized;
}

/** Every localized text of a record, found through its schema (so a new localized field is checked unasked). */
function localizedFields(schema: z.ZodType, value: unknown, path: string, out: TextField[] = []): TextField[] {
  if (value === undefined || value === null) return out;
  if (schema === localized) {
    out.push({ field: path, text: value as Localized });
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) {
    localizedFields(schema.unwrap() as z.ZodType, value, path, out);
  } else if (schema instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      localizedFields(child, (value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out);
    }
  } else if (schema instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((v, i) => {
      localizedFields(schema.element as z.ZodType, v, `${path}[${i}]`, out);
    });
  } else if (schema instanceof z.ZodTuple && Array.isArray(value)) {
    const items = schema.def.items as readonly z.ZodType[];
    value.forEach((v, i) => {
      const item = items[i];
      if (item) localizedFields(item, v, `${path}[${i}]`, out);
    });
  } else if (schema instanceof z.ZodRecord && value && typeof value === "object") {
    for (const [key, v] of Object.entries(value))
      localizedFields(schema.valueType as z.ZodType, v, `${path}.${key}`, out);
  }
  return out;
}

/** A short excerpt of `chars` around the `length` code points at `at`, to name the offending text in one line. */
function excerpt(chars: readonly string[], at: number, length = 1, width = 12): string {
  const from = Math.max(0, at - width);
  const to = Math.min(chars.length, at + length + width);
  return `"${from > 0 ? "…" : ""}${chars.slice(from, to).join("").replace(/\n/g, "\\n")}${to < chars.length ? "…" : ""}"`;
}

/** The whole text when short, else its opening, for messages about a text as a whole. */
const opening = (text: string, width = 60) => `"${text.length > width ? `${text.slice(0, width)}…` : text}"`;

const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const LATIN_EDGE = /[\p{Script=Latin}\p{N}]/u;

/** A name as a pattern: Latin edges match whole words only, case-insensitively; CJK matches anywhere. */
function namePattern(name: string): RegExp {
  const chars = Array.from(name);
  const before = LATIN_EDGE.test(chars[0] ?? "") ? "(?<![\\p{L}\\p{N}])" : "";
  const after = LATIN_EDGE.test(chars.at(-1) ?? "") ? "(?![\\p{L}\\p{N}])" : "";
  return new RegExp(`${before}${regexEscape(name)}${after}`, "iu");
}

/** Index of the `)` closing the `(` at `open`, or -1. */
function closingParen(chars: readonly string[], open: number): number {
  let depth = 0;
  for (let i = open; i < chars.length; i++) {
    if (chars[i] === "(") depth++;
    else if (chars[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `(` opened for the `)` at `close`, or -1. */
function openingParen(chars: readonly string[], close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (chars[i] === ")") depth++;
    else if (chars[i] === "(" && --depth === 0) return i;
  }
  return -1;
}

/** ASCII punctuation that touches CJK text: first offence and count. Parentheses count as a pair: ASCII parentheses
 * around or beside CJK text are wrong even where the mark itself touches Latin, e.g. `約4.4GB(FP16の重み)`. */
function asciiPunctuation(chars: readonly string[]): number[] {
  const found: number[] = [];
  chars.forEach((ch, i) => {
    if (!(ch in FULL_WIDTH)) return;
    // A decimal point or a dot inside a Latin word ("1.5GB", "Gate.io") touches no CJK and is fine.
    let touches = isCjk(chars[i - 1]) || isCjk(chars[i + 1]);
    if (!touches && (ch === "(" || ch === ")")) {
      const [from, to] = ch === "(" ? [i, closingParen(chars, i)] : [openingParen(chars, i), i];
      if (from >= 0 && to >= 0) touches = chars.slice(Math.max(0, from - 1), to + 2).some(isCjk);
    }
    if (touches) found.push(i);
  });
  return found;
}

/** Whitespace with CJK on at least one side. */
function cjkSpaces(chars: readonly string[]): number[] {
  const found: number[] = [];
  chars.forEach((ch, i) => {
    if (/\s/u.test(ch) && (isCjk(chars[i - 1]) || isCjk(chars[i + 1]))) found.push(i);
  });
  return found;
}

const FULLWIDTH_ALNUM = /^[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]$/u;

/** Superscript and subscript digits: the exponents of scientific notation ("2.2 × 10⁹"), written as such. */
const SCRIPT_DIGIT = /^[\u00B2\u00B3\u00B9\u2070\u2074-\u2079\u2080-\u2089]$/u;

/**
 * Where `chars` hold a letter, digit or mark NFKC changes (full-width digits and letters aside: their own rule;
 * superscript and subscript digits are allowed): each run of letters, digits and marks is compared whole, so a
 * base letter and its combining mark count once.
 */
function compatibilityCharacters(chars: readonly string[]): number[] {
  const found: number[] = [];
  const text = chars.join("");
  const exempt = (ch: string) => FULLWIDTH_ALNUM.test(ch) || SCRIPT_DIGIT.test(ch);
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const run = Array.from(m[0]).map((ch, i) => ({ ch, at: i }));
    const judged = run.filter(({ ch }) => !exempt(ch));
    const kept = judged.map(({ ch }) => ch).join("");
    if (kept.normalize("NFKC") === kept) continue;
    const start = Array.from(text.slice(0, m.index)).length;
    const changed = judged.filter(({ ch }) => ch.normalize("NFKC") !== ch);
    // A sequence NFKC composes (e + U+0301 → é): each character alone is unchanged; its mark is the offence.
    const offences = changed.length ? changed : judged.filter(({ ch }) => /\p{M}/u.test(ch)).slice(0, 1);
    for (const { at } of offences) found.push(start + at);
  }
  return found;
}

/**
 * The typography rules a served text in `lang` breaks (for Chinese and Japanese: ASCII punctuation touching CJK
 * text, whitespace next to CJK text, full-width digits or letters), each as `rule: excerpt`; none for English.
 * The same rules `data:check` applies to `data/`, for tests of what the API serves (templates included).
 */
export function typographyProblems(lang: Lang, text: string): string[] {
  if (!CJK_LANGS.includes(lang)) return [];
  const chars = Array.from(text);
  const out: string[] = [];
  const first = (rule: TextRule, found: number[]) => {
    if (found.length > 0) out.push(`${rule}: ${excerpt(chars, found[0] as number)}`);
  };
  first("ascii-punctuation-in-cjk", asciiPunctuation(chars));
  first("space-between-cjk", cjkSpaces(chars));
  first(
    "fullwidth-alphanumeric",
    chars.flatMap((ch, i) => (FULLWIDTH_ALNUM.test(ch) ? [i] : [])),
  );
  return out;
}

function danglingOpener(lang: TextLang, text: string): string | undefined {
  const t = text.trimStart();
  if (lang === "en") return DANGLING_OPENERS.en.find((w) => new RegExp(`^${regexEscape(w)}(?![\\w-])`).test(t));
  return DANGLING_OPENERS[lang].find((w) => t.startsWith(w));
}

function checkTexts(d: Dataset, problems: DatasetProblem[]) {
  const mistranslations = d.entities.flatMap((e) =>
    e.aliases
      .filter((a) => a.mistranslation)
      .map((a) => ({ text: a.text, pattern: namePattern(a.text), entity: e, lang: a.lang })),
  );
  for (const kind of DATASET_KINDS) {
    const schema = datasetFiles[kind] as z.ZodType;
    for (const record of d[kind] as { id: string }[]) {
      for (const { field, text } of localizedFields(schema, record, "")) {
        const leaf =
          field
            .replace(/\[\d+\]/g, "")
            .split(".")
            .at(-1) ?? "";
        checkText(kind, record.id, field, leaf, text, mistranslations, problems);
      }
    }
  }
}

function checkText(
  kind: DatasetKind,
  id: string,
  field: string,
  leaf: string,
  text: Localized,
  mistranslations: { text: string; pattern: RegExp; entity: Dataset["entities"][number]; lang: TextLang }[],
  problems: DatasetProblem[],
) {
  const file = fileOf(kind);
  const problem = (rule: TextRule, at: string, message: string) =>
    problems.push({ file, id, field: at, rule, message });
  const missing = TEXT_LANGS.filter((l) => !text[l]);
  if (missing.length > 0) {
    problem("missing-language", field, `no ${missing.join(", ")} text for ${opening(text.en)}`);
  }
  const repeated = (found: number[], chars: readonly string[]) =>
    `${excerpt(chars, found[0] as number)}${found.length > 1 ? ` (and ${found.length - 1} more)` : ""}`;
  for (const lang of TEXT_LANGS) {
    const value = text[lang];
    if (!value) continue;
    const at = `${field}.${lang}`;
    if (CJK_LANGS.includes(lang)) {
      const l = lang as "ja" | "zh";
      const chars = Array.from(value);
      const punctuation = asciiPunctuation(chars);
      if (punctuation.length > 0) {
        const first = chars[punctuation[0] as number] as string;
        problem(
          "ascii-punctuation-in-cjk",
          at,
          `ASCII ${JSON.stringify(first)} in CJK text (write ${FULL_WIDTH[first]?.[l]}): ${repeated(punctuation, chars)}`,
        );
      }
      const spaces = cjkSpaces(chars);
      if (spaces.length > 0) {
        problem("space-between-cjk", at, `whitespace next to CJK text: ${repeated(spaces, chars)}`);
      }
      const fullwidth = chars.flatMap((ch, i) => (FULLWIDTH_ALNUM.test(ch) ? [i] : []));
      if (fullwidth.length > 0) {
        problem(
          "fullwidth-alphanumeric",
          at,
          `full-width digits or letters (write half-width): ${repeated(fullwidth, chars)}`,
        );
      }
    }
    const compatibility = compatibilityCharacters(Array.from(value));
    if (compatibility.length > 0) {
      problem(
        "compatibility-character",
        at,
        `a compatibility character (write its standard form): ${repeated(compatibility, Array.from(value))}`,
      );
    }
    const opener = LABEL_FIELDS.has(leaf) ? undefined : danglingOpener(lang, value);
    if (opener !== undefined) {
      problem(
        "dangling-opener",
        at,
        `opens with "${opener}", a reference to something the reader never saw; name the subject: ${opening(value)}`,
      );
    }
    for (const m of mistranslations) {
      const match = m.pattern.exec(value);
      if (!match) continue;
      const chars = Array.from(value);
      const index = Array.from(value.slice(0, match.index)).length;
      const right = m.entity.name[lang] ?? m.entity.name.en;
      problem(
        "mistranslated-name",
        at,
        `"${m.text}" is a mistranslation (alias of entity ${m.entity.id}); write "${right}": ${excerpt(chars, index, Array.from(match[0]).length)}`,
      );
    }
  }
}
