/**
 * The share cards' fonts cover every character every card of the release prints, in every language, with
 * the faces of that language (Noto Sans and Noto Sans JP for English and Japanese, SC for Simplified and TC
 * for Traditional Chinese), at the weight it is printed in: read from the committed font files with harfbuzz.
 * When this fails after a data change, run `npm run cards:fonts`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allCards } from "../../scripts/lib/cards";
import { loadDataset, ROOT } from "../../scripts/lib/files";
import { composeRelease } from "../../src/compose";
import { withHant } from "../../src/dataset/hant";
import type { Lang } from "../../src/domain";
import { CARD_HEIGHT, CARD_WIDTH, cardTexts, FACE_ORDER } from "../../src/render/card";

const FONTS = join(ROOT, "src/render/fonts");

/** What this test uses of harfbuzzjs (which ships no types). */
interface HarfBuzz {
  createBlob(data: Uint8Array): { destroy(): void };
  createFace(blob: unknown, index: number): { collectUnicodes(): Uint32Array; destroy(): void };
}

/** The fonts as src/render/fonts/index.ts lists them: family, weight and the code points each maps. */
async function fonts() {
  // harfbuzzjs exports a promise (CommonJS): required, not imported, so no interop wraps it.
  const hb = await (createRequire(import.meta.url)("harfbuzzjs") as Promise<HarfBuzz>);
  const index = readFileSync(join(FONTS, "index.ts"), "utf8");
  const files = new Map([...index.matchAll(/import (f\d+) from "\.\/([^"]+)";/g)].map((m) => [m[1], m[2]]));
  return [...index.matchAll(/\{ name: "([^"]+)", weight: (\d+), data: (f\d+) \}/g)].map((m) => {
    const blob = hb.createBlob(readFileSync(join(FONTS, files.get(m[3] as string) as string)));
    const face = hb.createFace(blob, 0);
    const unicodes = new Set<number>(face.collectUnicodes());
    face.destroy();
    blob.destroy();
    return { name: m[1] as string, weight: Number(m[2]), unicodes };
  });
}

describe("the share cards' fonts", () => {
  it("cover every character of every card, in the faces of its language, at its weights", async () => {
    const loaded = loadDataset();
    if (!loaded.ok) throw new Error("invalid dataset");
    const documents = [...composeRelease(withHant(loaded.dataset), "0123456789ab")].flatMap((c) =>
      c.table === "documents" ? [c.row] : [],
    );
    const cards = allCards(documents, "0123456789ab");
    // Every fact, figure, entity and partnership, in every language.
    const kinds = new Set(cards.map((c) => `${c.kind}/${c.lang}`));
    expect(kinds.size).toBe(16);
    const all = await fonts();
    expect(all.length).toBeGreaterThanOrEqual(8);
    const missing = new Set<string>();
    for (const card of cards) {
      const t = cardTexts(card);
      const families = FACE_ORDER[card.lang as Lang].split(", ");
      const covers = (ch: string, weight: number) =>
        all.some(
          (f) => f.weight === weight && families.includes(f.name) && f.unicodes.has(ch.codePointAt(0) as number),
        );
      for (const [text, weight] of [
        [t.kicker, 700],
        [t.statement, 700],
        [t.site, 700],
        [t.sources, 400],
        [t.release, 400],
      ] as const) {
        for (const ch of text) if (ch.trim() !== "" && !covers(ch, weight)) missing.add(`${card.lang} ${weight} ${ch}`);
      }
    }
    expect([...missing]).toEqual([]);
    expect([CARD_WIDTH, CARD_HEIGHT]).toEqual([1200, 630]);
  });
});
