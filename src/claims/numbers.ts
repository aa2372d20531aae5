/**
 * Numbers with units in a sentence in English, Japanese or Chinese: "7B", "70億", "70亿", "2.2 billion",
 * "2.1 GB", "0.62秒", "17%", "第三", "3位", "No. 3", "third". Values come out in the units the figures are
 * stored in (parameters, GB, s, percent, rank, companies), with the step the sentence wrote them to (the
 * value of its last digit), so a comparison can respect the precision of both sides. Pure.
 */
import type { UNITS } from "../domain";

export type Unit = (typeof UNITS)[number];

/** A comparison the sentence puts on a number: "more than 7", "at most 1.5 GB", "7社以上". */
export type Bound = "min" | "max" | null;

export interface Quantity {
  value: number;
  unit: Unit;
  /** The value of the sentence's last written digit, in `unit` (2.2 billion → 1e8; 7B → 1e9). */
  step: number;
  bound: Bound;
  /** Where it was read, in the normalized text. */
  start: number;
  end: number;
  raw: string;
}

/** The text every matcher reads: NFKC (full-width digits and ％ become ASCII), lower case. */
export const normalize = (text: string) => text.normalize("NFKC").toLowerCase();

const CJK_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九 as a number, or null. */
export function cjkNumber(s: string): number | null {
  if (/^[〇零一二两兩三四五六七八九]$/.test(s)) return CJK_DIGITS[s] ?? null;
  const m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return null;
  return (m[1] ? (CJK_DIGITS[m[1]] ?? 1) : 1) * 10 + (m[2] ? (CJK_DIGITS[m[2]] ?? 0) : 0);
}

const ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

const MULTIPLIERS: Record<string, number> = {
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  million: 1e6,
  mn: 1e6,
  千万: 1e7,
  千萬: 1e7,
  億: 1e8,
  亿: 1e8,
  万: 1e4,
  萬: 1e4,
};

/** Unit words → [unit, factor to the stored unit]. */
const UNIT_WORDS: [RegExp, Unit, number][] = [
  [/^(parameters?|params?|パラメータ|パラメーター|个参数|個參數|参数|參數)$/, "parameters", 1],
  [/^(gb|gigabytes?|ギガバイト)$/, "GB", 1],
  [/^(mb|megabytes?|メガバイト)$/, "GB", 1e-3],
  [/^(tb|terabytes?)$/, "GB", 1e3],
  [/^(ms|milliseconds?|ミリ秒|毫秒)$/, "s", 1e-3],
  [/^(seconds?|secs?|s|秒)$/, "s", 1],
  [/^(%|percent|per cent|パーセント)$/, "percent", 1],
  [/^(位|名|st|nd|rd|th)$/, "rank", 1],
  [/^(社|家|companies|company|firms?)$/, "companies", 1],
];

const NUMBER_RE =
  /(?<![a-z\d.])(\d+(?:\.\d+)?)\s*(billion|bn|b(?![a-z])|million|mn|千万|千萬|億|亿|万|萬)?\s*(parameters?|params?|パラメータ|パラメーター|个参数|個參數|参数|參數|gigabytes?|gb|ギガバイト|megabytes?|mb|メガバイト|terabytes?|tb|milliseconds?|ms|ミリ秒|毫秒|seconds?|secs?|s(?![a-z])|秒|%|percent|per cent|パーセント|位|名|st(?![a-z])|nd(?![a-z])|rd(?![a-z])|th(?![a-z])|社|家|companies|company|firms?)?/gu;

const MIN_BEFORE =
  /(more than|over|above|at least|exceed(?:s|ed|ing)?|greater than|超过|超過|多于|多於|至少|超える|超え)\s*$/u;
const MAX_BEFORE =
  /(less than|under|below|at most|no more than|up to|within|不超过|不超過|不到|少于|少於|最多|≤|<)\s*$/u;
