/** Types of the font tools the card-font script uses (neither package ships its own). */
declare module "subset-font" {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: "truetype" | "woff" | "woff2" | "sfnt" },
  ): Promise<Uint8Array>;
}
declare module "harfbuzzjs" {
  interface Blob {
    destroy(): void;
  }
  interface Face {
    collectUnicodes(): Uint32Array;
    destroy(): void;
  }
  const hb: Promise<{ createBlob(data: Uint8Array): Blob; createFace(blob: Blob, index: number): Face }>;
  export default hb;
}
/** The worker's bundled modules, as src/render/modules.d.ts declares them. */
declare module "*.bin" {
  const data: ArrayBuffer;
  export default data;
}
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
