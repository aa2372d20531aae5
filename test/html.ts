/** Reads an HTML page with workerd's HTMLRewriter (a real streaming HTML parser): what the tests assert on. */

export interface ParsedPage {
  lang: string | null;
  /** meta property/name → content (first wins; og:locale:alternate collected apart). */
  meta: Record<string, string>;
  localeAlternates: string[];
  links: { rel: string; type: string | null; href: string; hreflang: string | null }[];
  h1: string[];
  /** The raw text of each <script> and its type. */
  scripts: { type: string | null; text: string }[];
  /** Tag names of the landmarks present. */
  landmarks: string[];
  /** Every <a href>. */
  anchors: { href: string; text: string }[];
  /** Every src/href the page asks the browser to load (stylesheets, scripts, images). */
  loads: string[];
  robots: string | null;
  /** All text, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
/** HTMLRewriter hands over raw text; decode the few entities the pages use. */
export const decode = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] as string);

export async function parsePage(html: string): Promise<ParsedPage> {
  const page: ParsedPage = {
    lang: null,
    meta: {},
    localeAlternates: [],
    links: [],
    h1: [],
    scripts: [],
    landmarks: [],
    anchors: [],
    loads: [],
    robots: null,
    text: "",
  };
  let h1: string | null = null;
  let script: { type: string | null; text: string } | null = null;
  let anchor: { href: string; text: string } | null = null;
  const attr = (e: Element, name: string) => {
    const v = e.getAttribute(name);
    return v === null ? null : decode(v);
  };
  await new HTMLRewriter()
    .on("html", {
      element(e) {
        page.lang = attr(e, "lang");
      },
    })
    .on("meta", {
      element(e) {
        const key = attr(e, "property") ?? attr(e, "name");
        const content = attr(e, "content") ?? "";
        if (!key) return;
        if (key === "og:locale:alternate") page.localeAlternates.push(content);
        else if (key === "robots") page.robots = content;
        else page.meta[key] ??= content;
      },
    })
    .on("link", {
      element(e) {
        const link = {
          rel: attr(e, "rel") ?? "",
          type: attr(e, "type"),
          href: attr(e, "href") ?? "",
          hreflang: attr(e, "hreflang"),
        };
        page.links.push(link);
        if (link.rel === "stylesheet" || link.rel === "icon" || link.rel === "preload") page.loads.push(link.href);
      },
    })
    .on("h1", {
      element(e) {
        h1 = "";
        e.onEndTag(() => {
          page.h1.push(decode((h1 as string).replace(/\s+/g, " ").trim()));
          h1 = null;
        });
      },
    })
    .on("script", {
      element(e) {
        script = { type: attr(e, "type"), text: "" };
        const src = attr(e, "src");
        if (src) page.loads.push(src);
        e.onEndTag(() => {
          page.scripts.push(script as { type: string | null; text: string });
          script = null;
        });
      },
    })
    .on("img, iframe, audio, video, source, object, embed", {
      element(e) {
        const src = attr(e, "src") ?? attr(e, "data");
        if (src) page.loads.push(src);
      },
    })
    .on("header, main, footer, nav", {
      element(e) {
        page.landmarks.push(e.tagName);
      },
    })
    .on("a", {
      element(e) {
        anchor = { href: attr(e, "href") ?? "", text: "" };
        e.onEndTag(() => {
          const a = anchor as { href: string; text: string };
          page.anchors.push({ href: a.href, text: decode(a.text.replace(/\s+/g, " ").trim()) });
          anchor = null;
        });
      },
    })
    .onDocument({
      text(t) {
        if (h1 !== null) h1 += t.text;
        if (script !== null) script.text += t.text;
        if (anchor !== null) anchor.text += t.text;
        page.text += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  page.text = decode(page.text);
  return page;
}
