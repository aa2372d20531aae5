/**
 * `npm run bench`: figures, not timed tests (issue 4). Builds the production bundle, measures its size and
 * startup, runs it in workerd (Miniflare API, no `wrangler dev` proxy) beside a bare worker, loads it with
 * autocannon on loopback (cache hits, uncached list/detail/search/budget-check), reads D1 rows per request,
 * repeats the uncached figures on a synthetic dataset 1,000× the real one, and writes docs/performance.md.
 *
 * Settings (environment): BENCH_TIMES (synthetic multiple, default 1000; 0 skips it), BENCH_DURATION (s per
 * run, default 5), BENCH_CONNECTIONS (default 10), BENCH_STARTUP_RUNS (default 3).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join } from "node:path";
import { formatProblem } from "../src/dataset/validate";
import type { Dataset } from "../src/dataset/schema";
import { type Bundle, buildBundle, measureStartup, type Startup } from "./bench/build";
import { measure } from "./bench/load";
import {
  type BenchReport,
  type D1Figures,
  type Machine,
  type Operation,
  renderReport,
  type ScenarioResult,
} from "./bench/report";
import {
  databaseSize,
  type D1Like,
  log,
  migrate,
  publishWithProgress,
  type Running,
  startApi,
  startBare,
} from "./bench/workers";
import { loadDataset, ROOT } from "./lib/files";
import { recordCount, synthesize } from "./synthetic";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
};
const SETTINGS = {
  times: Math.floor(num("BENCH_TIMES", 1000)),
  duration: num("BENCH_DURATION", 5),
  connections: Math.max(1, Math.floor(num("BENCH_CONNECTIONS", 10))),
  warmup: 1,
  startupRuns: Math.max(1, Math.floor(num("BENCH_STARTUP_RUNS", 3))),
};
/** Nothing in the benchmark may run longer than this. */
const WATCHDOG_MS = 25 * 60_000;

interface Scenario {
  key: string;
  label: string;
  op: Operation;
  path: string;
  worker: "cached" | "uncached";
}

function scenarios(d: Dataset): Scenario[] {
  const entity = d.entities.find((e) => e.id === "alibaba-cloud")?.id ?? d.entities[0]?.id ?? "alibaba-cloud";
  const fact = d.facts[0]?.id ?? "unknown";
  const model =
    d.entities.find((e) => e.id === "qwen-2-2b-pruned")?.id ?? d.entities.find((e) => e.type === "model")?.id;
  const budget = d.budgets.find((b) => b.id.includes("core-ml"))?.id ?? d.budgets[0]?.id;
  return [
    { key: "hit", label: "cache hit (entity)", op: "hit", path: `/v1/entities/${entity}`, worker: "cached" },
    { key: "list-facts", label: "list facts", op: "list", path: "/v1/facts?limit=20", worker: "uncached" },
    { key: "list-entities", label: "list entities", op: "list", path: "/v1/entities?limit=20", worker: "uncached" },
    { key: "detail-entity", label: "detail entity", op: "detail", path: `/v1/entities/${entity}`, worker: "uncached" },
    { key: "detail-fact", label: "detail fact", op: "detail", path: `/v1/facts/${fact}`, worker: "uncached" },
    { key: "search", label: "search", op: "search", path: "/v1/search?q=Qwen", worker: "uncached" },
    {
      key: "budget-check",
      label: "budget check",
      op: "budget-check",
      path: `/v1/budget-checks?model=${model}&budget=${budget}`,
      worker: "uncached",
    },
  ];
}

interface Probe {
  status: number;
  cacheStatus: string;
  body: string;
  d1?: D1Figures;
}

async function probe(base: URL, path: string): Promise<Probe> {
  const res = await fetch(new URL(path, base), { signal: AbortSignal.timeout(60_000) });
  const body = await res.text();
  const h = (name: string) => res.headers.get(name);
  const d1 =
    h("X-D1-Rows-Read") !== null
      ? {
          queries: Number(h("X-D1-Queries")),
          rowsRead: Number(h("X-D1-Rows-Read")),
          rowsReturned: Number(h("X-D1-Rows-Returned")),
        }
      : undefined;
  return { status: res.status, cacheStatus: h("Cache-Status") ?? "", body, ...(d1 ? { d1 } : {}) };
}

function recordsIn(body: string): number | undefined {
  try {
    const data = (JSON.parse(body) as { data?: unknown }).data;
    if (Array.isArray(data)) return data.length;
    return data && typeof data === "object" ? 1 : undefined;
  } catch {
    return undefined;
  }
}

const load = () => ({ connections: SETTINGS.connections, duration: SETTINGS.duration, warmup: SETTINGS.warmup });

async function runBare(bare: Running, label: string): Promise<ScenarioResult> {
  const url = new URL("/", await bare.url("bare"));
  const loadavg1 = loadavg()[0];
  const result = await measure(url.href, load());
  log(
    `bare (${label}): ${Math.round(result.rps)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`,
  );
  return {
    key: "bare",
    label: `bare worker (${label})`,
    op: "bare",
    path: "/",
    worker: "bare",
    status: "ok",
    load: result,
    ...(loadavg1 !== undefined ? { loadavg: loadavg1 } : {}),
  };
}

