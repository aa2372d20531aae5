/**
 * The search index of a release, composed at publish from the dataset (pure): one row per searchable record
 * (kind, id), holding all its searchable text across fields and languages, so several words match a record
 * that holds all of them wherever they are. Stored in the FTS5 table `search_index` (migration
 * 0005_search_index.sql; read by src/queries/search.ts).
 *
 * Rows of a release have rowids of their own range (releaseRowids): a search gives FTS5 that range, so it
 * skips the other releases inside its index (a `release` term in the MATCH would be read for every row of the
 * release on every search; measured at 1,000× data, it made a search 5–10× slower).
 *
 * Within that range, rowids follow the order composeSearchIndex yields the rows in: entities, then facts,
 * events and sources, each kind in curated order. That is the search's importance order: when a term matches
 * more records than bm25 can rank within bounds, a search ranks the first matches in rowid order (FTS5's native
 * order, which stops early; see src/queries/search.ts).
 *
 * Columns (their order is the table's, and the bm25 weights in src/queries/search.ts follow it):
 * - `kind`: what `type=` filters on, inside the MATCH expression (weight 0).
 * - one column per field (`name`, `alias`, `title`, `text`, `author`, `description`, `quote`): the field's texts
 *   in every language, one per line, so bm25 weighs a name above a description. The trigram tokenizer finds
 *   any term of 3+ characters in them, in any script.
 * - `exact`: every name and alias whole (lower case, spaces collapsed) between EXACT marks; a query equal to a
 *   name matches `EXACT + q + EXACT` here and gets a boost (an exact name outranks everything else).
 * - `name_short`, `short`: the short-term path. The trigram tokenizer cannot match a term of 1–2 characters
 *   (`阿里`, `千問`, `AI`) through its index, and LIKE would scan every row of the release. So at publish the
 *   short terms a text holds (shortGrams) are written as tokens between SHORT marks: `\u0001阿里\u0001`. That
 *   token is 3–4 characters, so the trigram index finds it like any other phrase, and the marks keep it from
 *   matching across tokens: every query, whatever its terms, is one indexed MATCH. Names and aliases go to
 *   `name_short` (weighted like names), everything else to `short`. The marks are control characters, which a
 *   query can never hold (textQuery refuses them).
 *   Which short terms a text holds (holdsTerm): one with a CJK character (`阿里`, `云`, `a股`) anywhere, as a
 *   substring, since those scripts put no spaces between words, and so one of punctuation or symbols only
 *   (`%`); any other (`AI`, `5G`, `7%`) only as a whole word, with no letter, mark or digit of a spaced script
 *   right before or after it (a CJK character is a boundary: `AIを` holds `ai`). As substrings, two Latin
 *   letters occur in most English texts (`ai` in "said", "Baidu", "mainland"; `5g` in "1.5GB"), which made
 *   `q=AI` match most records and wrote every letter pair of every text into the index: its short-term columns
 *   were two thirds of the indexed text.
 * - `release` (checked beside the rowid range), `id`, `titles` (the localized title every answer shows, facts
 *   cut at TITLE_MAX) and `parts` (every text with its field and language, for `matched` and the snippet):
 *   unindexed, read for the page's hits only, so a search needs no other table.
 */
import type { Dataset, Localized } from "../dataset/schema";

import type { SearchKind } from "../domain";

export type { SearchKind };

/** The searchable fields, each an indexed column, with its weight in the ranking (names first, quotes last). */
export const FIELD_WEIGHTS = {
  name: 10,
  alias: 8,
  title: 5,
  text: 4,
  author: 3,
  description: 2,
  quote: 1,
} as const;
export type SearchField = keyof typeof FIELD_WEIGHTS;
export const SEARCH_FIELDS = Object.keys(FIELD_WEIGHTS) as SearchField[];

/** Marks around a short-term token and around an exact name (control characters: never in a query). */
export const SHORT_MARK = "\u0001";
export const EXACT_MARK = "\u0002";

/**
 * Rowids per release: 2^22 (4.2 M records), at an offset from a 30-bit hash of the version, so every rowid is
 * an exact JavaScript number (under 2^53). Two kept releases sharing a range (1 in 10^9) would still be told
 * apart by the `release` column the search checks.
 */
const RELEASE_ROWS = 2 ** 22;
function fnv1a(text: string) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}
/** The rowid range [first, last] of a release's rows in `search_index`. */
export function releaseRowids(release: string): [first: number, last: number] {
  const first = ((fnv1a(release) >>> 2) + 1) * RELEASE_ROWS;
  return [first, first + RELEASE_ROWS - 1];
}

