/**
 * The workers under load, each in workerd through the Miniflare API (no `wrangler dev` proxy), each on its own
 * direct socket (no Miniflare entry worker in front, which would also add CF-Connecting-IP and so turn on
 * rate limiting): the production bundle with a local D1, a bare worker that returns a constant JSON body (and, for
 * reference, the same with the header fields of a hit of the API) and a floor worker (one D1 point read).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { basename, join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { d1Executor, publishDataset, type PublishResult, type SqlExecutor } from "../../src/dataset/publish";
import type { Dataset } from "../../src/dataset/schema";
import { ROOT } from "../lib/files";
import { workerModules } from "../lib/modules";
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

/** A worker of one constant answer, alone in its workerd. */
function startConstant(tmp: string, name: string, script: string, instance: { inspectorPort?: number }) {
  return start({
    ...instance,
    host: "127.0.0.1",
    port: 0,
    resourceTmpPath: join(tmp, `mf-${name}`),
    handleStructuredLogs: onLog,
    workers: [
      {
        name,
        modules: true,
        compatibilityDate: COMPATIBILITY_DATE,
        script,
        unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
      },
    ],
  } as V4Options);
}

export function startBare(tmp: string, instance: { inspectorPort?: number } = {}): Promise<Running> {
  const body = JSON.stringify(bareBody());
  return startConstant(
    tmp,
    "bare",
    `const body = ${body};
export default { fetch() { return new Response(body, { headers: { "content-type": "application/json" } }); } };`,
    instance,
  );
}

/** Fields workerd's HTTP layer sets for the answer it sends (framing, connection), not the worker's. */
const FRAMING = new Set(["connection", "content-length", "keep-alive", "transfer-encoding"]);

/**
 * One GET as autocannon sends it: Host and no other field (fetch would add Accept and Accept-Language, which the
 * API's cache key depends on, so it could meet another entry than the benchmark's requests do). The answer's
 * status and its header fields, in order, names in lower case.
 */
function plainGet(url: URL): Promise<{ status: number; fields: [string, string][] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: 120_000 }, (res) => {
      res.resume();
      res.on("end", () => {
        const fields: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          fields.push([(res.rawHeaders[i] as string).toLowerCase(), res.rawHeaders[i + 1] as string]);
        }
        resolve({ status: res.statusCode ?? 0, fields });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`${url.pathname}: no answer in 120 s`)));
    req.on("error", reject);
    req.end();
  });
}

/**
 * The header fields of a hit of the API as the benchmark's requests get it: `path` on the cached worker, asked
 * twice (the first answer is stored in waitUntil, so the second is the hit), without the fields workerd sets
 * for whatever body it sends (FRAMING).
 */
export async function hitFields(api: Running, path: string): Promise<[string, string][]> {
  const url = new URL(path, await api.url("cached"));
  await plainGet(url);
  await new Promise((r) => setTimeout(r, 200));
  const { status, fields } = await plainGet(url);
  const cacheStatus = fields.find(([name]) => name === "cache-status")?.[1] ?? "";
  if (status !== 200 || !/;\s*hit/.test(cacheStatus)) {
    throw new Error(`${path} answered ${status} ${cacheStatus || "without Cache-Status"}, not a hit`);
  }
  return fields.filter(([name]) => !FRAMING.has(name));
}

/**
 * The bare worker answering with `fields` (hitFields: the API's header contract) instead of its two: the same
 * body, so what the fields alone cost is measured apart from what the API does. The answer copies its status and
 * fields from a template built once, as a hit of the API's hot path does (src/hot-path.ts). A reference only:
 * the targets stay against the bare worker.
 */
export function startBareFields(
  tmp: string,
  fields: [string, string][],
  instance: { inspectorPort?: number } = {},
): Promise<Running> {
  return startConstant(
    tmp,
    "bare-fields",
    `const body = ${JSON.stringify(bareBody())};
const template = new Response(null, { headers: ${JSON.stringify(fields)} });
export default { fetch() { return new Response(body, template); } };`,
    instance,
  );
}

/** Rows in the floor worker's table, and the size of each row's JSON text. */
export const FLOOR_ROWS = 1000;
export const FLOOR_ROW_BYTES = 1024;

