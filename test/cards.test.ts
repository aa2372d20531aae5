/**
 * Share cards: every kind in every language is rendered by the worker as it serves them, and checked: a PNG
 * of 1200×630 (its IHDR), a reasonable size, no text left without a glyph, release-bound caching.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { FigureDoc } from "../src/compose/figures";
import type { PageView } from "../src/compose/pages";
import { LANGS, type Lang } from "../src/dataset/schema";
import { getDocument } from "../src/queries/documents";
import { readView } from "../src/queries/pages";
import { cardOfFigure, cardOfView, cardTexts } from "../src/render/card";
import { renderCardPng } from "../src/render/png";
import { currentVersion, request, tagOf } from "./helpers";

const IDS = {
  facts: "apple-selected-alibaba-china-ai-partner",
  figures: "qwen-2-2b-fp16-memory-iphone-15-pro",
  entities: "alibaba-group",
  partnerships: "apple-alibaba-apple-intelligence-china",
} as const;
const KINDS = Object.keys(IDS) as (keyof typeof IDS)[];
const q = (lang: Lang) => (lang === "en" ? "" : `?lang=${lang}`);

/** Width and height from a PNG's signature and IHDR chunk. */
function pngSize(bytes: Uint8Array) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.slice(0, 8)]).toEqual(signature);
  expect(new TextDecoder().decode(bytes.slice(12, 16))).toBe("IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("GET /v1/{kind}/{id}/card.png", () => {
  it("loads the renderer (wasm, fonts) on the first card", async () => {
    const res = await request(`/v1/facts/${IDS.facts}/card.png`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }, 60_000);

  for (const kind of KINDS) {
    it.each(LANGS)(`draws the ${kind} card in %s`, async (lang) => {
      const res = await request(`/v1/${kind}/${IDS[kind]}/card.png${q(lang)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("image/png");
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(res.headers.get("ETag")).toMatch(new RegExp(`^"${await currentVersion()}-[0-9a-f]+"$`));
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
      expect(bytes.length).toBeGreaterThan(15_000);
      expect(bytes.length).toBeLessThan(250_000);
    });
  }

  it("prints its texts, every character with a glyph of the embedded fonts", async () => {
    const version = await currentVersion();
    for (const kind of KINDS) {
      for (const lang of LANGS) {
        const card =
          kind === "figures"
            ? cardOfFigure(
                JSON.parse(
                  (await getDocument(env.DB, version, "figure", IDS[kind], lang))?.body ?? "null",
                ) as FigureDoc,
                lang,
                version,
              )
            : cardOfView((await readView(env.DB, version, kind, IDS[kind], lang)) as PageView, version);
        const texts = cardTexts(card);
        expect(texts.statement.length, `${kind} ${lang}`).toBeGreaterThan(10);
        expect(texts.release).toContain(version);
        if (kind !== "entities") expect(texts.sources.length, `${kind} ${lang} sources`).toBeGreaterThan(0);
        const missing: string[] = [];
        await renderCardPng(card, missing);
        expect(missing, `${kind} ${lang}`).toEqual([]);
      }
    }
  }, 120_000);

  it("is a 404 problem with close ids for an unknown id", async () => {
    const res = await request("/v1/facts/apple-selected-alibaba/card.png");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: "/problems/not-found" });
  });
});
