/** Renders page views to HTML: pure functions, every interpolated value escaped by esc() or t(). */
import { LANG_TAGS, LANGS, type Lang } from "../../dataset/schema";
import { clip, esc, type Head, layout, type Text, t } from "./html";
import { jsonLdOf } from "./jsonld";
import { LABELS } from "../../lib/labels";
import { WORDS } from "../../render/words";
import type { EntityView, FactView, PageKind, PageView, PartnershipView, Picture, Ref, SourceView } from "./pages.data";

const humanize = (value: string) => value.replaceAll("_", " ");

function link(ref: Ref, page: Lang): string {
  return `<a href="${esc(ref.href)}"${ref.label.lang === page ? "" : ` hreflang="${LANG_TAGS[ref.label.lang]}"`}>${t(ref.label, page)}</a>`;
}

function section(id: string, heading: string, body: string): string {
  return `<section aria-labelledby="${esc(id)}">\n<h2 id="${esc(id)}">${esc(heading)}</h2>\n${body}\n</section>`;
}

function list(items: string[]): string {
  return `<ul>\n${items.map((i) => `<li>${i}</li>`).join("\n")}\n</ul>`;
}

/** A picture (SVG, same origin: the CSP's img-src 'self'), its alternative text, and a caption linking it. */
function picture(p: Picture): string {
  return `<figure class="picture">\n<img src="${esc(p.src)}" alt="${esc(p.alt)}" loading="lazy" decoding="async">\n<figcaption>${esc(p.caption)} <a href="${esc(p.src)}" type="image/svg+xml">SVG</a></figcaption>\n</figure>`;
}

function refList(refs: Ref[], page: Lang): string {
  return list(refs.map((r) => `${link(r, page)}${r.note ? ` <span class="note">${esc(r.note)}</span>` : ""}`));
}

/** Punctuation around the page's own words: full-width, with no spaces, in Chinese and Japanese. */
const PUNCT: Record<Lang, { colon: string; semi: string; end: string; comma: string; paren: (x: string) => string }> = {
  en: { colon: ": ", semi: "; ", end: ". ", comma: ", ", paren: (x) => ` (${x})` },
  ja: { colon: "：", semi: "；", end: "。", comma: "、", paren: (x) => `（${x}）` },
  zh: { colon: "：", semi: "；", end: "。", comma: "，", paren: (x) => `（${x}）` },
  "zh-Hant": { colon: "：", semi: "；", end: "。", comma: "，", paren: (x) => `（${x}）` },
};

/** A source's credit as the citations give it: the author first, then publisher and date ("Kiki, Gate (2025-02)"). */
function credit(s: SourceView, page: Lang, date: string, linked?: string): string {
  const p = PUNCT[page];
  const head = s.author ? esc(s.author) : t(s.publisher, page);
  const shown = linked ? `<a href="${esc(linked)}">${head}</a>` : head;
  return `${shown}${p.paren(s.author ? `${t(s.publisher, page)}${p.comma}${date}` : date)}`;
}

/** One source: author, publisher, date, and the title linked to where it can be read. */
function sourceItem(s: SourceView, page: Lang): string {
  const title = `<a href="${esc(s.url ?? s.href)}"${s.title.lang === page ? "" : ` lang="${LANG_TAGS[s.title.lang]}"`}><cite>${esc(s.title.value)}</cite></a>`;
  return `${credit(s, page, `<time>${esc(s.date)}</time>`)}${PUNCT[page].end}${title}${s.url ? ` <a class="note" href="${esc(s.href)}" type="application/json">[${esc(s.id)}]</a>` : ""}`;
}

function sourcesInline(sources: SourceView[], page: Lang): string {
  return sources.map((s) => credit(s, page, esc(s.date), s.url ?? s.href)).join(PUNCT[page].semi);
}

/** The statement as a blockquote, its sources, and the ready-made citation to copy. */
function citationBlock(v: PageView): string {
  const L = LABELS[v.lang];
  const sources = v.sources.length
    ? `<ol class="sources">\n${v.sources.map((s) => `<li>${sourceItem(s, v.lang)}</li>`).join("\n")}\n</ol>`
    : "";
  return [
    v.sources.length ? section("sources", L.sources, sources) : "",
    section(
      "cite",
      L.cite,
      `<h3>${esc(L.citeText)}</h3>\n<pre><code>${esc(v.citation.text)}</code></pre>\n<h3>${esc(L.citeMarkdown)}</h3>\n<pre><code>${esc(v.citation.markdown)}</code></pre>`,
    ),
  ].join("\n");
}

function kicker(kind: PageKind, page: Lang, extra: string): string {
  return `<p class="kicker">${esc(LABELS[page].kinds[kind])}${extra ? ` · ${extra}` : ""}</p>`;
}