/** One scenario: check the answer (status, Cache-Status), load it, then read its D1 figures from the metrics worker. */
async function runScenario(api: Running, s: Scenario, withMetrics: boolean): Promise<ScenarioResult> {
  const out: ScenarioResult = { key: s.key, label: s.label, op: s.op, path: s.path, worker: s.worker, status: "ok" };
  try {
    const base = await api.url(s.worker);
    const first = await probe(base, s.path);
    if (first.status !== 200) {
      out.status = `n/a (${first.status})`;
      log(`${s.label}: ${s.path} answered ${first.status}; no figures`);
      return out;
    }
    // A hit needs the entry stored (cache.put runs in waitUntil); a miss must stay a miss.
    await new Promise((r) => setTimeout(r, 200));
    const second = await probe(base, s.path);
    out.cacheStatus = second.cacheStatus;
    out.records = recordsIn(second.body);
    out.bytes = Buffer.byteLength(second.body);
    const isHit = /;\s*hit/.test(second.cacheStatus);
    if (s.worker === "cached" && !isHit) out.status = `not a hit (${second.cacheStatus || "no Cache-Status"})`;
    if (s.worker === "uncached" && (isHit || !second.cacheStatus.includes("fwd=uri-miss"))) {
      out.status = `not a miss (${second.cacheStatus || "no Cache-Status"})`;
    }
    const loadavg1 = loadavg()[0];
    if (loadavg1 !== undefined) out.loadavg = loadavg1;
    out.load = await measure(new URL(s.path, base).href, load());
    if (out.load.non2xx > 0 || out.load.errors > 0) {
      out.status = `${out.status}; ${out.load.non2xx} non-2xx, ${out.load.errors} errors under load`;
    }
    if (withMetrics) {
      const metrics = await api.url("metrics");
      await probe(metrics, s.path); // warm: the release lookup is memoized per isolate
      const m = await probe(metrics, s.path);
      if (m.d1) out.d1 = m.d1;
    }
    const l = out.load;
    log(
      `${s.label}: ${Math.round(l.rps)} req/s, p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms` +
        (out.d1
          ? `; D1 ${out.d1.queries} queries, ${out.d1.rowsRead} rows read, ${out.d1.rowsReturned} returned`
          : "") +
        ` [${out.cacheStatus}]${out.status === "ok" ? "" : ` ${out.status}`}`,
    );
  } catch (err) {
    out.status = `n/a (${(err as Error).message.split("\n")[0]})`;
    log(`${s.label}: failed: ${out.status}`);
  }
  return out;
}

function machine(): Machine {
  const cpuinfo = (() => {
    try {
      return /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim();
    } catch {
      return undefined;
    }
  })();
  const version = (pkg: string) => {
    try {
      return (JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string })
        .version;
    } catch {
      return "?";
    }
  };
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || nproc;
  } catch {
    // cpus() it is
  }
  return {
    cpus: nproc,
    cpuModel: cpuinfo ?? cpus()[0]?.model ?? "unknown",
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.versions.node,
    os: `${type()} ${release()}`,
    versions: {
      wrangler: version("wrangler"),
      miniflare: version("miniflare"),
      workerd:
        version("miniflare/node_modules/workerd") === "?"
          ? version("workerd")
          : version("miniflare/node_modules/workerd"),
      autocannon: version("autocannon"),
    },
    loadavgStart: loadavg(),
  };
}

