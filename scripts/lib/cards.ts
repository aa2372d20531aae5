/** The share cards of a composed release, for the font subsetting script and the cards test (Node). */
import type { DocumentRow } from "../../src/compose";
import type { FigureDoc } from "../../src/compose/figures";
import { pageViewsOf } from "../../src/compose/pages";
import type { Lang } from "../../src/domain";
import { type CardInput, cardOfFigure, cardOfView, cardTexts } from "../../src/render/card";
import { WORDS } from "../../src/render/words";

/** The fontsource files subset for the cards, and the names they are written under in src/render/fonts/. */
export const FONT_FILES = ([400, 700] as const).flatMap((w) => [
  {
    name: "Noto Sans",
    weight: w,
    package: "noto-sans",
    css: `latin-${w}.css`,
    file: `noto-sans-latin-${w}-normal.woff`,
    out: `noto-sans-${w}.bin`,
    langs: undefined,
  },
  // Japanese is also the CJK fallback of the English cards (a name or title in CJK script).
  {
    name: "Noto Sans JP",
    weight: w,
    package: "noto-sans-jp",
    css: `japanese-${w}.css`,
    file: `noto-sans-jp-japanese-${w}-normal.woff`,
    out: `noto-sans-jp-${w}.bin`,
    langs: ["ja", "en"] as Lang[],
  },
  {
    name: "Noto Sans SC",
    weight: w,
    package: "noto-sans-sc",
    css: `chinese-simplified-${w}.css`,
    file: `noto-sans-sc-chinese-simplified-${w}-normal.woff`,
    out: `noto-sans-sc-${w}.bin`,
    langs: ["zh"] as Lang[],
  },
  {
    name: "Noto Sans TC",
    weight: w,
    package: "noto-sans-tc",
    css: `chinese-traditional-${w}.css`,
    file: `noto-sans-tc-chinese-traditional-${w}-normal.woff`,
    out: `noto-sans-tc-${w}.bin`,
    langs: ["zh-Hant"] as Lang[],
  },
]);

/** Every card of a release: each fact, figure, entity and partnership in each language. */
export function allCards(documents: DocumentRow[], release = "000000000000"): CardInput[] {
  const cards: CardInput[] = pageViewsOf(documents, release).map((v) => cardOfView(v, release));
  for (const d of documents) {
    if (d.kind === "figure") cards.push(cardOfFigure(JSON.parse(d.body) as FigureDoc, d.lang as Lang, release));
  }
  return cards;
}

/** Every character the cards (of `langs`) may print: their texts, the words around them, ASCII, dashes. */
export function allCardTexts(documents: DocumentRow[], langs?: readonly Lang[]): string {
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
  const cards = allCards(documents).filter((c) => !langs || langs.includes(c.lang));
  const texts = cards.flatMap((c) => {
    const t = cardTexts(c);
    return [t.kicker, t.statement, t.sources, t.release, t.site];
  });
  const words = Object.entries(WORDS)
    .filter(([l]) => !langs || langs.includes(l as Lang))
    .flatMap(([, w]) => [w.colon, w.semi, w.sep, w.comma]);
  return [...new Set([ascii, "…—–“”‘’", ...words, ...texts].join(""))].join("");
}
