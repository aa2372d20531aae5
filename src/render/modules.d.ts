/** Modules wrangler bundles by type: `.wasm` compiled (a WebAssembly.Module), `.bin` as data (an ArrayBuffer). */
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
declare module "*.bin" {
  const data: ArrayBuffer;
  export default data;
}
