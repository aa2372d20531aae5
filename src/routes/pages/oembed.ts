/** GET /oembed: oEmbed 1.0 (type rich) for the permalink pages. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { LANG_TAGS, type Lang } from "../../dataset/schema";
import { matchLang } from "../../lib/lang";
import type { AppEnv } from "../../env";
import { ProblemError, problem } from "../../lib/problem";
import { origin } from "../../lib/urls";
import { SITE_NAME } from "./html";
import { loadView, PAGE_KINDS, type PageKind, type PageView } from "./pages.data";
import type { oembed } from "./pages.routes";
import { CARD_HEIGHT, CARD_WIDTH } from "../../render/card";
import { renderCard } from "./render";

export const DEFAULT_WIDTH = 480;
/** Seconds a consumer may keep a card: as long as clients may keep the release-bound answers. */
export const CACHE_AGE = 300;

const PERMALINK = new RegExp(`^/(${PAGE_KINDS.join("|")})/([^/]+)/?$`);

/** The kind, id and language of one of our permalinks, or null for any other URL. */
export function parsePermalink(
  c: Context<AppEnv>,
  url: string,
): { kind: PageKind; id: string; lang: Lang | null } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const origins = new Set([new URL(c.req.url).origin, origin(c)]);
  if (!origins.has(parsed.origin)) return null;
  const match = PERMALINK.exec(parsed.pathname);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[2] as string);
  } catch {
    return null;
  }
  const lang = parsed.searchParams.get("lang");
  return {
    kind: match[1] as PageKind,
    id,
    lang: matchLang(lang ?? undefined),
  };
}

/**
 * A rough height for the card at a width: 8 px per Latin character and 16 px per CJK one on 24 px lines,
 * plus paragraph spacing. Consumers size the frame from it; it never exceeds maxheight.
 */
export function estimateHeight(texts: string[], width: number): number {
  const inner = Math.max(120, width - 32);
  let height = 16;
  for (const text of texts) {
    let px = 0;
    for (const ch of text) px += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 16 : 8;
    height += Math.max(1, Math.ceil(px / inner)) * 24 + 16;
  }
  return height;
}

function notImplemented(c: Context<AppEnv>): Response {
  return problem(c, "not-implemented", {
    detail: "Only format=json is implemented; oEmbed allows a provider to answer 501 for xml.",
    errors: [{ parameter: "format", in: "query", detail: "must be json" }],
  });
}

function cardOf(c: Context<AppEnv>, view: PageView, maxwidth?: number, maxheight?: number) {
  const width = Math.min(maxwidth ?? DEFAULT_WIDTH, DEFAULT_WIDTH);
  const first = view.citation.sources[0];
  const texts = [view.statement.value, view.citation.sources.map((s) => s.publisher).join("; ")];
  if (view.kind === "partnerships") texts.push(view.summary.value.slice(0, 280));
  const estimated = estimateHeight(texts, width);
  return {
    type: "rich" as const,
    version: "1.0" as const,
    title: view.title,
    ...(first ? { author_name: first.publisher, author_url: first.url ?? first.href } : {}),
    provider_name: SITE_NAME,
    provider_url: `${origin(c)}/`,
    cache_age: CACHE_AGE,
    thumbnail_url: view.card,
    thumbnail_width: CARD_WIDTH,
    thumbnail_height: CARD_HEIGHT,
    html: renderCard(view, width),
    width,
    height: maxheight ? Math.min(estimated, maxheight) : estimated,
  };
}

export const get: RouteHandler<typeof oembed, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  if (query.format === "xml") return notImplemented(c) as never;
  const target = parsePermalink(c, query.url);
  if (!target) {
    throw new ProblemError("not-found", {
      detail: `"${query.url}" is not a permalink of this API: oEmbed serves ${origin(c)}/facts/{id}, /entities/{id} and /partnerships/{id}.`,
    });
  }
  const lang = target.lang ?? c.get("lang");
  c.set("lang", lang);
  let loaded = await loadView(c, target.kind, target.id);
  if ("redirect" in loaded) loaded = await loadView(c, target.kind, loaded.redirect);
  if (!("view" in loaded)) {
    throw new ProblemError("not-found", {
      detail: `No ${target.kind.replace(/s$/, "").replace(/ie$/, "y")} has the id "${target.id}".`,
      suggestions: "missing" in loaded ? loaded.missing : [],
    });
  }
  c.header("Content-Language", LANG_TAGS[lang]);
  return c.json(cardOf(c, loaded.view, query.maxwidth, query.maxheight), 200);
};