/**
 * The floor worker: one prepared D1 point read by primary key of a ~1 KB JSON row, returned as is. It creates
 * and fills its own table (`POST /setup`: FLOOR_ROWS rows) in its own local D1; `GET /<id>` is the read, and
 * `GET /session/<id>` the same read through a D1 session (`withSession("first-unconstrained")`), which is how the
 * API reads (so that D1 read replicas can answer). Locally a session's every query also asks the storage for its
 * bookmark, which costs about a third of the floor's throughput.
 * The least a D1-backed answer can cost on this machine: what the uncached API is compared with.
 */
const FLOOR_SCRIPT = `const ROWS = ${FLOOR_ROWS};
const ROW_BYTES = ${FLOOR_ROW_BYTES};
const READ = "SELECT body FROM docs WHERE id = ?";
const JSON_HEADERS = { "content-type": "application/json" };

/** Row i: a JSON document of ROW_BYTES bytes (ASCII) with its id in it. */
function rowBody(i) {
  const doc = { data: { id: "doc-" + String(i).padStart(4, "0"), type: "document", text: "" }, meta: { release: "000000000000" } };
  const bare = JSON.stringify(doc).length;
  doc.data.text = "A constant statement stored as one row of the floor worker's table. ".repeat(20).slice(0, ROW_BYTES - bare);
  return JSON.stringify(doc);
}

async function setup(env) {
  await env.DB.prepare("DROP TABLE IF EXISTS docs").run();
  await env.DB.prepare("CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").run();
  const insert = env.DB.prepare("INSERT INTO docs (id, body) VALUES (?, ?)");
  for (let i = 1; i <= ROWS; i += 100) {
    const batch = [];
    for (let j = i; j < i + 100 && j <= ROWS; j++) batch.push(insert.bind(j, rowBody(j)));
    await env.DB.batch(batch);
  }
  const count = await env.DB.prepare("SELECT count(*) AS n FROM docs").first("n");
  const probe = await env.DB.prepare(READ).bind(Math.ceil(ROWS / 2)).all();
  return {
    rows: count,
    rowBytes: probe.results[0] ? probe.results[0].body.length : 0,
    rowsRead: probe.meta.rows_read,
    rowsReturned: probe.results.length,
  };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/setup") {
      return new Response(JSON.stringify(await setup(env)), { headers: JSON_HEADERS });
    }
    // /session/<id>: the same read through the Sessions API (first-unconstrained), as the API reads.
    const session = url.pathname.startsWith("/session/");
    const id = Number(url.pathname.slice(session ? 9 : 1));
    const db = session ? env.DB.withSession("first-unconstrained") : env.DB;
    const row = await db.prepare(READ).bind(id).first();
    if (!row) return new Response("not found", { status: 404 });
    return new Response(row.body, { headers: JSON_HEADERS });
  },
};
`;

export interface FloorSetup {
  rows: number;
  rowBytes: number;
  /** D1's rows_read and rows returned for one point read (expected: 1 and 1). */
  rowsRead: number;
  rowsReturned: number;
}

/** The floor worker in its own workerd (its own Miniflare and D1), its table created and filled. */
export async function startFloor(
  tmp: string,
  instance: { inspectorPort?: number } = {},
): Promise<Running & { setup: FloorSetup; path: string; sessionPath: string }> {
  const running = await start({
    ...instance,
    host: "127.0.0.1",
    port: 0,
    resourceTmpPath: join(tmp, "mf-floor"),
    handleStructuredLogs: onLog,
    workers: [
      {
        name: "floor",
        modules: true,
        compatibilityDate: COMPATIBILITY_DATE,
        script: FLOOR_SCRIPT,
        d1Databases: { DB: "floor" },
        unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
      },
    ],
  } as V4Options);
  try {
    const res = await fetch(new URL("/setup", await running.url("floor")), {
      method: "POST",
      signal: AbortSignal.timeout(120_000),
    });
    if (!res.ok) throw new Error(`floor worker setup answered ${res.status}: ${await res.text()}`);
    const setup = (await res.json()) as FloorSetup;
    const id = Math.ceil(FLOOR_ROWS / 2);
    return { ...running, setup, path: `/${id}`, sessionPath: `/session/${id}` };
  } catch (err) {
    await running.mf.dispose();
    throw err;
  }
}

/**
 * The bundle as several workers sharing one D1 database (same id): cached, uncached, metrics… `instance` adds
 * options of the workerd instance (the soak's `inspectorPort`, to read the isolate's heap; `persist`, a
 * directory that keeps the local resources, D1 among them, between runs).
 */
