import type { RouteHandler } from "@hono/zod-openapi";
import {
  FIELD_WEIGHTS,
  foldCase,
  holdsTerm,
  occursAt,
  queryTerms,
  type SearchPart,
  termOf,
  truncate,
} from "../../compose/search";
import type { Localized } from "../../dataset/schema";
import type { AppEnv } from "../../env";
import { Localizer } from "../../lib/localize";
import { absolute } from "../../lib/urls";
import { MAX_COUNTED, type SearchKind, searchIndex } from "../../queries/search";
import type { search as searchRoute } from "./search.routes";

export const DEFAULT_SEARCH_LIMIT = 10;
/** Characters of context before the first highlighted match and after the last. */
const CONTEXT = 40;
/** Further matches are highlighted while the snippet stays within about this many characters. */
const SPAN = 120;
/** Markers around the match in snippets (Markdown bold). */
const MARK = "**";
const PATHS: Record<SearchKind, string> = { entity: "entities", fact: "facts", event: "events", source: "sources" };

/**
 * Where `needles` occur in `chars` (folded), as [start, end) ranges, in order, not overlapping (longest first);
 * a short term of the spaced scripts only where it is a whole word, as search matches it (holdsTerm).
 */
function occurrences(chars: string[], needles: readonly string[]) {
  const folded = chars.map((c) => c.toLowerCase());
  const sorted = needles.map(termOf).sort((a, b) => b.chars.length - a.chars.length);
  const ranges: [number, number][] = [];
  for (let i = 0; i < folded.length; ) {
    const hit = sorted.find((n) => occursAt(folded, i, n))?.chars;
    if (hit) {
      ranges.push([i, i + hit.length]);
      i += hit.length;
    } else i++;
  }
  return ranges;
}

/**
 * The text around the matches of `needles` (folded), each match wrapped in `**`: from CONTEXT characters
 * before the first to CONTEXT after the last that fits in SPAN. Computed here rather than with FTS5
 * snippet(), which cuts words apart with the trigram tokenizer.
 */
export function snippetAround(text: string, needles: readonly string[]) {
  const chars = [...text];
  const ranges = occurrences(chars, needles);
  const first = ranges[0];
  if (!first) return truncate(text, 2 * CONTEXT);
  const shown = ranges.filter(([, end]) => end - first[0] <= SPAN);
  const start = Math.max(0, first[0] - CONTEXT);
  const end = Math.min(chars.length, (shown.at(-1) ?? first)[1] + CONTEXT);
  const out = [start > 0 ? "…" : ""];
  let at = start;
  for (const [s, e] of shown) {
    out.push(chars.slice(at, s).join(""), MARK, chars.slice(s, e).join(""), MARK);
    at = e;
  }
  out.push(chars.slice(at, end).join(""), end < chars.length ? "…" : "");
  return out.join("");
}

/**
 * The record's text that matched best, and what to highlight in it: the text holding the most terms; then
 * one holding the whole query as written (highlighted whole); then by field weight times the share of the
 * text the terms cover (a name equal to the query wins over a long text mentioning it).
 */
export function bestPart(parts: SearchPart[], terms: readonly string[]) {
  const phrase = terms.join(" ");
  let best: { part: SearchPart; needles: string[]; rank: number[] } | null = null;
  for (const part of parts) {
    const text = foldCase(part[2]);
    const found = terms.filter((t) => holdsTerm(text, t));
    const whole = terms.length > 1 && text.includes(phrase);
    const covered = whole ? [...phrase].length : found.reduce((n, t) => n + [...t].length, 0);
    const rank = [found.length, whole ? 1 : 0, (FIELD_WEIGHTS[part[0]] * covered) / Math.max(1, [...text].length)];
    if (!best || compare(rank, best.rank) > 0) best = { part, needles: whole ? [phrase] : found, rank };
  }
  return best;
}

const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

export const search: RouteHandler<typeof searchRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
  const kinds = query.type ? ([...new Set(query.type.split(","))] as SearchKind[]) : null;
  const release = c.get("release").version;
  const lang = c.get("lang");
  const terms = queryTerms(query.q);

  // One query: the page's hits, best first, with their titles and texts, and the bounded count.
  const rows = await searchIndex(c.get("d1"), release, terms, kinds, limit);
  const counted = rows[0]?.total ?? 0;
  const data = rows.map((r) => {
    const l = new Localizer(lang);
    const title = l.text("title", JSON.parse(r.titles) as Localized);
    const best = bestPart(JSON.parse(r.parts) as SearchPart[], terms);
    const [field, partLang, text] = best?.part ?? ["name", "en", title];
    return {
      kind: r.kind,
      id: r.id,
      title,
      matched: { field, lang: partLang, snippet: snippetAround(text, best?.needles ?? terms) },
      score: Number(r.score.toPrecision(4)),
      href: absolute(c, `/v1/${PATHS[r.kind]}/${r.id}`),
      fallback: l.fallback,
    };
  });
  const url = new URL(c.req.url);
  return c.json(
    {
      data,
      meta: {
        release,
        lang,
        q: query.q,
        limit,
        total: Math.min(counted, MAX_COUNTED),
        total_exact: counted <= MAX_COUNTED,
      },
      links: { self: absolute(c, url.pathname + url.search) },
    },
    200,
  );
};
