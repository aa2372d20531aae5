/**
 * The claim check: one sentence in English, Japanese or Chinese against the stored figures and facts, with
 * no model. It finds the entities the sentence names (names and aliases in every language), the numbers it
 * states with their units, and the metric each number measures (from its unit and the sentence's words in
 * three languages); then compares each number with the stored figures of that subject and metric, within the
 * precision both sides were written to. A sentence with no number is compared with the facts' texts, and only
 * a near-verbatim statement of a fact counts. Precision over recall: any doubt is `unknown`. Pure.
 */
import { wholeWordTerm } from "../compose/search";
import type { METRICS } from "../domain";
import { extractQuantities, normalize, type Quantity, type Unit } from "./numbers";

export type Metric = (typeof METRICS)[number];
export type Verdict = "supported" | "contradicted" | "disputed" | "unknown";

/** What the check knows, read from the composed documents of a release (see src/routes/claims). */
export interface ClaimBase {
  entities: { id: string; type: string; names: string[] }[];
  /** `nameIndex(entities)`, when the base keeps it (computed per check otherwise). */
  names?: { id: string; name: string }[];
  figures: {
    id: string;
    metric: Metric;
    subject: string;
    value: number;
    unit: Unit;
    kind: string;
    device: string | null;
    precision: string | null;
    /** How far a derived figure's stated value may be from the computed one. */
    tolerance: number;
    /** A lower bound ("7+ companies"). */
    atLeast: boolean;
    /** Flagged by a disputed fact. */
    disputed: boolean;
  }[];
  facts: { id: string; status: string; texts: Partial<Record<"en" | "ja" | "zh", string>> }[];
}

export type ClaimFigure = ClaimBase["figures"][number];

export interface Match {
  kind: "figure" | "fact";
  id: string;
  /** What this record says of the sentence. */
  verdict: Exclude<Verdict, "unknown">;
  /** For figures: the number read from the sentence and the stored one, in the same unit. */
  claimed: { value: number; unit: Unit; text: string; bound: "min" | "max" | null } | null;
  stored: { value: number; unit: Unit } | null;
}

export interface ClaimResult {
  verdict: Verdict;
  /** The language the sentence was read as. */
  lang: "en" | "ja" | "zh";
  entities: string[];
  matches: Match[];
  /** Why, in one English sentence. */
  reason: string;
}

/** The sentence's language: kana → ja, Han → zh, else en. */
export function claimLang(text: string): ClaimResult["lang"] {
  if (/[\u3040-\u30ff]/u.test(text)) return "ja";
  if (/\p{Script=Han}/u.test(text)) return "zh";
  return "en";
}

// ------------------------------------------------------------------------------------------------
// Entities
// ------------------------------------------------------------------------------------------------

interface Mention {
  id: string;
  start: number;
  end: number;
}

const isLatin = (s: string) => /[a-z0-9]/.test(s);
/** A name that is only a quantity ("7B", "2.2B") names nothing here: the number is read as a number. */
const isQuantityName = (s: string) => /^[\d.]+\s*[a-z]{0,2}$/.test(s);

/** The names entities can be found by, normalized, longest first (built once per base: buildClaimBase). */
export function nameIndex(entities: ClaimBase["entities"]): { id: string; name: string }[] {
  const names: { id: string; name: string }[] = [];
  for (const e of entities) {
    for (const n of new Set(e.names.map(normalize))) {
      if (n.length < 2 || isQuantityName(n)) continue;
      names.push({ id: e.id, name: n });
    }
  }
  return names.sort((a, b) => b.name.length - a.name.length);
}

