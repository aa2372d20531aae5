/**
 * Two projects:
 * - workers: tests run inside workerd (@cloudflare/vitest-plugin) against a real local D1: the setup file
 *   applies the real migrations and publishes the real dataset, both handed over as bindings built here.
 * - node: checks that need Node (the OpenAPI validator, the spec snapshot, the browser tests).
 * Coverage (Istanbul) covers src/ across both; see `coverage` below.
 */
import { generateKeyPairSync } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { loadDataset, readArticle, readDatasetFiles } from "./scripts/lib/files";

/** Paths of the files in public/ as URL paths (`/pages.css`), `_headers` (wrangler's config, not served) left out. */
function publicFiles(): string[] {
  return readdirSync("public", { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== "_headers")
    .map((e) => `/${relative("public", join(e.parentPath, e.name)).split(sep).join("/")}`)
    .sort();
}

/** The tests' own Ed25519 key (private JWK), and a second public one, as during a rotation. */
function testSigningKeys() {
  const jwk = (key: ReturnType<typeof generateKeyPairSync>["privateKey"]) => key.export({ format: "jwk" });
  const signing = jwk(generateKeyPairSync("ed25519").privateKey);
  const next = jwk(generateKeyPairSync("ed25519").privateKey);
  return {
    SIGNING_KEY: JSON.stringify({ kty: "OKP", crv: "Ed25519", x: signing.x, d: signing.d }),
    SIGNING_PUBLIC_KEYS: JSON.stringify([{ kty: "OKP", crv: "Ed25519", x: next.x }]),
  };
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  const result = loadDataset();
  if (!result.ok) throw new Error(`data/ is invalid; run npm run data:check (${result.problems.length} problems)`);
  return {
    test: {
      // The console report, and a JSON summary that .ci/run turns into one "N passed, N failed" line.
      reporters: ["default", "json"],
      outputFile: { json: "test/artifacts/vitest.json" },
      // `vitest run --coverage` (npm test): Istanbul, since V8 coverage does not work inside workerd. Both projects
      // count; the report is coverage/index.html. Thresholds sit a little below the figures measured.
      coverage: {
        provider: "istanbul" as const,
        include: ["src/**/*.ts"],
        reporter: ["text-summary", "html", "json-summary"],
        reportsDirectory: "./coverage",
        reportOnFailure: true,
        thresholds: { lines: 96, statements: 95, functions: 96, branches: 77 },
      },
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  TEST_DATASET: JSON.parse(JSON.stringify(result.dataset)),
                  TEST_DATASET_FILES: JSON.parse(JSON.stringify(readDatasetFiles())),
                  TEST_ARTICLE: readArticle(),
                  // The static files wrangler serves from public/ before the worker (the link check resolves them).
                  TEST_PUBLIC_FILES: publicFiles(),
                  // A small quota so the rate-limit test reaches it quickly (per client IP; other tests send none).
                  RATE_LIMIT_QUOTA: "30",
                  // /mcp checks Host against these (and localhost): the tests' origin is http://api.test.
                  MCP_ALLOWED_HOSTS: "api.test",
                  ...testSigningKeys(),
                },
                ratelimits: { RATE_LIMITER: { namespace_id: "1001", simple: { limit: 30, period: 60 } } },
              },
            }),
          ],
          test: {
            name: "workers",
            setupFiles: ["./test/setup.ts"],
            include: ["test/**/*.test.ts"],
            exclude: ["test/node/**"],
          },
        },
        {
          test: { name: "node", environment: "node", include: ["test/node/**/*.test.ts"] },
        },
      ],
    },
  };
});
