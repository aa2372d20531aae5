/**
 * The spec judged by the tools its users trust: Spectral (spectral:oas + the OWASP API security ruleset, with
 * the repo's .spectral.yaml) and Redocly CLI (recommended rules, redocly.yaml), both over a spec generated from
 * the code now (not only the committed snapshot). No errors allowed; warnings are counted and printed.
 * A canary — the same spec with a few limits removed — goes through the same Spectral run, so a ruleset that
 * silently stopped checking (a mistyped `given`, a rule switched off) fails here too.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/files";
import { currentSpec } from "../../scripts/openapi";

const run = promisify(execFile);
const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
// Under the repo (git-ignored), so the ruleset's file globs and the linters' config lookup apply.
const DIR = join(ROOT, "test/artifacts/lint");
const SPEC = join(DIR, "openapi.json");
const CANARY = join(DIR, "canary.json");

interface SpectralResult {
  code: string;
  severity: number; // 0 error, 1 warning, 2 info, 3 hint
  path: string[];
  message: string;
  source?: string;
}
interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: "error" | "warn"; message: string; location: { pointer: string }[] }[];
}

/** Runs a CLI that exits non-zero when it finds errors; the JSON report on stdout is what counts. */
async function report(cmd: string, args: string[]): Promise<string> {
  try {
    return (await run(cmd, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    const out = (err as { stdout?: string }).stdout;
    if (out?.trim()) return out;
    throw err;
  }
}

const count = (items: string[]) => {
  const counts: Record<string, number> = {};
  for (const k of items) counts[k] = (counts[k] ?? 0) + 1;
  return Object.entries(counts);
};

let spectral: SpectralResult[];
let redocly: RedoclyReport;
/** String parameters documented with the default maxLength (the build of `spec` lists them). */
const unboundedParameters: string[] = [];
const spec = JSON.parse(currentSpec(unboundedParameters));

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(SPEC, JSON.stringify(spec, null, 2));
  // The canary is one operation with stub schemas, so linting it costs little.
  const canary = structuredClone(spec);
  canary.paths = { "/v1/entities": canary.paths["/v1/entities"] };
  canary.components.schemas = Object.fromEntries(
    Object.keys(canary.components.schemas).map((name) => [name, { type: "object", description: "Stub." }]),
  );
  const entities = canary.paths["/v1/entities"].get;
  const q = entities.parameters.find((p: { name: string }) => p.name === "q");
  delete q.schema.maxLength;
  const limit = entities.parameters.find((p: { name: string }) => p.name === "limit");
  delete limit.schema.format;
  entities.parameters.push({
    name: "ids",
    in: "query",
    description: "Canary: an array parameter without maxItems.",
    schema: { type: "array", items: { type: "string", maxLength: 10 } },
  });
  delete canary.paths["/v1/entities"].get.responses["200"].headers.RateLimit;
  writeFileSync(CANARY, JSON.stringify(canary, null, 2));
  const [s, r] = await Promise.all([
    report(bin("spectral"), ["lint", SPEC, CANARY, "--ruleset", join(ROOT, ".spectral.yaml"), "-f", "json", "-q"]),
    report(bin("redocly"), ["lint", SPEC, "--format=json", "--config", join(ROOT, "redocly.yaml")]),
  ]);
  spectral = JSON.parse(s);
  redocly = JSON.parse(r);
}, 120_000);

describe("Spectral (spectral:oas + OWASP API security ruleset)", () => {
  it("reports no errors on the generated spec", () => {
    const own = spectral.filter((r) => r.source?.endsWith("openapi.json"));
    const errors = own.filter((r) => r.severity === 0).map((r) => `${r.code} ${r.path.join(".")}: ${r.message}`);
    const warnings = own.filter((r) => r.severity === 1).map((r) => r.code);
    console.log(`Spectral: ${errors.length} errors, ${warnings.length} warnings`, Object.fromEntries(count(warnings)));
    if (unboundedParameters.length > 0)
      console.log(
        `parameters documented with the default maxLength (declare .max() in the route): ${unboundedParameters.join("; ")}`,
      );
    expect(errors).toEqual([]);
  });

  it("still catches a missing parameter bound, integer format or rate-limit header (canary)", () => {
    // Only what the mutations introduced (the rest of the canary is the spec itself, judged above).
    const canary = spectral.filter(
      (r) =>
        r.source?.endsWith("canary.json") && r.severity === 0 && r.path.slice(0, 2).join(".") === "paths./v1/entities",
    );
    const found = new Set(canary.map((r) => `${r.code} ${r.path.slice(0, 3).join(".")}`));
    expect([...found].sort()).toEqual(
      [
        "owasp:api4:2023-integer-format paths./v1/entities.get",
        "owasp:api4:2023-rate-limit paths./v1/entities.get",
        "parameter-array-limit paths./v1/entities.get",
        "parameter-string-limit paths./v1/entities.get",
      ].sort(),
    );
  });
});

describe("Redocly CLI (recommended rules)", () => {
  it("reports no errors on the generated spec", () => {
    const errors = redocly.problems
      .filter((p) => p.severity === "error")
      .map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    console.log(
      `Redocly: ${redocly.totals.errors} errors, ${redocly.totals.warnings} warnings`,
      Object.fromEntries(count(redocly.problems.filter((p) => p.severity === "warn").map((p) => p.ruleId))),
    );
    expect(errors).toEqual([]);
    expect(redocly.totals.errors).toBe(0);
  });
});