export function startApi(
  bundle: Bundle,
  workers: ApiWorker[],
  dbId: string,
  tmp: string,
  instance: { inspectorPort?: number; persist?: string } = {},
): Promise<Running> {
  const { persist, ...options } = instance;
  return start({
    ...options,
    // Miniflare 5 keeps every local resource (D1, the Cache API) under this path when it is given.
    ...(persist ? { resourcePersistencePath: persist } : {}),
    host: "127.0.0.1",
    port: 0,
    resourceTmpPath: join(tmp, `mf-${dbId}`),
    handleStructuredLogs: onLog,
    workers: workers.map((w) => ({
      name: w.name,
      rootPath: bundle.dir,
      // The bundle's modules as wrangler uploads them: the entry, the CommonJS parts compiled on first use, the
      // share cards' wasm and fonts and the spec snapshot (scripts/lib/modules.ts types them).
      modules: workerModules(bundle.dir, basename(bundle.main)),
      compatibilityDate: COMPATIBILITY_DATE,
      d1Databases: { DB: dbId },
      bindings: { ...VARS, ...(w.metrics ? { D1_METRICS: "1" } : {}), ...(w.cache ? {} : { HOT_CACHE_BYTES: "0" }) },
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
 * the statements stream to d1Executor as they are made (batches of `batchSize`, each one transaction), and
 * the time spent making them (composing, SQL text) is told apart from the time D1 takes to run them.
 */
export async function publishWithProgress(
  db: D1Like,
  dataset: Dataset,
  label: string,
  batchSize = 40,
): Promise<PublishResult & { ms: number; buildMs: number; composeMs: number; sqlBytes: number }> {
  const inner = d1Executor(db as Parameters<typeof d1Executor>[0], batchSize);
  const t0 = performance.now();
  let buildMs = Number.NaN;
  let composeMs = 0;
  let sqlBytes = 0;
  let count = 0;
  let lastLog = t0;
  function* watched(statements: Iterable<string>) {
    const it = statements[Symbol.iterator]();
    for (;;) {
      const t = performance.now();
      const next = it.next();
      composeMs += performance.now() - t;
      if (next.done) return;
      count++;
      sqlBytes += Buffer.byteLength(next.value);
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`${label}: ${count} statements, ${(sqlBytes / 1e6).toFixed(0)} MB of SQL (${secs(t0)})`);
      }
      yield next.value;
    }
  }
  const exec: SqlExecutor = {
    query: (sql) => inner.query(sql),
    async run(statements) {
      buildMs = performance.now() - t0;
      log(`${label}: release hashed in ${secs(t0)}; composing and loading as a stream`);
      await inner.run(watched(statements));
    },
  };
  const result = await publishDataset(exec, dataset);
  return { ...result, ms: performance.now() - t0, buildMs, composeMs, sqlBytes };
}

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

export function log(message: string) {
  console.log(`[bench] ${message}`);
}

/**
 * The id of a kept synthetic database (SOAK_DB, BENCH_DB): with the same id under the same persistence path,
 * the soak and the benchmark open the same file.
 */
export const KEPT_DB_ID = "soak";
/** The record beside a kept database of what it holds. */
const KEPT = "soak-publish.json";

type Publish = Awaited<ReturnType<typeof publishWithProgress>>;
/** A publish, as made now or as a kept database's record remembers it. */
export type Published = Pick<Publish, "ms"> &
  Partial<Pick<Publish, "buildMs" | "composeMs" | "statements" | "sqlBytes">> & {
    release: { version: string };
    reused?: boolean;
  };

/** What a kept database's data is: the dataset and the migrations it was published with. */
const dataKey = (data: Dataset) =>
  createHash("sha256")
    .update(JSON.stringify(data))
    .update(readdirSync(join(ROOT, "migrations")).join())
    .digest("hex");

/**
 * Publishes `data`, or, when `dir` (a persistence path) holds a database that serves exactly this data
 * published, reuses it: publishing 1,000× data takes about six minutes here. Migrates a new database first.
 */
export async function publishOrReuse(db: D1Like, data: Dataset, label: string, dir?: string): Promise<Published> {
  const file = dir ? join(dir, KEPT) : undefined;
  if (file && existsSync(file)) {
    const held = JSON.parse(readFileSync(file, "utf8")) as Omit<Published, "reused"> & { key: string };
    if (held.key !== dataKey(data))
      throw new Error(`${dir} holds other data (or migrations); remove it or pick another`);
    const rows = await db
      .prepare("SELECT version FROM releases WHERE status = 'published' ORDER BY seq DESC LIMIT 1")
      .all<{ version: string }>()
      .catch(() => ({ results: [] as { version: string }[] }));
    if (rows.results[0]?.version === held.release.version) {
      log(`${label}: ${dir} serves this data, release ${held.release.version}: not publishing again`);
      return { ...held, reused: true };
    }
    log(`${label}: the database kept in ${dir} does not serve ${held.release.version}: publishing again`);
  }
  await migrate(db);
  const pub = await publishWithProgress(db, data, label, 100);
  const { ms, buildMs, composeMs, statements, sqlBytes } = pub;
  const out = { ms, buildMs, composeMs, statements, sqlBytes, release: { version: pub.release.version } };
  if (dir && file) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify({ key: dataKey(data), ...out }));
  }
  return { ...pub, reused: false };
}

/**
 * The publisher's worker: runs what it is sent on its D1 database, each request one call (`{ all | run: sql }`, or
 * `{ batch: [sql…] }`, one transaction), and answers D1's result as JSON.
 */
const PUBLISHER_SCRIPT = `export default {
  async fetch(request, env) {
    const body = await request.json();
    const result = body.batch
      ? await env.DB.batch(body.batch.map((sql) => env.DB.prepare(sql)))
      : body.all !== undefined
        ? await env.DB.prepare(body.all).all()
        : await env.DB.prepare(body.run).run();
    return Response.json(result);
  },
};`;

/**
 * A D1Like over HTTP to the publisher's worker: the statements travel as text and nothing of them stays behind
 * in workerd. Through Miniflare's binding proxy, publishing 1,000× data from the benchmark's process ended with
 * workerd aborting (signal 6) about 1.4 GB of SQL in, three times, where the same publish from a process of its
 * own completed; most likely because every prepared statement made through the proxy is an
 * object workerd holds until Node's garbage collector lets it go, which comes late in a process whose heap is
 * large. Over HTTP, the benchmark's own publish completes.
 */
function httpD1(url: URL): D1Like {
  const call = async <T>(body: unknown): Promise<T> => {
    const res = await fetch(url, { method: "POST", body: JSON.stringify(body), signal: AbortSignal.timeout(600_000) });
    if (!res.ok) throw new Error(`D1 (publisher): ${res.status} ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as T;
  };
  type Statement = {
    sql: string;
    run(): Promise<{ meta?: { size_after?: number } }>;
    all<T>(): Promise<{ results: T[] }>;
  };
  return {
    prepare: (sql: string): Statement => ({
      sql,
      run: () => call({ run: sql }),
      all: <T>() => call<{ results: T[] }>({ all: sql }),
    }),
    batch: (statements: unknown[]) => call({ batch: (statements as Statement[]).map((x) => x.sql) }),
  };
}

/**
 * Publishes `data` (or reuses a kept database that serves it: publishOrReuse) into the D1 database `dbId` kept
 * under `dir`, from a workerd of its own that runs nothing else (one worker and the database); the API's workers
 * then open the same file (startApi with `persist: dir`). `npm run bench:publish` times it alone.
 * The statements reach the database over HTTP (httpD1), not through Miniflare's binding proxy.
 */
export async function publishApart(
  data: Dataset,
  label: string,
  dbId: string,
  dir: string,
  tmp: string,
): Promise<{ pub: Published; size: number | undefined }> {
  const publisher = await start({
    host: "127.0.0.1",
    port: 0,
    resourcePersistencePath: dir,
    resourceTmpPath: join(tmp, `mf-publish-${dbId}`),
    handleStructuredLogs: onLog,
    workers: [
      {
        name: "publisher",
        modules: true,
        compatibilityDate: COMPATIBILITY_DATE,
        script: PUBLISHER_SCRIPT,
        d1Databases: { DB: dbId },
        unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
      },
    ],
  } as V4Options);
  try {
    const db = httpD1(await publisher.url("publisher"));
    const pub = await publishOrReuse(db, data, label, dir);
    return { pub, size: await databaseSize(db) };
  } finally {
    await publisher.mf.dispose();
  }
}
