/**
 * The production worker, split so that startup compiles only what it runs.
 *
 * workerd compiles every ES module of a worker when the worker loads, imported or not, but a CommonJS module only
 * when it is first required. So: one esbuild build with code splitting (each source module lands in exactly one
 * output file: hono, the app instance and its state, the caches exist once, shared by the entry and the lazily
 * imported parts), every output file converted to CommonJS (`import` → `require`, `import()` → a require on
 * first call), and a two-line ES module entry that imports the worker's CommonJS entry. Startup evaluates the entry
 * and the few chunks it requires (about 90 KB); a router, the share cards (satori, resvg), the MCP SDK or the docs
 * pages are compiled on their first request.
 *
 * wrangler.toml's [env.production] runs this (`[env.production.build]`) and uploads dist/worker unbundled.
 * `npm run dev` and the tests keep wrangler's own bundling (its top level).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { build, type Metafile, type Plugin, transform } from "esbuild";
import { ROOT } from "./lib/files";

export const WORKER_DIR = join(ROOT, "dist/worker");

/** Imports that stay modules of their own, as wrangler's rules make them: wasm, font data, the spec's text. */
const EXTERNAL = /\.(wasm|bin)$|\/openapi\/v1\.json$/;

/** Copies each such import beside the output (flat, by its file name) and leaves the import to workerd. */
function copiedModules(outdir: string): Plugin {
  const copied = new Map<string, string>();
  return {
    name: "copied-modules",
    setup(b) {
      b.onResolve({ filter: EXTERNAL }, async (args) => {
        // The inner resolve below comes back here: let esbuild resolve it.
        if (args.pluginData?.copied) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: { copied: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const name = basename(resolved.path);
        const before = copied.get(name);
        if (before && before !== resolved.path) {
          return { errors: [{ text: `two modules named ${name}: ${before} and ${resolved.path}` }] };
        }
        copied.set(name, resolved.path);
        copyFileSync(resolved.path, join(outdir, name));
        return { path: `./${name}`, external: true };
      });
    },
  };
}

/** The `[alias]` table of wrangler.toml (`"name" = "./path"` lines). */
export function wranglerAliases(): Record<string, string> {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const table = toml.slice(toml.indexOf("\n[alias]\n")).split("\n[")[1] ?? "";
  const aliases: Record<string, string> = {};
  for (const m of table.matchAll(/^"([^"]+)"\s*=\s*"([^"]+)"/gm)) aliases[m[1] as string] = m[2] as string;
  if (Object.keys(aliases).length === 0) throw new Error("wrangler.toml has no [alias] table");
  return aliases;
}

/**
 * Each source module in exactly one output file (what splitting promises; checked, since two copies of hono or of
 * a module's state would be two apps' worth of bugs).
 */
export function assertEachModuleOnce(metafile: Metafile): void {
  const where = new Map<string, string>();
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    for (const input of Object.keys(inputs)) {
      const before = where.get(input);
      if (before) throw new Error(`${input} is in two output modules: ${before} and ${output}`);
      where.set(input, output);
    }
  }
}

/** The entry ES module: the worker's default export, from its CommonJS entry. */
const ENTRY = `import worker from "./worker.cjs";
export default worker.default;
`;

export interface BuiltWorker {
  /** The files written: index.js, then the CommonJS modules. */
  scripts: string[];
  /** esbuild's account of the split build (which source module is in which file). */
  metafile: Metafile;
}

export async function buildWorker(outdir = WORKER_DIR, options: { minify?: boolean } = {}): Promise<BuiltWorker> {
  const minify = options.minify ?? true;
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { worker: "src/index.ts" },
    outdir,
    write: false,
    metafile: true,
    bundle: true,
    splitting: true,
    format: "esm",
    outExtension: { ".js": ".cjs" },
    chunkNames: "[name]-[hash]",
    // As wrangler bundles (its COMMON_ESBUILD_OPTIONS and build conditions).
    target: "es2024",
    supported: { "import-source": true, using: true },
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    minify,
    keepNames: true,
    legalComments: "none",
    // wrangler.toml's [alias] (zod without its locales), as wrangler would apply it.
    alias: wranglerAliases(),
    define: {
      "process.env.NODE_ENV": '"production"',
      "global.process.env.NODE_ENV": '"production"',
      "globalThis.process.env.NODE_ENV": '"production"',
      "navigator.userAgent": '"Cloudflare-Workers"',
    },
    plugins: [copiedModules(outdir)],
    logLevel: "warning",
  });
  assertEachModuleOnce(result.metafile);
  const written: string[] = [];
  for (const file of result.outputFiles) {
    const cjs = await transform(file.text, {
      format: "cjs",
      target: "es2024",
      // `import("./x.cjs")` becomes `Promise.resolve().then(() => __toESM(require("./x.cjs")))`: the part's
      // exports by name, and nothing of it compiled before that call.
      supported: { "import-source": true, using: true, "dynamic-import": false },
      minify,
      keepNames: true,
      logLevel: "warning",
    });
    writeFileSync(file.path, cjs.code);
    written.push(basename(file.path));
  }
  writeFileSync(join(outdir, "index.js"), ENTRY);
  return { scripts: ["index.js", ...written.sort()], metafile: result.metafile };
}

if (process.argv[1]?.endsWith("build-worker.ts")) {
  await buildWorker(WORKER_DIR, { minify: !process.argv.includes("--minify=false") });
}
