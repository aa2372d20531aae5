/**
 * The worker never imports the Traditional Chinese converter: opencc-js's dictionaries are large and only
 * publishing needs them (src/dataset/hant.ts). And the worker's startup evaluates no contract, no zod, no drizzle:
 * routers are imported dynamically, on their first request. Walks the import graph from the worker's entry point,
 * with or without the dynamic imports.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function graph(entry: string, { dynamic = true } = {}) {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    const matches = [...source.matchAll(IMPORT), ...(dynamic ? source.matchAll(DYNAMIC) : [])];
    for (const match of matches) {
      const spec = match[1] as string;
      // Type-only imports vanish from the bundle.
      if (/^\s*(?:import|export)\s+type\s/.test(match[0].trimStart())) continue;
      if (!spec.startsWith(".")) {
        packages.add(spec);
        continue;
      }
      const base = join(dirname(file), spec);
      const found = [`${base}.ts`, join(base, "index.ts"), base].find((f) => existsSync(f) && f.endsWith(".ts"));
      if (found) visit(found);
    }
  };
  visit(join(ROOT, entry));
  return { files: [...seen].map((f) => f.slice(ROOT.length + 1)), packages: [...packages] };
}

describe("the worker's import graph", () => {
  it("holds neither opencc-js nor the publish-time converter", () => {
    const { files, packages } = graph("src/index.ts");
    expect(files).toContain("src/app.ts");
    expect(files.length).toBeGreaterThan(50);
    const publishing = [
      "src/dataset/hant.ts",
      "src/dataset/release.ts",
      "src/dataset/publish.ts",
      "src/dataset/validate.ts",
    ];
    expect(files.filter((f) => publishing.includes(f))).toEqual([]);
    expect(packages.filter((p) => p.startsWith("opencc-js"))).toEqual([]);
  });

  it("evaluates no router, zod or drizzle at startup: they are imported on first use", () => {
    const eager = graph("src/index.ts", { dynamic: false });
    expect(eager.files).toContain("src/hot-path.ts");
    expect(eager.files.filter((f) => f.startsWith("src/routes/") && f !== "src/routes/index.ts")).toEqual([]);
    expect(eager.packages.filter((p) => /^(zod|@hono\/zod-openapi|drizzle-orm)/.test(p))).toEqual([]);
    const all = graph("src/index.ts");
    expect(all.files).toContain("src/routes/facts/facts.handlers.ts");
    expect(all.packages).toContain("@hono/zod-openapi");
  });

  it("loads the share cards' renderer (satori, resvg, wasm, fonts) only on the first card request", () => {
    const heavy = (p: string) => /^(satori|@resvg)/.test(p);
    const eager = graph("src/index.ts", { dynamic: false });
    expect(eager.packages.filter(heavy)).toEqual([]);
    // Not even a router's own graph: only the import() in src/lib/cards.ts reaches the renderer.
    for (const router of ["facts", "figures", "entities", "partnerships"]) {
      const own = graph(`src/routes/${router}/index.ts`, { dynamic: false });
      expect(own.packages.filter(heavy), router).toEqual([]);
      expect(
        own.files.filter((f) => f === "src/render/png.ts" || f.startsWith("src/render/fonts/")),
        router,
      ).toEqual([]);
    }
    const all = graph("src/index.ts");
    expect(all.files).toContain("src/render/png.ts");
    expect(all.packages).toEqual(expect.arrayContaining(["satori/standalone", "@resvg/resvg-wasm"]));
  });

  it("is how publishing reaches the converter", () => {
    const { files, packages } = graph("src/dataset/publish.ts");
    expect(files).toContain("src/dataset/hant.ts");
    expect(packages).toContain("opencc-js/cn2t");
  });
});
