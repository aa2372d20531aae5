/**
 * The production build (scripts/build-worker.ts): code splitting, each part a CommonJS module that workerd compiles
 * on its first require, behind a two-line ES module entry. Checks that no source module is in two files (one hono,
 * one app, one copy of each module's state), that startup evaluates only the small entry side, and that the heavy
 * parts (the share cards, the MCP SDK, the routers) sit behind `import()`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertEachModuleOnce, type BuiltWorker, buildWorker, wranglerAliases } from "../../scripts/build-worker";
import { ROOT } from "../../scripts/lib/files";
import { moduleType, startupScripts, workerModules } from "../../scripts/lib/modules";

describe("the production build", () => {
  const dir = mkdtempSync(join(tmpdir(), "alliance-worker-build-"));
  let built: BuiltWorker;
  beforeAll(async () => {
    built = await buildWorker(dir);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("puts each source module in one file: one hono, one app and its state", () => {
    expect(() => assertEachModuleOnce(built.metafile)).not.toThrow();
    const holding = (pattern: RegExp) =>
      Object.entries(built.metafile.outputs).filter(([, o]) => Object.keys(o.inputs).some((i) => pattern.test(i)));
    for (const pattern of [/node_modules\/hono\/dist\/hono-base\.js$/, /^src\/app\.ts$/, /^src\/lib\/state\.ts$/]) {
      expect(holding(pattern), String(pattern)).toHaveLength(1);
    }
  });

  it("is an ES module entry over CommonJS modules, typed as wrangler.toml's rules type them", () => {
    expect(built.scripts[0]).toBe("index.js");
    expect(readFileSync(join(dir, "index.js"), "utf8")).toMatch(/^import worker from "\.\/worker\.cjs";/);
    for (const file of built.scripts.slice(1)) {
      expect(file).toMatch(/\.cjs$/);
      const code = readFileSync(join(dir, file), "utf8");
      // No ES module syntax left: a CommonJS module that used import() would not load its part by name.
      expect(code, file).not.toMatch(/\bimport\(|^import |\bexport\s*\{/m);
    }
    const modules = workerModules(dir);
    expect(modules[0]).toEqual({ type: "ESModule", path: join(dir, "index.js") });
    expect(modules.filter((m) => m.type === "CommonJS")).toHaveLength(built.scripts.length - 1);
    expect(modules.map((m) => m.type)).toEqual(expect.arrayContaining(["CompiledWasm", "Data", "Text"]));
    expect(moduleType("README.md")).toBeUndefined();
  });

  it("evaluates under 150 KB at startup; the share cards, the MCP SDK and the routers load on first use", () => {
    const startup = startupScripts(dir, "index.js");
    const bytes = [...startup].reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
    expect(bytes).toBeLessThan(150_000);
    const sources = new Set(
      [...startup].flatMap((f) => Object.keys(built.metafile.outputs[relative(ROOT, join(dir, f))]?.inputs ?? {})),
    );
    expect(sources.size).toBeGreaterThan(20);
    expect(sources).toContain("src/app.ts");
    const lazy = [...sources].filter((s) =>
      /satori|resvg|@modelcontextprotocol|zod|drizzle-orm|^src\/routes\/(?!index\.ts)|^src\/render\//.test(s),
    );
    expect(lazy).toEqual([]);
  });

  it("aliases as wrangler.toml does (zod without its locales)", () => {
    expect(wranglerAliases()).toMatchObject({ zod: "./bundling/zod/index.js", "zod/v4": "./bundling/zod/index.js" });
  });
});
