/**
 * The worker's bundle imports zod without its locales: wrangler.toml aliases "zod" and "zod/v4" to
 * bundling/zod/index.js, which re-exports zod's own modules minus `locales` (see that file). The tests import the
 * real zod, so this checks that the stand-in is zod, locales aside: the same names, the same classes.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as zod from "zod";

const ROOT = resolve(import.meta.dirname, "../..");
const SHIM = "bundling/zod/index.js";

describe("zod without locales (the bundle's alias)", () => {
  it("is what wrangler.toml aliases zod and zod/v4 to", () => {
    const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
    const aliases = toml.slice(toml.indexOf("[alias]")).split("\n[")[0] as string;
    expect(aliases).toContain(`"zod" = "./${SHIM}"`);
    expect(aliases).toContain(`"zod/v4" = "./${SHIM}"`);
  });

  it("exports every name zod does but locales, with the same values", async () => {
    const shim = (await import(pathToFileURL(join(ROOT, SHIM)).href)) as Record<string, unknown>;
    const real = zod as unknown as Record<string, unknown>;
    expect(Object.keys(shim).sort()).toEqual(
      Object.keys(real)
        .filter((k) => k !== "locales")
        .sort(),
    );
    for (const key of Object.keys(shim).filter((k) => !["z", "default", "core"].includes(k))) {
      expect(shim[key], key).toBe(real[key]);
    }
    const core = shim.core as Record<string, unknown>;
    const realCore = zod.core as unknown as Record<string, unknown>;
    expect(Object.keys(core).sort()).toEqual(
      Object.keys(realCore)
        .filter((k) => k !== "locales")
        .sort(),
    );
    for (const key of Object.keys(core)) expect(core[key], `core.${key}`).toBe(realCore[key]);
    // `z` (what @hono/zod-openapi imports) is the stand-in's own namespace: zod's classes, no locales.
    const z = shim.z as Record<string, unknown>;
    expect(z.ZodObject).toBe(zod.z.ZodObject);
    expect(z.locales).toBeUndefined();
    // English messages still: zod sets its default locale itself (classic/schemas.js).
    const result = (z.string as typeof zod.string)().safeParse(1);
    expect(result.error?.issues[0]?.message).toBe("Invalid input: expected string, received number");
  });
});