function factMain(v: FactView): string {
  const L = LABELS[v.lang];
  const about = [
    v.entities.length ? `<h3>${esc(L.about)}</h3>\n${refList(v.entities, v.lang)}` : "",
    v.figures.length
      ? `<h3>${esc(L.figures)}</h3>\n${list(v.figures.map((f) => `<a href="${esc(f.href)}">${esc(f.display)}</a> <span class="note">${esc(f.note ?? "")} · ${esc(humanize(f.metric))}</span>`))}`
      : "",
    v.events.length ? `<h3>${esc(L.events)}</h3>\n${refList(v.events, v.lang)}` : "",
    v.story ? `<h3>${esc(L.story)}</h3>\n<p>${link(v.story, v.lang)}</p>` : "",
  ].filter(Boolean);
  return [
    `<article>`,
    kicker("facts", v.lang, `<span class="status status-${esc(v.status)}">${esc(L.factStatus[v.status])}</span>`),
    `<h1${v.statement.lang === v.lang ? "" : ` lang="${LANG_TAGS[v.statement.lang]}"`}>${esc(v.statement.value)}</h1>`,
    v.sources.length ? `<p class="byline">— ${sourcesInline(v.sources, v.lang)}</p>` : "",
    v.quote
      ? section(
          "original",
          L.original,
          `<blockquote lang="ja"${v.quoteSource ? ` cite="${esc(v.quoteSource.url ?? v.quoteSource.href)}"` : ""}><p>${esc(v.quote)}</p></blockquote>`,
        )
      : "",
    citationBlock(v),
    about.length ? section("related", L.related, about.join("\n")) : "",
    `</article>`,
  ]
    .filter(Boolean)
    .join("\n");
}

function entityMain(v: EntityView): string {
  const L = LABELS[v.lang];
  const names = list(
    v.names.map(
      (n) =>
        `<span class="note">${esc(L.languages[n.lang])}</span> <span lang="${LANG_TAGS[n.lang]}">${esc(n.text)}</span>`,
    ),
  );
  const aliases = v.aliases.length
    ? `<h3>${esc(L.aliases)}</h3>\n${list(v.aliases.map((a) => `<span lang="${esc(a.lang)}">${esc(a.text)}</span>${a.note ? ` <span class="note" lang="en">${esc(a.note)}</span>` : ""}`))}`
    : "";
  const relations = v.relations.map((r) => {
    const side = (ref: Ref, isSelf: boolean) =>
      isSelf ? `<strong>${t(ref.label, v.lang)}</strong>` : link(ref, v.lang);
    return `${side(r.subject, r.self === "subject")} <span class="note"${v.lang === "en" ? "" : ' lang="en"'}>${esc(humanize(r.type))}</span> ${side(r.object, r.self === "object")}`;
  });
  return [
    `<article>`,
    kicker("entities", v.lang, esc(humanize(v.type))),
    `<h1${v.name.lang === v.lang ? "" : ` lang="${LANG_TAGS[v.name.lang]}"`}>${esc(v.name.value)}</h1>`,
    `<p class="lead"${v.descriptionText.lang === v.lang ? "" : ` lang="${LANG_TAGS[v.descriptionText.lang]}"`}>${esc(v.descriptionText.value)}</p>`,
    v.url ? `<p>${esc(L.website)}${PUNCT[v.lang].colon}<a href="${esc(v.url)}">${esc(v.url)}</a></p>` : "",
    section("names", L.names, `${names}\n${aliases}`),
    v.charts.length ? section("budget-checks", WORDS[v.lang].chart, v.charts.map(picture).join("\n")) : "",
    v.relations.length ? section("relations", L.relations, list(relations)) : "",
    v.partnerships.length ? section("partnerships", L.partnerships, refList(v.partnerships, v.lang)) : "",
    v.facts.length ? section("facts", L.facts, refList(v.facts, v.lang)) : "",
    citationBlock(v),
    `</article>`,
  ]
    .filter(Boolean)
    .join("\n");
}

