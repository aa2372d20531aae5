/**
 * The workers under load, each in workerd through the Miniflare API (no `wrangler dev` proxy), each on its own
 * direct socket (no Miniflare entry worker in front, which would also add CF-Connecting-IP and so turn on
 * rate limiting): the production bundle with a local D1, and a bare worker that returns a constant JSON body.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { d1Executor, publishDataset, type PublishResult, type SqlExecutor } from "../../src/dataset/publish";
import type { Dataset } from "../../src/dataset/schema";
import { ROOT } from "../lib/files";
import type { Bundle } from "./build";

export const COMPATIBILITY_DATE = "2026-11-01";

/** The top-level [vars] of wrangler.toml; no [[ratelimits]] binding (the benchmark is one client). */
const VARS = { PUBLIC_ORIGIN: "", RATE_LIMIT_QUOTA: "600", RATE_LIMIT_WINDOW: "60" };

export interface ApiWorker {
  name: string;
  /** The Cache API (caches.default) works; off = every request is a miss. */
  cache: boolean;
  /** D1_METRICS=1: X-D1-* headers (re-runs some statements; never for throughput). */
  metrics: boolean;
}

export interface Running {
  mf: Miniflare;
  url(name: string): Promise<URL>;
}

type V4Options = Parameters<typeof convertV4MiniflareOptions>[0];

/** workerd's own log lines: errors only, without its hash-table chatter. */
function onLog(log: { level?: string; message?: string }) {
  if (log.level === "error" && !String(log.message).includes("excessive collisions")) {
    console.error(`  [workerd] ${log.message}`);
  }
}

async function start(options: V4Options): Promise<Running> {
  const mf = new Miniflare(convertV4MiniflareOptions(options));
  await mf.ready;
  return { mf, url: (name) => mf.unsafeGetDirectURL(name) };
}

/** A constant JSON body of about 1 KB (the size of a detail answer): the ceiling of this machine. */
export function bareBody(): string {
  const items = Array.from({ length: 8 }, (_, i) => ({
    id: `record-${i}`,
    text: "A constant statement used as the bare worker's answer for the benchmark.",
  }));
  return JSON.stringify({ data: items, meta: { release: "000000000000" } });
}

export function startBare(tmp: string): Promise<Running> {
  const body = JSON.stringify(bareBody());
  return start({
    host: "127.0.0.1",
    port: 0,
    resourceTmpPath: join(tmp, "mf-bare"),
    handleStructuredLogs: onLog,
    workers: [
      {
        name: "bare",
        modules: true,
        compatibilityDate: COMPATIBILITY_DATE,
        script: `const body = ${body};
export default { fetch() { return new Response(body, { headers: { "content-type": "application/json" } }); } };`,
        unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
      },
    ],
  } as V4Options);
}

/** The bundle as several workers sharing one D1 database (same id): cached, uncached, metrics… */
export function startApi(bundle: Bundle, workers: ApiWorker[], dbId: string, tmp: string): Promise<Running> {
  return start({
    host: "127.0.0.1",
    port: 0,
    resourceTmpPath: join(tmp, `mf-${dbId}`),
    handleStructuredLogs: onLog,
    workers: workers.map((w) => ({
      name: w.name,
      modules: true,
      rootPath: bundle.dir,
      scriptPath: bundle.main,
      ...(bundle.extraModules.length > 0
        ? {
            modulesRules: [
              { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
              { type: "Text", include: ["**/*.txt", "**/*.html", "**/*.md"] },
              { type: "Data", include: ["**/*.bin"] },
              { type: "CompiledWasm", include: ["**/*.wasm"] },
            ],
          }
        : {}),
      compatibilityDate: COMPATIBILITY_DATE,
      d1Databases: { DB: dbId },
      bindings: { ...VARS, ...(w.metrics ? { D1_METRICS: "1" } : {}) },
      cacheAPI: w.cache,
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    })),
  } as V4Options);
}

export interface D1Like {
  prepare(sql: string): {
    run(): Promise<{ meta?: { size_after?: number } }>;
    all<T>(): Promise<{ results: T[] }>;
  };
  batch(statements: unknown[]): Promise<unknown>;
}

/** The SQL statements of migrations/*.sql, in order (drizzle's `--> statement-breakpoint`, then `;`). */
export function migrationStatements(dir = join(ROOT, "migrations")): string[] {
  const out: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const sql = readFileSync(join(dir, file), "utf8");
    for (const chunk of sql.split("--> statement-breakpoint")) {
      for (const part of chunk.split(/;\s*$/m)) {
        const statement = part
          .split("\n")
          .filter((line) => !line.trim().startsWith("--"))
          .join("\n")
          .trim();
        if (statement) out.push(statement);
      }
    }
  }
  return out;
}

export async function migrate(db: D1Like): Promise<number> {
  const statements = migrationStatements();
  await db.batch(statements.map((s) => db.prepare(s)));
  return statements.length;
}

/** Database size in bytes (D1's meta.size_after of a trivial statement). */
export async function databaseSize(db: D1Like): Promise<number | undefined> {
  const res = await db.prepare("SELECT 1").run();
  return res.meta?.size_after;
}

/**
 * publishDataset through d1Executor (the way the tests and a D1 binding publish a release), with progress:
 * the statements go to d1Executor in slices, in order, each slice in batches of `batchSize` as usual.
 */
export async function publishWithProgress(
  db: D1Like,
  dataset: Dataset,
  label: string,
  batchSize = 40,
): Promise<PublishResult & { ms: number }> {
  const inner = d1Executor(db as Parameters<typeof d1Executor>[0], batchSize);
  const t0 = performance.now();
  const exec: SqlExecutor = {
    query: (sql) => inner.query(sql),
    async run(statements) {
      const bytes = statements.reduce((n, s) => n + s.length, 0);
      const slice = Math.max(batchSize, Math.ceil(statements.length / 10 / batchSize) * batchSize);
      const mb = (bytes / 1e6).toFixed(1);
      log(`${label}: release built in ${secs(t0)}; loading ${statements.length} statements (${mb} MB of SQL)`);
      for (let i = 0; i < statements.length; i += slice) {
        await inner.run(statements.slice(i, i + slice));
        const done = Math.min(statements.length, i + slice);
        if (statements.length > slice) log(`${label}: ${done}/${statements.length} statements (${secs(t0)})`);
      }
    },
  };
  const result = await publishDataset(exec, dataset);
  return { ...result, ms: performance.now() - t0 };
}

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

export function log(message: string) {
  console.log(`[bench] ${message}`);
}
