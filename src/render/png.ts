/**
 * Rasterizes share cards in the worker: satori lays the card out into SVG (yoga.wasm), resvg
 * (WebAssembly) draws it into a PNG, with the subset fonts bundled as data modules. Loaded only by the card
 * routes, through import(): none of it (1.6 MB of wasm, 1.2 MB of fonts) is evaluated at startup. Both wasm
 * modules are instantiated once per isolate; `missing` collects any text no font covered (the tests require
 * none).
 */
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import resvgWasm from "@resvg/resvg-wasm/index_bg.wasm";
import satori, { init as initSatori } from "satori/standalone";
// satori's package exports do not list its yoga.wasm: imported by path, as a compiled module.
import yogaWasm from "../../node_modules/satori/yoga.wasm";
import { CARD_HEIGHT, CARD_WIDTH, type CardInput, cardTree } from "./card";
import { CARD_FONTS } from "./fonts";

let ready: Promise<void> | undefined;
const FONTS = CARD_FONTS.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: "normal" as const }));

/** The card as PNG bytes; `missing` receives each text segment no embedded font could draw. */
export async function renderCardPng(card: CardInput, missing: string[] = []): Promise<Uint8Array<ArrayBuffer>> {
  ready ??= Promise.all([initSatori(yogaWasm), initWasm(resvgWasm)]).then(() => undefined);
  await ready;
  const svg = await satori(cardTree(card) as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: FONTS,
    loadAdditionalAsset: async (code, segment) => {
      missing.push(`${code}: ${segment}`);
      return [];
    },
  });
  const resvg = new Resvg(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
  const png = new Uint8Array(resvg.render().asPng());
  resvg.free();
  return png;
}