function partnershipMain(v: PartnershipView): string {
  const L = LABELS[v.lang];
  const history = list(
    v.history.map(
      (h) =>
        `<time>${esc(h.date)}</time> <strong>${esc(L.partnershipStatus[h.status])}</strong>${PUNCT[v.lang].colon}${t(h.note, v.lang)}${h.sources.length ? ` <span class="note">— ${sourcesInline(h.sources, v.lang)}</span>` : ""}`,
    ),
  );
  const reasons = list(
    v.reasons.map(
      (r) =>
        `${t(r.text, v.lang)}<span class="note">${PUNCT[v.lang].paren(`${esc(L.basis[r.basis])}${r.sources.length ? `${PUNCT[v.lang].semi}${sourcesInline(r.sources, v.lang)}` : ""}`)}</span>`,
    ),
  );
  return [
    `<article>`,
    kicker("partnerships", v.lang, `<span class="status">${esc(L.partnershipStatus[v.status])}</span>`),
    `<h1>${link(v.parties[0], v.lang)} × ${link(v.parties[1], v.lang)}${PUNCT[v.lang].colon}${t(v.subject, v.lang)}</h1>`,
    `<p class="lead"><strong>${esc(L.status)}${PUNCT[v.lang].colon}${esc(L.partnershipStatus[v.status])}${PUNCT[v.lang].end.trimEnd()}</strong>${v.lang === "en" ? " " : ""}${t(v.summary, v.lang)}</p>`,
    v.sources.length ? `<p class="byline">— ${sourcesInline(v.sources, v.lang)}</p>` : "",
    v.history.length ? section("history", L.history, `${v.timeline ? `${picture(v.timeline)}\n` : ""}${history}`) : "",
    v.reasons.length ? section("reasons", L.reasons, reasons) : "",
    v.events.length ? section("timeline", L.timeline, refList(v.events, v.lang)) : "",
    citationBlock(v),
    `</article>`,
  ]
    .filter(Boolean)
    .join("\n");
}

export function headOf(v: PageView): Head {
  return {
    lang: v.lang,
    title: clip(v.title, 120),
    description: clip(v.description, 300),
    canonical: v.canonical,
    json: v.json,
    oembed: v.oembed,
    alternates: v.alternates,
    jsonLd: jsonLdOf(v),
    image: { src: v.card, alt: clip(v.statement.value, 420) },
  };
}

/** The whole permalink page of a record. */
export function renderPage(v: PageView): string {
  const main = v.kind === "facts" ? factMain(v) : v.kind === "entities" ? entityMain(v) : partnershipMain(v);
  const pinned = `${v.origin}/v1/releases/${v.release}/${v.kind}/${v.id}${v.lang === "en" ? "" : `?lang=${v.lang}`}`;
  return layout(headOf(v), { origin: v.origin, release: v.release, pinned }, main);
}

/** The 404 page: what was asked, and close ids that do exist. */
export function renderNotFound(input: {
  kind: PageKind;
  id: string;
  lang: Lang;
  origin: string;
  release: string;
  suggestions: string[];
}): string {
  const L = LABELS[input.lang];
  const path = `/${input.kind}/${input.id}`;
  const withLang = (url: string, l: Lang) => (l === "en" ? url : `${url}?lang=${l}`);
  const suggestions = input.suggestions.map(
    (s) => `<a href="${esc(withLang(`${input.origin}/${input.kind}/${s}`, input.lang))}">${esc(s)}</a>`,
  );
  const head: Head = {
    lang: input.lang,
    title: `${L.notFound}${PUNCT[input.lang].colon}${path}`,
    description: L.notFoundText,
    canonical: `${input.origin}${path}`,
    json: `${input.origin}/v1/${input.kind}`,
    oembed: `${input.origin}/oembed?url=${encodeURIComponent(`${input.origin}${path}`)}&format=json`,
    alternates: LANGS.map((l) => ({ lang: l, href: withLang(`${input.origin}${path}`, l) })),
    error: true,
  };
  const main = [
    `<h1>${esc(L.notFound)}</h1>`,
    `<p><code>${esc(path)}</code> — ${esc(L.notFoundText)}</p>`,
    suggestions.length ? `<p>${esc(L.didYouMean)}</p>\n${list(suggestions)}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return layout(head, { origin: input.origin, release: input.release }, main);
}

/** The embeddable card for oEmbed: a blockquote with the statement, its sources and a link; no script. */
export function renderCard(v: PageView, width: number): string {
  const L = LABELS[v.lang];
  const extra: Text | null =
    v.kind === "entities"
      ? null
      : v.kind === "partnerships"
        ? { value: clip(v.summary.value, 280), lang: v.summary.lang }
        : null;
  const cite = v.sources.length ? `${sourcesInline(v.sources, v.lang)} · ` : "";
  return [
    `<blockquote class="alliance-facts-card" lang="${LANG_TAGS[v.lang]}" cite="${esc(v.permalink)}" style="margin:0;max-width:${width}px">`,
    `<p>${t(v.statement, v.lang)}</p>`,
    extra ? `<p>${t(extra, v.lang)}</p>` : "",
    `<p>— ${cite}<a href="${esc(v.canonical)}">${esc(L.kinds[v.kind])}: ${esc(v.id)}</a></p>`,
    `</blockquote>`,
  ]
    .filter(Boolean)
    .join("");
}
