/**
 * The real worker, served for the browser tests as production serves it: the bundle `wrangler deploy --dry-run`
 * builds, with its static assets (public/, including the Scalar bundle copied by scripts/copy-docs-assets.ts),
 * run in workerd through the Miniflare API with a local D1 holding the real migrations and the real dataset,
 * published as a release by src/dataset/publish.ts. Offline: nothing here needs the network.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { d1Executor, publishDataset } from "../../src/dataset/publish";
import { loadDataset, ROOT } from "../../scripts/lib/files";

const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" };
/** The top-level [vars] of wrangler.toml; no rate-limit binding (one client). */
const VARS = { PUBLIC_ORIGIN: "", RATE_LIMIT_QUOTA: "600", RATE_LIMIT_WINDOW: "60" };
const COMPATIBILITY_DATE = "2026-11-01";

export interface TestServer {
  /** Where the worker listens, e.g. http://127.0.0.1:41234 (no trailing slash). */
  origin: string;
  /** The version of the release published into its D1. */
  version: string;
  close(): Promise<void>;
}

type V4Options = Parameters<typeof convertV4MiniflareOptions>[0];

export async function startServer(): Promise<TestServer> {
  const tmp = mkdtempSync(join(tmpdir(), "alliance-browser-"));
  // The docs' Scalar bundle (git-ignored; copied from node_modules).
  if (!existsSync(join(ROOT, "public/docs/vendor/scalar.js"))) {
    execFileSync(join(ROOT, "node_modules/.bin/tsx"), ["scripts/copy-docs-assets.ts"], { cwd: ROOT, env: ENV });
  }
  // The bundle production gets (top-level environment of wrangler.toml).
  const outdir = join(tmp, "bundle");
  execFileSync(join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: ROOT,
    env: ENV,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });

  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      resourceTmpPath: join(tmp, "mf"),
      handleStructuredLogs: (log: { level?: string; message?: string }) => {
        if (log.level === "error" && !String(log.message).includes("excessive collisions")) {
          console.error(`[workerd] ${log.message}`);
        }
      },
      workers: [
        {
          name: "alliance-facts",
          modules: true,
          rootPath: outdir,
          scriptPath: join(outdir, "index.js"),
          compatibilityDate: COMPATIBILITY_DATE,
          d1Databases: { DB: "alliance-facts-browser" },
          bindings: VARS,
          assets: { directory: join(ROOT, "public"), routerConfig: { has_user_worker: true } },
        },
      ],
    } as V4Options),
  );
  try {
    const url = await mf.ready;
    const db = await mf.getD1Database("DB");
    for (const migration of await readD1Migrations(join(ROOT, "migrations"))) {
      await db.batch(migration.queries.map((q) => db.prepare(q)));
    }
    const loaded = loadDataset();
    if (!loaded.ok) throw new Error(`data/ is invalid (${loaded.problems.length} problems)`);
    const published = await publishDataset(d1Executor(db as never), loaded.dataset);
    return {
      origin: url.origin,
      version: published.release.version,
      async close() {
        await mf.dispose();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await mf.dispose();
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

// `npx tsx test/node/server.ts`: serve until Ctrl-C (to look at the pages by hand).
if (process.argv[1]?.endsWith("server.ts")) {
  const server = await startServer();
  console.log(`serving ${server.origin} (release ${server.version}); Ctrl-C stops`);
  process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
}
