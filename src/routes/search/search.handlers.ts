import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { orm } from "../../queries/common";
import { Localizer } from "../../lib/localize";
import { absolute } from "../../lib/urls";
import { SEARCH_KINDS, type SearchKind, searchRows, titlesOf } from "../../queries/search";
import type { search as searchRoute } from "./search.routes";

export const DEFAULT_SEARCH_LIMIT = 10;
const TITLE_MAX = 160;
const CONTEXT = 40;
/** Markers around the match in snippets (Markdown bold). */
const MARK = "**";
const PATHS: Record<SearchKind, string> = { entity: "entities", fact: "facts", event: "events", source: "sources" };

const truncate = (s: string, max: number) => {
  const chars = [...s];
  return chars.length <= max
    ? s
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
};

/**
 * The text around the first occurrence of `q` (case-insensitive), the match wrapped in `**`. Computed here
 * rather than with FTS5 snippet(), which cuts words apart with the trigram tokenizer.
 */
export function snippetAround(text: string, q: string) {
  const chars = [...text];
  const n = [...q].length;
  const needle = q.toLowerCase();
  const slice = (from: number, to: number) => chars.slice(from, to).join("");
  let at = -1;
  for (let i = 0; i + n <= chars.length && at < 0; i++) {
    if (slice(i, i + n).toLowerCase() === needle) at = i;
  }
  if (at < 0) return truncate(text, 2 * CONTEXT);
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(chars.length, at + n + CONTEXT);
  return [
    start > 0 ? "…" : "",
    slice(start, at),
    MARK,
    slice(at, at + n),
    MARK,
    slice(at + n, end),
    end < chars.length ? "…" : "",
  ].join("");
}

export const search: RouteHandler<typeof searchRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
  const kinds = query.type ? ([...new Set(query.type.split(","))] as SearchKind[]) : null;
  const db = orm(c.get("d1"));
  const release = c.get("release").version;
  const lang = c.get("lang");

  // Best row per record (rows come best first), then the first `limit` records.
  const rows = await searchRows(db, release, query.q, kinds);
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!best.has(`${r.kind}/${r.id}`)) best.set(`${r.kind}/${r.id}`, r);
  const top = [...best.values()].slice(0, limit);

  const ids = Object.fromEntries(SEARCH_KINDS.map((k) => [k, top.filter((r) => r.kind === k).map((r) => r.id)]));
  const titles = await titlesOf(db, release, ids as Record<SearchKind, string[]>);
  const data = top.map((r) => {
    const l = new Localizer(lang);
    const title = l.text("title", titles.get(`${r.kind}/${r.id}`) ?? { en: r.id }) ?? r.id;
    return {
      kind: r.kind,
      id: r.id,
      title: r.kind === "fact" ? truncate(title, TITLE_MAX) : title,
      matched: { field: r.field, lang: r.lang, snippet: snippetAround(r.text, query.q) },
      score: Number(r.score.toPrecision(4)),
      href: absolute(c, `/v1/${PATHS[r.kind]}/${r.id}`),
      fallback: l.fallback,
    };
  });
  const url = new URL(c.req.url);
  return c.json(
    {
      data,
      meta: { release, lang, q: query.q, limit, total: data.length },
      links: { self: absolute(c, url.pathname + url.search) },
    },
    200,
  );
};
