/**
 * The modules of a built worker (a `wrangler deploy --dry-run --outdir` folder), typed as wrangler uploads them,
 * for Miniflare's `modules` option (Miniflare 5 has no conversion of wrangler's module rules). The types follow
 * wrangler.toml's rules: the entry and `.js` files are ES modules, `.cjs` CommonJS (the production build's lazily
 * compiled parts, scripts/build-worker.ts), `.wasm` compiled wasm, `.bin` data, `.json` text (the spec snapshot).
 */
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";

export type ModuleType = "ESModule" | "CommonJS" | "CompiledWasm" | "Data" | "Text";

const TYPES: Record<string, ModuleType> = {
  ".js": "ESModule",
  ".mjs": "ESModule",
  ".cjs": "CommonJS",
  ".wasm": "CompiledWasm",
  ".bin": "Data",
  ".json": "Text",
};

/** A module file's type by its extension; undefined for what is not a module (source maps, README.md). */
export function moduleType(file: string): ModuleType | undefined {
  return TYPES[extname(file)];
}

/** The worker's modules in `dir`, its entry `main` (a file name in `dir`) first; paths are absolute. */
export function workerModules(dir: string, main = "index.js"): { type: ModuleType; path: string }[] {
  const others = readdirSync(dir)
    .filter((f) => f !== main)
    .sort()
    .flatMap((f) => {
      const type = moduleType(f);
      return type ? [{ type, path: join(dir, f) }] : [];
    });
  return [{ type: "ESModule", path: join(dir, main) }, ...others];
}

/** `import … from "./x"`, `export … from "./x"`, `require("./x")`. */
const IMPORT =
  /(?:\bimport|\bexport)\s*(?:[^"'();]*?\bfrom\s*)?["'](\.\/[^"']+)["']|\brequire\(["'](\.\/[^"']+)["']\)/g;
/** What precedes a require that `import()` became (`()=>__toESM(require("./x"))`): it runs on first use. */
const LAZY_REQUIRE = /=>\s*[\w$]*\($/;

/** The script modules startup evaluates: from the entry, the static imports and the requires not behind an `import()`. */
export function startupScripts(dir: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !/\.[cm]?js$/.test(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), "utf8");
    for (const m of code.matchAll(IMPORT)) {
      if (m[2] !== undefined && LAZY_REQUIRE.test(code.slice(Math.max(0, m.index - 40), m.index))) continue;
      visit((m[1] ?? m[2] ?? "").slice(2));
    }
  };
  visit(entry);
  return seen;
}