async function main() {
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), "alliance-bench-"));
  const running = new Set<Running>();
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const r of running) await r.mf.dispose().catch(() => undefined);
    running.clear();
    rmSync(tmp, { recursive: true, force: true });
  };
  const stop = (code: number) => {
    void cleanup().finally(() => process.exit(code));
  };
  process.once("SIGINT", () => stop(130));
  process.once("SIGTERM", () => stop(143));
  const watchdog = setTimeout(() => {
    console.error(`[bench] gave up after ${WATCHDOG_MS / 60_000} minutes`);
    stop(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  const track = (r: Running) => {
    running.add(r);
    return r;
  };
  const dispose = async (r: Running) => {
    running.delete(r);
    await r.mf.dispose();
  };

  try {
    const m = machine();
    log(
      `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}; load ${m.loadavgStart[0]?.toFixed(2)}`,
    );
    const result = loadDataset();
    if (!result.ok) {
      for (const p of result.problems) console.error(formatProblem(p));
      throw new Error("data/ is invalid; run npm run data:check");
    }
    const dataset = result.dataset;

    log("building the production bundle (wrangler deploy --dry-run)…");
    const bundle: Bundle = await buildBundle(tmp);
    log(`bundle: ${(bundle.rawBytes / 1024).toFixed(1)} KB raw, ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzip`);

    let startup: BenchReport["startup"];
    try {
      log(`startup: wrangler check startup ×${SETTINGS.startupRuns}…`);
      const s: Startup = await measureStartup(bundle, tmp, SETTINGS.startupRuns);
      startup = {
        method: `\`${s.command}\` (runs offline in local workerd and writes a V8 CPU profile of the startup phase)`,
        figure: s,
      };
      log(
        `startup: ${s.runs.map((x) => `${x.windowMs.toFixed(0)} ms`).join(", ")} (median ${s.median.windowMs.toFixed(0)} ms)`,
      );
    } catch (err) {
      log(`wrangler check startup failed (${(err as Error).message.split("\n")[0]}); timing mf.ready instead`);
      startup = { method: "fallback", figure: await readyTimeStartup(bundle, tmp) };
      startup.method =
        "fallback (wrangler check startup failed): time to Miniflare `ready` for the bundle minus the bare worker's, median of 3";
    }

    const times = SETTINGS.times;
    const real = scenarios(dataset);

    // ---- real data
    const bare = track(await startBare(tmp));
    const api = track(
      await startApi(
        bundle,
        [
          { name: "cached", cache: true, metrics: false },
          { name: "uncached", cache: false, metrics: false },
          { name: "metrics", cache: false, metrics: true },
        ],
        "real",
        tmp,
      ),
    );
    const db = (await api.mf.getD1Database("DB", "uncached")) as unknown as D1Like;
    log(`migrations: ${await migrate(db)} statements`);
    const pub = await publishWithProgress(db, dataset, "real data");
    const realDb = await databaseSize(db);
    log(`real data: release ${pub.release.version} published (${pub.statements} statements, ${Math.round(pub.ms)} ms)`);

    const bareRuns: ScenarioResult[] = [await runBare(bare, "start")];
    const realResults: ScenarioResult[] = [];
    for (const s of real) realResults.push(await runScenario(api, s, s.worker === "uncached"));
    bareRuns.push(await runBare(bare, "after real data"));

    // ---- synthetic data
    const bigResults: ScenarioResult[] = [];
    let synthetic: BenchReport["synthetic"];
    let syntheticNote: string | undefined;
    if (times >= 1) {
      try {
        log(`synthetic: generating ${times}× the real dataset…`);
        const bigData = synthesize(dataset, times);
        const records = recordCount(bigData);
        const bigApi = track(
          await startApi(
            bundle,
            [
              { name: "uncached", cache: false, metrics: false },
              { name: "metrics", cache: false, metrics: true },
            ],
            "synthetic",
            tmp,
          ),
        );
        const bigDb = (await bigApi.mf.getD1Database("DB", "uncached")) as unknown as D1Like;
        await migrate(bigDb);
        const bigPub = await publishWithProgress(bigDb, bigData, `${times}× data`, 100);
        synthetic = {
          times,
          records,
          publishMs: bigPub.ms,
          statements: bigPub.statements,
          dbBytes: await databaseSize(bigDb),
        };
        log(`${times}× data: ${records} records published in ${(bigPub.ms / 1000).toFixed(0)} s`);
        // Each scenario at real size again right before its 1000× run: the pair shares the machine's load.
        for (const s of real.filter((x) => x.worker === "uncached")) {
          const paired = await runScenario(api, s, false);
          const result = await runScenario(bigApi, s, true);
          if (paired.load) result.pairedReal = paired.load;
          bigResults.push(result);
        }
        await dispose(bigApi);
      } catch (err) {
        syntheticNote = `The ${times}× run did not complete: ${(err as Error).message.split("\n")[0]}.`;
        log(syntheticNote);
      }
    } else {
      syntheticNote = "Skipped (BENCH_TIMES=0).";
    }
    await dispose(api);
    bareRuns.push(await runBare(bare, "end"));
    await dispose(bare);

    const report: BenchReport = {
      date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      command: "npm run bench",
      machine: m,
      settings: {
        connections: SETTINGS.connections,
        duration: SETTINGS.duration,
        warmup: SETTINGS.warmup,
        times,
      },
      bundle: { rawBytes: bundle.rawBytes, gzipBytes: bundle.gzipBytes, command: bundle.command },
      startup,
      real: { records: recordCount(dataset), publishMs: pub.ms, statements: pub.statements, dbBytes: realDb },
      synthetic,
      ...(syntheticNote ? { syntheticNote } : {}),
      bare: bareRuns,
      realResults,
      bigResults,
    };
    const markdown = renderReport(report);
    writeFileSync(join(ROOT, "docs/performance.md"), markdown);
    console.log(`\n${markdown}`);
    log(`wrote docs/performance.md in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

/** Startup without wrangler: time to `ready` of the bundle (with D1) minus the bare worker's, median of 3. */
async function readyTimeStartup(bundle: Bundle, tmp: string) {
  const diffs: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const b = await startBare(join(tmp, `ready-bare-${i}`));
    const bareMs = performance.now() - t;
    await b.mf.dispose();
    t = performance.now();
    const a = await startApi(bundle, [{ name: "uncached", cache: false, metrics: false }], `ready-${i}`, tmp);
    const apiMs = performance.now() - t;
    await a.mf.dispose();
    diffs.push(apiMs - bareMs);
  }
  const sorted = [...diffs].sort((x, y) => x - y);
  return { fallbackMs: diffs, medianMs: sorted[1] ?? Number.NaN };
}

await main().then(
  () => process.exit(0),
  (err) => {
    console.error(`[bench] failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