/** Columns of `search_index` written from a record (besides `release` and the rowid). */
export const SEARCH_INDEX_COLUMNS = [
  "kind",
  ...SEARCH_FIELDS,
  "exact",
  "name_short",
  "short",
  "id",
  "titles",
  "parts",
] as const;
export type SearchIndexColumn = (typeof SEARCH_INDEX_COLUMNS)[number];

/** A searchable text: its field, its language, the text. */
export type SearchPart = [field: SearchField, lang: string, text: string];

/** Facts are titled by their text, cut to about this many characters. */
export const TITLE_MAX = 160;

/** How search compares text: lower case (the tokenizer folds case too), whitespace runs as one space. */
export const foldCase = (s: string) => s.toLowerCase().replace(/\s+/gu, " ").trim();

/** Whitespace-separated terms of a query, folded, each once. */
export const queryTerms = (q: string) => [...new Set(foldCase(q).split(" ").filter(Boolean))];

/** `s` cut to at most `max` characters (code points), ending in `…` when cut. */
export function truncate(s: string, max: number) {
  const chars = [...s];
  return chars.length <= max
    ? s
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/** Characters of the scripts written without spaces between words: Han, kana and Hangul (and their punctuation). */
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
/** A letter, mark or digit (of any script). */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** Letters, marks and digits of the spaced scripts: what a whole word cannot have right before or after it. */
const joins = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c) && !CJK.test(c);

/**
 * Whether a folded term matches only whole words: 1–2 characters, none of them CJK, one a letter or a digit
 * (`AI`, `5g`, `7%`; `%` alone is found anywhere).
 */
export const wholeWordTerm = (term: string) => [...term].length < 3 && !CJK.test(term) && WORD_CHAR.test(term);

/** Whether chars[start, end) is a whole word: no letter, mark or digit of a spaced script right before or after. */
const standsAlone = (chars: readonly string[], start: number, end: number) =>
  !joins(chars[start - 1]) && !joins(chars[end]);

/** A folded term as search matches it: its characters, and whether only whole words count (wholeWordTerm). */
export interface Term {
  chars: string[];
  whole: boolean;
}
export const termOf = (term: string): Term => ({ chars: [...term], whole: wholeWordTerm(term) });

/** Whether `term` occurs in the folded `chars` at `i`, as search matches it. */
export const occursAt = (chars: readonly string[], i: number, term: Term) =>
  term.chars.every((c, j) => chars[i + j] === c) && (!term.whole || standsAlone(chars, i, i + term.chars.length));

/**
 * Whether the folded `text` holds the folded `term` as search matches it: as a substring, or as a whole word
 * for a short term of the spaced scripts (wholeWordTerm). The index (shortGrams) and the highlighting agree on it.
 */
export function holdsTerm(text: string, term: string): boolean {
  const t = termOf(term);
  if (!t.whole) return text.includes(term);
  const chars = [...text];
  for (let i = 0; i + t.chars.length <= chars.length; i++) if (occursAt(chars, i, t)) return true;
  return false;
}

/** What shortGrams needs to know of a character, as bits: whitespace, CJK, a letter, mark or digit. */
const BLANK = 1;
const CJK_CHAR = 2;
const WORDY = 4;
function classOf(c: string) {
  return (/\s/u.test(c) ? BLANK : 0) | (CJK.test(c) ? CJK_CHAR : 0) | (WORD_CHAR.test(c) ? WORDY : 0);
}
/**
 * Classes of the characters one composition has met (texts repeat a few thousand characters: one lookup, not
 * three regexes). Made per composeSearchIndex run, never held by the module.
 */
type CharClasses = Map<string, number>;
const classed = (classes: CharClasses, c: string) => {
  let k = classes.get(c);
  if (k === undefined) {
    k = classOf(c);
    classes.set(c, k);
  }
  return k;
};
/** A letter, mark or digit of a spaced script (joins: the same, by class). */
const joinsClass = (k: number | undefined) => k !== undefined && (k & (WORDY | CJK_CHAR)) === WORDY;

/**
 * Each distinct short term (1–2 characters, lower case, no whitespace) that some text holds (holdsTerm): those
 * that match anywhere, and those that match whole words where they are one. (The same rules as wholeWordTerm and
 * standsAlone, by character class.)
 */
