/**
 * The HTML toolkit of the permalink pages and the oEmbed card: one escaping helper, JSON-LD made safe to
 * embed, the page CSP and the shared layout (head with OpenGraph / Twitter / alternates, landmarks, footer).
 * Everything here is pure: models in, strings out.
 */
import { LANG_TAGS, type Lang } from "../../dataset/schema";
import { LABELS } from "../../lib/labels";

/**
 * No script, no inline style: the stylesheet is the static asset /pages.css, the JSON-LD block is data (a
 * browser never runs `application/ld+json`). Frames are refused, like everywhere else (X-Frame-Options DENY).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const SITE_NAME = "Alliance Facts API" as const;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes a value for HTML text and for double- or single-quoted attribute values. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` become \u escapes (so no
 * `</script>` or `<!--` can end or confuse the block), as do the line separators JavaScript dislikes.
 * The result is still JSON that parses to the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A text together with the language it is actually in (English when the asked language was missing). */
export interface Text {
  value: string;
  lang: Lang;
}

/** `<tag lang="…">` only when the text's language differs from the page's. */
function _langAttr(text: Text, page: Lang): string {
  return text.lang === page ? "" : ` lang="${LANG_TAGS[text.lang]}"`;
}

/** A text as escaped HTML, wrapped in a span with its language when it differs from the page's. */
export function t(text: Text, page: Lang): string {
  return text.lang === page ? esc(text.value) : `<span lang="${LANG_TAGS[text.lang]}">${esc(text.value)}</span>`;
}

export const OG_LOCALES: Record<Lang, string> = { en: "en_US", ja: "ja_JP", zh: "zh_CN", "zh-Hant": "zh_TW" };

/** Cuts a text at a word boundary to at most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface Head {
  lang: Lang;
  /** Plain text; the document title and og:title. */
  title: string;
  /** Plain text; the meta description and og:description. */
  description: string;
  /** The page's canonical URL (also og:url). */
  canonical: string;
  /** The record in the JSON API. */
  json: string;
  /** The oEmbed endpoint for this page, absolute. */
  oembed: string;
  /** The same page in each language. */
  alternates: { lang: Lang; href: string }[];
  /** The JSON-LD object embedded in the page. */
  jsonLd?: unknown;
  /** The share card: og:image and twitter:image (1200×630 PNG), with its alternative text. */
  image?: { src: string; alt: string };
  /** An error page: no canonical, alternates, OpenGraph or JSON-LD, and not indexed. */
  error?: boolean;
}

export interface Chrome {
  /** Absolute origin (for the header and footer links). */
  origin: string;
  release: string;
  /** The record as this release has it (its pinned URL), for "as of release …". */
  pinned?: string;
}

/** The whole document: head, header with navigation, the main content, footer. */
export function layout(head: Head, chrome: Chrome, main: string): string {
  const L = LABELS[head.lang];
  const locale = OG_LOCALES[head.lang];
  const others = head.alternates.filter((a) => a.lang !== head.lang);
  const basics = [
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<link rel="icon" href="data:,">`,
    `<title>${esc(head.title)} — ${esc(SITE_NAME)}</title>`,
    `<meta name="description" content="${esc(head.description)}">`,
    `<meta name="color-scheme" content="light">`,
    `<link rel="stylesheet" href="/pages.css">`,
  ];
  const unfurl = [
    `<link rel="canonical" href="${esc(head.canonical)}">`,
    ...head.alternates.map(
      (a) =>
        `<link rel="alternate" hreflang="${LANG_TAGS[a.lang]}" href="${esc(a.href)}" title="${esc(L.languages[a.lang])}">`,
    ),
    `<link rel="alternate" type="application/json" href="${esc(head.json)}" title="JSON">`,
    `<link rel="alternate" type="application/json+oembed" href="${esc(head.oembed)}" title="oEmbed">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:site_name" content="${esc(SITE_NAME)}">`,
    `<meta property="og:title" content="${esc(head.title)}">`,
    `<meta property="og:description" content="${esc(head.description)}">`,
    `<meta property="og:url" content="${esc(head.canonical)}">`,
    `<meta property="og:locale" content="${esc(locale)}">`,
    ...others.map((a) => `<meta property="og:locale:alternate" content="${esc(OG_LOCALES[a.lang])}">`),
    ...(head.image
      ? [
          `<meta property="og:image" content="${esc(head.image.src)}">`,
          `<meta property="og:image:type" content="image/png">`,
          `<meta property="og:image:width" content="1200">`,
          `<meta property="og:image:height" content="630">`,
          `<meta property="og:image:alt" content="${esc(head.image.alt)}">`,
          `<meta name="twitter:card" content="summary_large_image">`,
          `<meta name="twitter:image" content="${esc(head.image.src)}">`,
          `<meta name="twitter:image:alt" content="${esc(head.image.alt)}">`,
        ]
      : [`<meta name="twitter:card" content="summary">`]),
    `<meta name="twitter:title" content="${esc(head.title)}">`,
    `<meta name="twitter:description" content="${esc(head.description)}">`,
    ...(head.jsonLd === undefined ? [] : [`<script type="application/ld+json">${jsonForScript(head.jsonLd)}</script>`]),
  ];
  const meta = head.error ? [...basics, `<meta name="robots" content="noindex">`] : [...basics, ...unfurl];
  const languages = head.alternates
    .map((a) =>
      a.lang === head.lang
        ? `<li><a href="${esc(a.href)}" hreflang="${LANG_TAGS[a.lang]}" lang="${LANG_TAGS[a.lang]}" aria-current="page">${esc(L.languages[a.lang])}</a></li>`
        : `<li><a href="${esc(a.href)}" hreflang="${LANG_TAGS[a.lang]}" lang="${LANG_TAGS[a.lang]}">${esc(LABELS[a.lang].languages[a.lang])}</a></li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="${LANG_TAGS[head.lang]}">
<head>
${meta.join("\n")}
</head>
<body>
<a class="skip" href="#main">${esc(L.skip)}</a>
<header>
<p class="site"><a href="${esc(`${chrome.origin}/docs`)}">${esc(SITE_NAME)}</a></p>
<nav aria-label="${esc(L.navLabel)}">
<ul>
<li><a href="${esc(head.json)}" type="application/json">${esc(L.json)}</a></li>
<li><a href="${esc(`${chrome.origin}/docs`)}">${esc(L.docs)}</a></li>
<li><a href="${esc(`${chrome.origin}/llms.txt`)}" type="text/markdown">llms.txt</a></li>
</ul>
</nav>
<nav aria-label="${esc(L.languagesLabel)}" class="langs">
<ul>${languages}</ul>
</nav>
</header>
<main id="main">
${main}
</main>
<footer>
<p>${esc(L.footer)} <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>. ${chrome.pinned ? `${esc(L.asOf)} <a href="${esc(chrome.pinned)}" type="application/json"><code>${esc(chrome.release)}</code></a>` : `${esc(L.release)} <code>${esc(chrome.release)}</code>`}. <a href="${esc(`${chrome.origin}/openapi.json`)}" type="application/json">OpenAPI</a></p>
</footer>
</body>
</html>
`;
}
