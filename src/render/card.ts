/**
 * The share card of a record (1200×630, what chat apps show when a permalink is posted): the kind and
 * status, the statement (or name and description) large, the sources with publishers and dates, the release
 * and the site's name. Pure: a layout tree for satori (plain element objects, no JSX runtime) and the list
 * of every text it prints (what the fonts must cover). Rasterizing is ./png.ts.
 */
import { creditOf } from "../compose/citation";
import { type FigureDoc, figureDocStatement } from "../compose/figures";
import type { Lang } from "../domain";
import { LABELS } from "../lib/labels";
import { WORDS } from "./words";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
export const CARD_KINDS = ["facts", "figures", "entities", "partnerships"] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** What a card shows, taken from a composed document (a page view, or a figure). */
export interface CardInput {
  kind: CardKind;
  id: string;
  lang: Lang;
  statement: string;
  status: string | null;
  sources: { publisher: string; author: string | null; date: string }[];
  release: string;
}

const SITE = "Alliance Facts API";
const KIND_WORDS: Record<Lang, Record<"figures", string>> = {
  en: { figures: "Figure" },
  ja: { figures: "数値" },
  zh: { figures: "数值" },
  "zh-Hant": { figures: "數值" },
};
const FIGURE_KINDS: Record<Lang, Record<FigureDoc["kind"], string>> = {
  en: { reported: "reported", measured: "measured", recommended_limit: "recommended limit", derived: "derived" },
  ja: { reported: "報道値", measured: "実測値", recommended_limit: "推奨上限", derived: "算出値" },
  zh: { reported: "报道值", measured: "实测值", recommended_limit: "建议上限", derived: "推算值" },
  "zh-Hant": { reported: "報道值", measured: "實測值", recommended_limit: "建議上限", derived: "推算值" },
};
const ACCENTS: Record<CardKind, string> = {
  facts: "#0b4fa8",
  figures: "#1d6b34",
  entities: "#4b3fb8",
  partnerships: "#9a4a00",
};
/** The font families, by the language's CJK face first: satori falls back along the list glyph by glyph. */
export const FACE_ORDER: Record<Lang, string> = {
  en: "Noto Sans, Noto Sans JP",
  ja: "Noto Sans JP, Noto Sans",
  zh: "Noto Sans SC, Noto Sans",
  "zh-Hant": "Noto Sans TC, Noto Sans",
};

const clipText = (text: string, max: number) => {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
};

/** The texts of a card, as printed. */
export function cardTexts(c: CardInput) {
  const W = WORDS[c.lang];
  const L = LABELS[c.lang];
  const kind = c.kind === "figures" ? KIND_WORDS[c.lang].figures : L.kinds[c.kind];
  const wide = [...c.statement].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x2e80).length > c.statement.length / 3;
  const statement = clipText(c.statement, wide ? 90 : 170);
  const sources = c.sources.length
    ? `${L.sources}${W.colon}${clipText(c.sources.map((s) => creditOf(s, c.lang)).join(W.semi), wide ? 80 : 150)}`
    : "";
  return {
    kicker: c.status ? `${kind}${W.sep}${c.status}` : kind,
    statement,
    sources,
    release: `${L.release}${W.colon}${c.release}`,
    site: SITE,
    size: [...statement].length * (wide ? 1.8 : 1) > 110 ? 44 : 56,
  };
}

type Element = { type: string; props: Record<string, unknown> };
const el = (type: string, style: Record<string, unknown>, children?: unknown): Element => ({
  type,
  props: { style, ...(children === undefined ? {} : { children }) },
});

/** The layout tree satori renders. */
export function cardTree(c: CardInput): Element {
  const t = cardTexts(c);
  const accent = ACCENTS[c.kind];
  return el(
    "div",
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: "flex",
      flexDirection: "column",
      justifyContent: "space-between",
      backgroundColor: "#ffffff",
      borderLeft: `24px solid ${accent}`,
      padding: "56px 64px 48px 64px",
      fontFamily: FACE_ORDER[c.lang],
      color: "#1b1b1f",
    },
    [
      el("div", { display: "flex", flexDirection: "column" }, [
        el("div", { display: "flex", fontSize: 30, fontWeight: 700, color: accent }, t.kicker),
        el(
          "div",
          { display: "block", marginTop: 24, fontSize: t.size, fontWeight: 700, lineHeight: 1.3, lineClamp: 5 },
          t.statement,
        ),
      ]),
      el("div", { display: "flex", flexDirection: "column" }, [
        t.sources
          ? el("div", { display: "block", fontSize: 26, color: "#3d3d47", lineHeight: 1.4, lineClamp: 2 }, t.sources)
          : el("div", { display: "flex" }, ""),
        el(
          "div",
          {
            display: "flex",
            justifyContent: "space-between",
            marginTop: 24,
            paddingTop: 16,
            borderTop: "2px solid #d6d6de",
            fontSize: 24,
            color: "#3d3d47",
          },
          [
            el("div", { display: "flex", fontWeight: 700, color: "#1b1b1f" }, t.site),
            el("div", { display: "flex" }, t.release),
          ],
        ),
      ]),
    ],
  );
}

/** The card of a permalink page's view (facts, entities, partnerships). */
export function cardOfView(
  v: {
    kind: "facts" | "entities" | "partnerships";
    id: string;
    lang: Lang;
    statement: { value: string };
    citation: { sources: { publisher: string; author: string | null; date: string }[] };
    status?: string;
  },
  release: string,
): CardInput {
  const L = LABELS[v.lang];
  // A partnership's statement ends with its status; an entity's is its name and description.
  const status = v.kind === "facts" ? L.factStatus[v.status as keyof typeof L.factStatus] : null;
  return {
    kind: v.kind,
    id: v.id,
    lang: v.lang,
    statement: v.statement.value,
    status: status ?? null,
    sources: v.citation.sources,
    release,
  };
}

/** The card of a figure document. */
export function cardOfFigure(f: FigureDoc, lang: Lang, release: string): CardInput {
  const statement = figureDocStatement(f, lang);
  return {
    kind: "figures",
    id: f.id,
    lang,
    statement,
    status: FIGURE_KINDS[lang][f.kind],
    sources: f.citation.sources,
    release,
  };
}