export function shortGrams(texts: readonly string[], classes: CharClasses = new Map()): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    const chars = [...text.toLowerCase()];
    const k = chars.map((c) => classed(classes, c));
    for (let i = 0; i < chars.length; i++) {
      const a = k[i] as number;
      if (a & BLANK) continue;
      const before = !joinsClass(k[i - 1]);
      // wholeWordTerm of one character: wordy, not CJK.
      if ((a & (WORDY | CJK_CHAR)) !== WORDY || (before && !joinsClass(k[i + 1]))) out.add(chars[i] as string);
      const b = k[i + 1];
      if (b === undefined || b & BLANK) continue;
      const whole = !((a | b) & CJK_CHAR) && (a | b) & WORDY;
      if (!whole || (before && !joinsClass(k[i + 2]))) out.add(`${chars[i]}${chars[i + 1]}`);
    }
  }
  return [...out];
}

/**
 * Grams as one column value, each between marks that neighbours share (`\u0001阿里\u0001里\u0001`): a marked
 * gram occurs in it only where that gram is a token, since no gram holds a mark.
 */
export const shortColumn = (grams: readonly string[]) =>
  grams.length ? `${SHORT_MARK}${grams.join(SHORT_MARK)}${SHORT_MARK}` : "";

/** A short term as the short-term columns are searched for it. */
export const shortToken = (term: string) => `${SHORT_MARK}${term}${SHORT_MARK}`;

/** A name as the `exact` column holds it and as an exact query is looked up. */
export const exactToken = (text: string) => `${EXACT_MARK}${foldCase(text)}${EXACT_MARK}`;

export type SearchIndexRow = Record<SearchIndexColumn, string>;

/** The index row of one record from its texts. */
function indexRow(
  classes: CharClasses,
  kind: SearchKind,
  id: string,
  titles: Localized,
  parts: SearchPart[],
): SearchIndexRow {
  const column = (field: SearchField) =>
    parts
      .filter(([f]) => f === field)
      .map(([, , t]) => t)
      .join("\n");
  const names = parts.filter(([f]) => f === "name" || f === "alias");
  const rest = parts.filter(([f]) => f !== "name" && f !== "alias");
  const fields = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, column(f)])) as Record<SearchField, string>;
  return {
    kind,
    id,
    ...fields,
    exact: [...new Set(names.map(([, , t]) => exactToken(t)))].join(" "),
    // Distinct per name (a term in three names counts three times, as a word would), per record elsewhere:
    // most of the index's size is here, and the other languages and the quote repeat the same characters.
    name_short: shortColumn(names.flatMap(([, , t]) => shortGrams([t], classes))),
    short: shortColumn(
      shortGrams(
        rest.map(([, , t]) => t),
        classes,
      ),
    ),
    titles: JSON.stringify(titles),
    parts: JSON.stringify(parts),
  };
}

const localizedParts = (field: SearchField, text: Localized | undefined): SearchPart[] =>
  text ? Object.entries(text).flatMap(([lang, t]) => (t ? [[field, lang, t] as SearchPart] : [])) : [];

const cut = (text: Localized): Localized =>
  Object.fromEntries(Object.entries(text).map(([lang, t]) => [lang, t && truncate(t, TITLE_MAX)])) as Localized;

/** Every index row of a release: entities, facts, events and sources, in that order. */
export function* composeSearchIndex(d: Dataset): Generator<SearchIndexRow> {
  const classes: CharClasses = new Map();
  for (const e of d.entities) {
    yield indexRow(classes, "entity", e.id, e.name, [
      ...localizedParts("name", e.name),
      ...e.aliases.map((a): SearchPart => ["alias", a.lang, a.text]),
      ...localizedParts("description", e.description),
    ]);
  }
  for (const f of d.facts) {
    yield indexRow(classes, "fact", f.id, cut(f.text), [...localizedParts("text", f.text), ["quote", "ja", f.quote]]);
  }
  for (const e of d.events) {
    yield indexRow(classes, "event", e.id, e.title, [
      ...localizedParts("title", e.title),
      ...localizedParts("description", e.description),
      ["quote", "ja", e.quote],
    ]);
  }
  for (const s of d.sources) {
    yield indexRow(classes, "source", s.id, s.title, [
      ...localizedParts("title", s.title),
      ...(s.author ? [["author", "en", s.author] as SearchPart] : []),
      ...localizedParts("description", s.description),
    ]);
  }
}

/** How many matching records a search counts at most (`meta.total`; `meta.total_exact` says when it is capped). */
export const MAX_COUNTED = 500;