/** Every entity the text names, longest names first, not overlapping; Latin names on word boundaries. */
export function findEntities(text: string, base: ClaimBase): Mention[] {
  const found: Mention[] = [];
  for (const { id, name } of base.names ?? nameIndex(base.entities)) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(name, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + name.length;
      if (isLatin(name)) {
        const before = text[at - 1] ?? " ";
        const after = text[end] ?? " ";
        if (/[a-z0-9]/.test(before) || /[a-z0-9]/.test(after)) continue;
      }
      if (found.some((m) => at < m.end && end > m.start)) continue;
      found.push({ id, start: at, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// ------------------------------------------------------------------------------------------------
// Metrics
// ------------------------------------------------------------------------------------------------

const SHARE_WORDS = /\bshare\b|シェア|份额|份額|占有率|市占/u;
const REDUCTION_WORDS =
  /\b(reduc\w*|cut|fewer|smaller|shr[iu]nk\w*|compress\w*|prun\w*|trimm?\w*)\b|削減|減少|减少|缩减|縮減|压缩|壓縮|圧縮|剪枝|プルーニング|縮小/u;

/** The metric a quantity measures, from its unit and, for percentages, the sentence's words. */
export function metricOf(q: Quantity, text: string): Metric | null {
  switch (q.unit) {
    case "parameters":
      return "parameter_count";
    case "GB":
      return "memory_footprint";
    case "s":
      return "first_inference_latency";
    case "rank":
      return "market_rank";
    case "companies":
      return "count";
    case "percent": {
      const share = SHARE_WORDS.test(text);
      const reduction = REDUCTION_WORDS.test(text);
      if (share === reduction) return null;
      return share ? "market_share" : "reduction";
    }
    default:
      return null;
  }
}

// ------------------------------------------------------------------------------------------------
// Subjects
// ------------------------------------------------------------------------------------------------

const GENERIC = /\b(model|models)\b|モデル|模型|大模型|[()（）]/gu;

/**
 * The words that set a family member apart from the entity named: what remains of its names once the
 * family's names, numbers and generic words are taken out ("pruned", "プルーニング", "剪枝").
 */
function qualifiers(member: ClaimBase["entities"][number], family: ClaimBase["entities"][number]): string[] {
  const familyNames = family.names.map(normalize).sort((a, b) => b.length - a.length);
  const out = new Set<string>();
  for (const raw of member.names.map(normalize)) {
    let rest = raw;
    for (const f of familyNames) rest = rest.replaceAll(f, " ");
    rest = rest.replace(GENERIC, " ").replace(/[\d.]+\s*b\b/g, " ");
    for (const w of rest.split(/[\s\-_,]+/)) {
      const t = w.replace(/[\d.]+b?/g, "");
      if (t.length >= 2) out.add(t);
    }
  }
  return [...out];
}

const mentions = (text: string, word: string) =>
  isLatin(word) ? new RegExp(`\\b${word.slice(0, Math.max(5, word.length - 2))}`, "u").test(text) : text.includes(word);

interface Subjects {
  /** Candidate subjects, each with the mention it came from. */
  ids: string[];
  /** Narrowed by a qualifier word (a single subject the sentence singled out of a family). */
  narrowed: boolean;
  /** The entity mentions that had candidates (distinct named entities). */
  named: number;
}

/**
 * The subjects a number of `metric` can be about: the entity mentioned nearest before it (else after it) that
 * has figures of the metric, or, for a family name ("Qwen"), its members with such figures — narrowed to one
 * when the sentence names what sets it apart ("pruned").
 */
function subjectsFor(text: string, q: Quantity, metric: Metric, found: Mention[], base: ClaimBase): Subjects {
  const hasMetric = (id: string) => base.figures.some((f) => f.subject === id && f.metric === metric);
  const byId = new Map(base.entities.map((e) => [e.id, e]));
  const options: { mention: Mention; ids: string[]; narrowed: boolean }[] = [];
  for (const m of found) {
    if (hasMetric(m.id)) {
      options.push({ mention: m, ids: [m.id], narrowed: false });
      continue;
    }
    const e = byId.get(m.id);
    if (!e) continue;
    const familyNames = e.names.map(normalize).filter((n) => n.length >= 2 && !isQuantityName(n));
    const members = base.entities.filter(
      (x) =>
        x.id !== e.id &&
        x.type === e.type &&
        hasMetric(x.id) &&
        x.names.some((n) => familyNames.some((f) => normalize(n).includes(f))),
    );
    if (members.length === 0) continue;
    const picked = members.filter((x) => qualifiers(x, e).some((w) => mentions(text, w)));
    options.push(
      picked.length === 1
        ? { mention: m, ids: [(picked[0] as (typeof members)[number]).id], narrowed: true }
        : { mention: m, ids: members.map((x) => x.id), narrowed: false },
    );
  }
  const distinct = new Set(options.map((o) => o.mention.id)).size;
  if (options.length === 0) return { ids: [], narrowed: false, named: 0 };
  const before = options.filter((o) => o.mention.end <= q.start);
  const chosen = before.length ? before[before.length - 1] : options.find((o) => o.mention.start >= q.end);
  if (!chosen) return { ids: [], narrowed: false, named: distinct };
  return { ids: chosen.ids, narrowed: chosen.narrowed, named: distinct };
}

// ------------------------------------------------------------------------------------------------
// Conditions and comparison
// ------------------------------------------------------------------------------------------------

const PRECISIONS = /\b(fp16|fp32|bf16|int8|int4|fp8)\b/u;
const KIND_CUES: [RegExp, string][] = [
  [
    /\b(recommend\w*|guideline\w*|guidance|limit|budget|cap)\b|推奨|上限|推荐|推薦|建议|建議|基準|基准/u,
    "recommended_limit",
  ],
  [/\b(estimat\w*|calculat\w*|comput\w*|weights alone)\b|推計|推算|估算|计算|計算|重みだけ|仅权重|僅權重/u, "derived"],
  [/\b(measur\w*|tested|test)\b|実測|测得|實測|实测|测试|テスト/u, "measured"],
];

/** The candidate figures the sentence's conditions leave: its device, precision and kind of figure win. */
function narrowByConditions(text: string, figures: ClaimFigure[], found: Mention[], base: ClaimBase) {
  let out = figures;
  const prefer = (keep: (f: ClaimFigure) => boolean, drop: (f: ClaimFigure) => boolean) => {
    out = out.filter((f) => !drop(f));
    const preferred = out.filter(keep);
    if (preferred.length) out = preferred;
  };
  const devices = found.map((m) => m.id).filter((id) => base.entities.find((e) => e.id === id)?.type === "device");
  if (devices.length)
    prefer(
      (f) => f.device !== null && devices.includes(f.device),
      (f) => f.device !== null && !devices.includes(f.device),
    );
  const precision = PRECISIONS.exec(text)?.[1];
  if (precision)
    prefer(
      (f) => f.precision?.toLowerCase() === precision,
      (f) => f.precision !== null && f.precision.toLowerCase() !== precision,
    );
  for (const [re, kind] of KIND_CUES) {
    if (re.test(text)) {
      const preferred = out.filter((f) => f.kind === kind);
      if (preferred.length) out = preferred;
      break;
    }
  }
  return out;
}

/** The step of a stored value: the value of its last significant digit (2200000000 → 1e8, 0.62 → 0.01). */
export function stepOf(value: number): number {
  if (!Number.isInteger(value)) {
    const d = String(value).split(".")[1]?.length ?? 0;
    return 10 ** -d;
  }
  let step = 1;
  while (value !== 0 && value % (step * 10) === 0) step *= 10;
  return step;
}

const EPS = 1e-9;

/** How one number compares with one stored figure: "same", "differs", or null when it cannot tell. */
export function compare(q: Quantity, f: ClaimFigure): "same" | "differs" | null {
  const diff = q.value - f.value;
  const scale = Math.max(Math.abs(f.value), Math.abs(q.value), 1) * EPS;
  const sStep = stepOf(f.value);
  const tol = f.tolerance;
  const coarse = Math.max(sStep, q.step) / 2 + tol;
  if (f.kind === "recommended_limit" || q.bound === null) {
    if (f.atLeast) {
      if (Math.abs(diff) <= scale) return "same";
      return diff < 0 ? "differs" : null;
    }
    if (Math.abs(diff) < sStep / 2 - scale || Math.abs(diff) <= tol + scale) return "same";
    if (Math.abs(diff) > coarse + scale) return "differs";
    return null;
  }
  // "more than 2 GB", "at most 1.5 GB": the stored value must lie on the stated side.
  if (q.bound === "min") {
    if (f.atLeast) return q.value <= f.value + scale ? "same" : null;
    if (f.value > q.value + scale) return "same";
    return f.value < q.value - coarse ? "differs" : null;
  }
  if (f.atLeast) return null;
  if (f.value < q.value - scale) return "same";
  return f.value > q.value + coarse ? "differs" : null;
}

// ------------------------------------------------------------------------------------------------
// Facts
// ------------------------------------------------------------------------------------------------

const NEGATION =
  /\b(not|never|no longer|isn't|wasn't|aren't|weren't|didn't|doesn't|don't|hasn't|haven't|cannot|can't|neither|nor|without)\b|n't\b|ない|なかった|ません|ず[、。]|不是|不再|没有|沒有|并非|並非|从未|從未|未曾|并未|並未|未能|不会|不會|无法|無法/u;

/** Tokens for comparing with a fact: words in English, characters and pairs of characters in CJK. */
function tokens(text: string, lang: ClaimResult["lang"]): Set<string> {
  const t = normalize(text).replace(/[\p{P}\p{S}]+/gu, " ");
  if (lang === "en") return new Set(t.split(/\s+/).filter(Boolean));
  const chars = [...t.replace(/\s+/g, "")];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    out.add(chars[i] as string);
    if (i + 1 < chars.length) out.add(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

/**
 * The facts the sentence restates: every token of the sentence is in the fact's text in its language, and the
 * sentence covers most of the fact; neither may negate what the other does not.
 */
function matchFacts(text: string, lang: ClaimResult["lang"], base: ClaimBase) {
  const claim = tokens(text, lang);
  if (claim.size < (lang === "en" ? 5 : 8)) return [];
  const negated = NEGATION.test(normalize(text));
  const out: ClaimBase["facts"] = [];
  for (const f of base.facts) {
    const t = f.texts[lang];
    if (!t) continue;
    if (NEGATION.test(normalize(t)) !== negated) continue;
    const fact = tokens(t, lang);
    let inside = 0;
    for (const w of claim) if (fact.has(w)) inside++;
    if (inside === claim.size && claim.size / fact.size >= 0.6) out.push(f);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// The check
// ------------------------------------------------------------------------------------------------

const figureVerdict = (f: ClaimFigure, same: boolean): Match["verdict"] =>
  f.disputed ? "disputed" : same ? "supported" : "contradicted";

/** What the check reads in a sentence before comparing: its text, language, entities and numbers. */
export interface ClaimReading {
  text: string;
  lang: ClaimResult["lang"];
  found: Mention[];
  quantities: Quantity[];
}

/** Reads a sentence against the base's names (once per check: finding the entities is most of its work). */
export function readClaim(sentence: string, base: ClaimBase): ClaimReading {
  const text = normalize(sentence).replace(/\s+/g, " ").trim();
  const lang = claimLang(text);
  const found = findEntities(text, base);
  // Numbers inside an entity's name ("Qwen 2.2B") are part of the name.
  const quantities = extractQuantities(text).filter((q) => !found.some((m) => q.start < m.end && q.end > m.start));
  return { text, lang, found, quantities };
}

/** The most terms a sentence's facts are looked up by (any of the sentence's tokens find a superset). */
const LOOKUP_TERMS = 12;

/**
 * The terms to look the facts a sentence may restate up by, in the search index (src/queries/search.ts
 * `factCandidates`), or null when the check compares no fact (the sentence has a number, or too few tokens).
 * Every fact the check would match holds each of its terms as search matches terms (holdsTerm in
 * src/compose/search.ts; case aside): a fact must hold every token of the sentence (matchFacts), English tokens
 * are words of the fact's text (whitespace, punctuation or symbols around them, so a short one is a whole word
 * there too), and in Japanese and Chinese only single CJK characters are used (a pair of the fact's tokens may
 * straddle punctuation the text has between them; a Latin letter is a word only alone). Texts whose letters
 * and digits NFKC leaves alone keep tokens substrings of the stored text (the dataset's validation holds texts
 * to that, superscript digits aside: tokens with a digit are not looked up). The longest tokens first, at most
 * LOOKUP_TERMS: fewer terms find more facts, never fewer.
 */
export function factLookup(reading: ClaimReading): { lang: ClaimResult["lang"]; terms: string[] } | null {
  const { text, lang, quantities } = reading;
  if (quantities.length > 0) return null;
  const claim = tokens(text, lang);
  if (claim.size < (lang === "en" ? 5 : 8)) return null;
  const terms = [...claim]
    .filter((t) => (lang === "en" || ([...t].length === 1 && !wholeWordTerm(t))) && !/\p{N}/u.test(t))
    .sort((a, b) => [...b].length - [...a].length || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, LOOKUP_TERMS);
  return { lang, terms };
}

/**
 * Checks one sentence (or its reading, readClaim) against the base. `base.facts` need only hold the facts the
 * sentence's lookup found (factLookup), in the collection's order.
 */
export function checkClaim(sentence: string | ClaimReading, base: ClaimBase): ClaimResult {
  const { text, lang, found, quantities } = typeof sentence === "string" ? readClaim(sentence, base) : sentence;
  const entities = [...new Set(found.map((m) => m.id))];
  const result = (verdict: Verdict, matches: Match[], reason: string): ClaimResult => ({
    verdict,
    lang,
    entities,
    matches,
    reason,
  });
  const negated = NEGATION.test(text);

  if (quantities.length === 0) {
    const facts = matchFacts(text, lang, base);
    if (facts.length === 0)
      return result("unknown", [], "No stored fact states this sentence, and it has no number to compare.");
    const matches: Match[] = facts.map((f) => ({
      kind: "fact",
      id: f.id,
      verdict: f.status === "disputed" ? "disputed" : "supported",
      claimed: null,
      stored: null,
    }));
    const disputed = matches.some((m) => m.verdict === "disputed");
    return result(
      disputed ? "disputed" : "supported",
      matches,
      disputed ? "A stored fact states this, and it is flagged as disputed." : "A stored fact states this sentence.",
    );
  }

  type Outcome = { q: Quantity; verdict: Verdict; matches: Match[]; narrowed: ClaimFigure[] | null };
  const outcomes: Outcome[] = [];
  for (const q of quantities) {
    const metric = metricOf(q, text);
    const none: Outcome = { q, verdict: "unknown", matches: [], narrowed: null };
    if (!metric) {
      outcomes.push(none);
      continue;
    }
    const subjects = subjectsFor(text, q, metric, found, base);
    const all = base.figures.filter((f) => f.metric === metric && subjects.ids.includes(f.subject));
    const figures = narrowByConditions(text, all, found, base);
    if (figures.length === 0) {
      outcomes.push(none);
      continue;
    }
    const claimed = { value: q.value, unit: q.unit, text: q.raw, bound: q.bound };
    const toMatch = (f: ClaimFigure, same: boolean): Match => ({
      kind: "figure",
      id: f.id,
      verdict: figureVerdict(f, same),
      claimed,
      stored: { value: f.value, unit: f.unit },
    });
    const results = figures.map((f) => ({ f, r: compare(q, f) }));
    const same = results.filter((x) => x.r === "same");
    if (same.length) {
      const matches = same.map((x) => toMatch(x.f, true));
      outcomes.push({
        q,
        verdict: matches.some((m) => m.verdict === "disputed") ? "disputed" : "supported",
        matches,
        narrowed: null,
      });
      continue;
    }
    const subjectsOf = new Set(figures.map((f) => f.subject));
    const singleSubject = subjectsOf.size === 1 && (subjects.narrowed || subjects.ids.length === 1);
    const differs = results.filter((x) => x.r === "differs");
    const allDiffer = differs.length === results.length;
    const oneValue = new Set(figures.map((f) => f.value)).size === 1;
    if (figures.some((f) => f.disputed) && allDiffer && singleSubject) {
      outcomes.push({ q, verdict: "disputed", matches: figures.map((f) => toMatch(f, false)), narrowed: figures });
      continue;
    }
    if (allDiffer && oneValue && singleSubject && subjects.named === 1) {
      outcomes.push({
        q,
        verdict: "contradicted",
        matches: differs.map((x) => toMatch(x.f, false)),
        narrowed: figures,
      });
      continue;
    }
    outcomes.push(none);
  }

  // "pruned from 7B to 2.2B": a number that contradicts the member a qualifier singled out but equals another
  // member's figure, beside a number that the singled-out member supports, is the other end of the change.
  for (const o of outcomes) {
    if (o.verdict !== "contradicted" || !o.narrowed) continue;
    const metric = metricOf(o.q, text);
    const subject = o.narrowed[0]?.subject;
    if (!subject) continue;
    const partner = outcomes.find(
      (p) =>
        p !== o &&
        p.verdict === "supported" &&
        p.matches.some((m) => base.figures.find((f) => f.id === m.id)?.subject === subject),
    );
    if (!partner) continue;
    const other = base.figures.filter(
      (f) =>
        f.metric === metric &&
        f.subject !== subject &&
        compare(o.q, f) === "same" &&
        entitiesFamily(base, f.subject, subject),
    );
    if (other.length === 1) {
      const f = other[0] as ClaimFigure;
      o.verdict = f.disputed ? "disputed" : "supported";
      o.matches = [
        {
          kind: "figure",
          id: f.id,
          verdict: figureVerdict(f, true),
          claimed: { value: o.q.value, unit: o.q.unit, text: o.q.raw, bound: o.q.bound },
          stored: { value: f.value, unit: f.unit },
        },
      ];
    }
  }

  const matches = outcomes.flatMap((o) => o.matches);
  const dedup = [...new Map(matches.map((m) => [`${m.id}/${m.verdict}/${m.claimed?.text}`, m])).values()];
  if (negated)
    return result("unknown", dedup, "The sentence negates what it states; the check does not judge negations.");
  if (outcomes.some((o) => o.verdict === "contradicted"))
    return result("contradicted", dedup, "A stored figure about the same subject and metric has another value.");
  if (outcomes.some((o) => o.verdict === "disputed"))
    return result("disputed", dedup, "The matching stored figure is flagged as disputed.");
  if (outcomes.every((o) => o.verdict === "supported"))
    return result("supported", dedup, "Stored figures state the same numbers, within their precision.");
  return result(
    "unknown",
    dedup,
    dedup.length
      ? "Some of the sentence's numbers match no stored figure closely enough."
      : "No stored figure is about the subject and metric of the sentence's numbers.",
  );
}

/** Whether two subjects are members of one family: an entity of their type whose name is in both of theirs. */
function entitiesFamily(base: ClaimBase, a: string, b: string) {
  const ea = base.entities.find((e) => e.id === a);
  const eb = base.entities.find((e) => e.id === b);
  if (!ea || !eb || ea.type !== eb.type) return false;
  const na = ea.names.map(normalize);
  const nb = eb.names.map(normalize);
  return base.entities.some(
    (e) =>
      e.id !== a &&
      e.id !== b &&
      e.type === ea.type &&
      e.names
        .map(normalize)
        .some(
          (n) => n.length >= 2 && !isQuantityName(n) && na.some((x) => x.includes(n)) && nb.some((y) => y.includes(n)),
        ),
  );
}