const MIN_AFTER = /^\s*(or more|\+|以上|多|余|餘|超)/u;
const MAX_AFTER = /^\s*(or less|or fewer|以下|以内|以內|未満|未満)/u;

function boundAt(text: string, start: number, end: number): Bound {
  const before = text.slice(Math.max(0, start - 20), start);
  const after = text.slice(end, end + 12);
  if (MAX_BEFORE.test(before) || MAX_AFTER.test(after)) return "max";
  if (MIN_BEFORE.test(before) || MIN_AFTER.test(after)) return "min";
  return null;
}

const decimals = (digits: string) => (digits.includes(".") ? (digits.split(".")[1]?.length ?? 0) : 0);

/** Words that make a bare ordinal ("second", "third") a rank. */
export const RANK_CONTEXT =
  /\b(rank(?:s|ed|ing)?|place[ds]?|position|spot|came|finished|largest|biggest|top)\b|順位|排名|位/u;

/**
 * Every quantity with a unit in `text` (already normalized), left to right, not overlapping. Numbers without
 * a unit the figures use (a year, "iPhone 15") are left out.
 */
export function extractQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  const taken = (s: number, e: number) => found.some((q) => s < q.end && e > q.start);
  const push = (q: Omit<Quantity, "bound">) => {
    if (!taken(q.start, q.end)) found.push({ ...q, bound: boundAt(text, q.start, q.end) });
  };
  // 第三, 第3位, 第 3 名: a rank.
  for (const m of text.matchAll(/第\s*(\d+|[一二三四五六七八九十]+)\s*(位|名)?/gu)) {
    const n = /^\d+$/.test(m[1] as string) ? Number(m[1]) : cjkNumber(m[1] as string);
    if (n !== null) push({ value: n, unit: "rank", step: 1, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  // No. 3, number 3, #3: a rank.
  for (const m of text.matchAll(/(?<![a-z])(?:no\.|number|#)\s*(\d+)(?!\.\d)/gu)) {
    push({ value: Number(m[1]), unit: "rank", step: 1, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  // 七家, 七社: a count of companies.
  for (const m of text.matchAll(/([一二三四五六七八九十]+)\s*(家|社)/gu)) {
    const n = cjkNumber(m[1] as string);
    if (n !== null)
      push({ value: n, unit: "companies", step: 1, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  for (const m of text.matchAll(NUMBER_RE)) {
    const [raw, digits = "", mult, unitWord] = m;
    let unit: Unit | undefined;
    let factor = 1;
    if (unitWord) {
      const u = UNIT_WORDS.find(([re]) => re.test(unitWord));
      if (u) [, unit, factor] = u;
    }
    if (mult) {
      // A multiplier makes a count of parameters unless a unit says otherwise ("2.2 billion", "70億").
      if (unit && unit !== "parameters") continue;
      unit = "parameters";
      factor = MULTIPLIERS[mult] ?? 1;
    }
    if (!unit) continue;
    const end = m.index + raw.trimEnd().length;
    push({
      value: Number(digits) * factor,
      unit,
      step: 10 ** -decimals(digits) * factor,
      start: m.index,
      end,
      raw: raw.trim(),
    });
  }
  // Ordinal words: a rank only where the sentence speaks of ranks ("ranked second", "second-largest").
  for (const m of text.matchAll(new RegExp(`\\b(${ORDINAL_WORDS.join("|")})\\b(?![- ]inference)`, "gu"))) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (!RANK_CONTEXT.test(text) && !/^[- ](largest|biggest|place|position|spot)/.test(after)) continue;
    const value = ORDINAL_WORDS.indexOf(m[1] as string) + 1;
    push({ value, unit: "rank", step: 1, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  // "seven companies"
  for (const m of text.matchAll(new RegExp(`\\b(${NUMBER_WORDS.join("|")})\\s+(companies|firms)\\b`, "gu"))) {
    const value = NUMBER_WORDS.indexOf(m[1] as string) + 1;
    push({ value, unit: "companies", step: 1, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  return found.sort((a, b) => a.start - b.start);
}
