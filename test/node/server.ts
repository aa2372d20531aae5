/**
 * The real worker, served for the browser tests as production serves it: the bundle `wrangler deploy --dry-run`
 * builds, with its static assets (public/, including the Scalar bundle copied by scripts/copy-docs-assets.ts),
 * run in workerd through the Miniflare API with a local D1 holding the real migrations and the real dataset,
 * published as a release by src/dataset/publish.ts. Offline: nothing here needs the network.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { d1Executor, publishDataset } from "../../src/dataset/publish";
import { loadDataset, ROOT } from "../../scripts/lib/files";
import { workerModules } from "../../scripts/lib/modules";
import { freePort } from "../../scripts/lib/net";

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
  // The bundle production gets (wrangler.toml's [env.production]: scripts/build-worker.ts builds it).
  const outdir = join(tmp, "bundle");
  execFileSync(
    join(ROOT, "node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--env", "production", "--outdir", outdir],
    {
      cwd: ROOT,
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    },
  );

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
          // The bundle's modules as wrangler uploads them: the entry, the CommonJS parts compiled on first use, the
          // share cards' wasm and fonts and the spec snapshot (scripts/lib/modules.ts types them).
          modules: workerModules(outdir),
          rootPath: outdir,
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

/** What a copy of the project leaves out: installed, generated and local-state files. */
const NOT_COPIED = new Set([
  "node_modules",
  ".git",
  ".wrangler",
  "coverage",
  "dist",
  "test/artifacts",
  "public/docs/vendor",
]);

export interface DevServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  /** Everything the server printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

/**
 * The worker started exactly as `npm start` starts it — package.json's own `start` script (docs assets, local
 * migrations, seed, then `wrangler dev`), with only the port changed to a free one — in a copy of this project
 * (node_modules linked), so the local D1 it creates and seeds is its own and a developer's is left alone.
 * Resolves once GET /healthz answers 200.
 */
export async function startLikeNpmStart(timeoutMs = 180_000): Promise<DevServer> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const port = await freePort();
  const script = pkg.scripts.start?.replace("--port 8787", `--port ${port}`);
  if (!script || script === pkg.scripts.start)
    throw new Error(`npm start no longer serves on --port 8787: ${pkg.scripts.start}`);
  const copy = mkdtempSync(join(tmpdir(), "alliance-npm-start-"));
  cpSync(ROOT, copy, { recursive: true, filter: (src) => !NOT_COPIED.has(relative(ROOT, src)) });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
  let log = "";
  // As npm runs a script: `sh -c`, with the project's node_modules/.bin first on PATH. A process group of its
  // own, so closing ends wrangler and workerd with it.
  const child: ChildProcess = spawn("sh", ["-c", script], {
    cwd: copy,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...ENV, PATH: `${join(copy, "node_modules/.bin")}:${process.env.PATH ?? ""}` },
  });
  child.stdout?.on("data", (d) => {
    log += String(d);
  });
  child.stderr?.on("data", (d) => {
    log += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    rmSync(copy, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${origin}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return { origin, port, output: () => log, close };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await close();
  throw new Error(`npm start did not serve ${origin}/healthz within ${timeoutMs} ms:\n${log.slice(-4000)}`);
}

// `npx tsx test/node/server.ts`: serve until Ctrl-C (to look at the pages by hand).
if (process.argv[1]?.endsWith("server.ts")) {
  const server = await startServer();
  console.log(`serving ${server.origin} (release ${server.version}); Ctrl-C stops`);
  process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
}
