/** docs/performance.md from the measured figures: baselines, hits and misses, D1, publishing, targets, capacity. */
import type { Startup } from "./build";
import type { LoadResult } from "./load";
import type { FloorSetup } from "./workers";

/**
 * What a request does: bare and floor are the baselines (bare-fields, the bare worker with the header fields of a
 * hit of the API, a reference beside bare); the others are the API's operations.
 */
export type Operation = "bare" | "bare-fields" | "floor" | "list" | "detail" | "search" | "budget-check";

export interface D1Figures {
  queries: number;
  rowsRead: number;
  rowsReturned: number;
}

export interface ScenarioResult {
  key: string;
  label: string;
  op: Operation;
  path: string;
  /** Which worker served it: bare, floor, cached (Cache API on: a hit), uncached (Cache API off: a miss). */
  worker: string;
  /** If-None-Match with the answer's ETag: a 304. */
  conditional?: boolean;
  /** Embeds related records (include=). */
  include?: boolean;
  /** "ok", or what went wrong (e.g. "n/a (404)", "not a hit (…)"). */
  status: string;
  /** HTTP status of the checked answer. */
  httpStatus?: number;
  cacheStatus?: string;
  load?: LoadResult;
  /** Load average (1 min) just before the run: other work on this machine. */
  loadavg?: number;
  d1?: D1Figures;
  /** Records in the answer (data[] length, or 1 for one record). */
  records?: number;
  bytes?: number;
  /** Synthetic runs: the same request at real size, measured right before (same machine load). */
  pairedReal?: LoadResult;
  /** Synthetic runs: the p50 ratio (synthetic / real size) of every round, in order; the median one is reported. */
  pairedRatios?: number[];
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  versions: Record<string, string>;
  loadavgStart: number[];
}

/** One publication of a dataset into an empty (migrated) local D1. */
export interface PublishFigures {
  records: number;
  /** From the start of publishDataset to the new release serving. */
  publishMs: number;
  /** Of which hashing the release, before the first statement is made. */
  buildMs?: number;
  /** Of which making the statements (composing the records, writing their SQL) as they stream to D1. */
  composeMs?: number;
  statements?: number;
  sqlBytes?: number;
  dbBytes?: number;
  /** Published by an earlier run into the kept database (BENCH_DB), whose record lacks some figures. */
  reused?: boolean;
}

export interface BenchReport {
  date: string;
  command: string;
  machine: Machine;
  settings: { connections: number; duration: number; warmup: number; times: number };
  /** startupBytes, scriptModules: absent from reports older than the split build (scripts/build-worker.ts). */
  bundle: { rawBytes: number; gzipBytes: number; startupBytes?: number; scriptModules?: number; command: string };
  startup: { method: string; figure: Startup | { fallbackMs: number[]; medianMs: number } };
  real: PublishFigures;
  synthetic?: (PublishFigures & { times: number }) | undefined;
  syntheticNote?: string;
  bare: ScenarioResult[];
  /** The floor's point read through a D1 session, as the API reads: what misses are compared with. */
  floor: ScenarioResult[];
  /** The same read without a session (what the session costs locally); absent in reports before it. */
  floorPlain?: ScenarioResult[];
  floorSetup: FloorSetup & { path: string; plainPath?: string };
  /**
   * The bare worker answering with the header fields of a hit of the API (a reference: what the header contract
   * alone costs; no target is judged against it); absent when it did not start, and in reports before it.
   */
  bareFields?: ScenarioResult[];
  /** Whose fields it sends: the hit's path, the fields' names (workerd's framing fields aside) and their bytes. */
  bareFieldsFrom?: { path: string; names: string[]; bytes: number };
  realResults: ScenarioResult[];
  bigResults: ScenarioResult[];
}

/** The targets of issue 9 (item 8, "The benchmark gets a floor"). */
export const TARGETS = {
  detailMissVsFloor: 0.8,
  listMissVsFloor: 0.6,
  hitVsBare: 0.9,
  hitP99VsBare: 1.5,
  detailQueries: 1,
  listQueries: 2,
  includeExtraQueries: 1,
  extraRowsRead: 2,
  bigP50VsReal: 1.5,
  startupMs: 50,
  publishBigMs: 91_000,
  publishBigTimes: 1000,
};

// ---------------------------------------------------------------------------------------------------------
// Formatting

const f0 = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? "n/a" : Math.round(n).toLocaleString("en-US");
const f2 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "n/a" : n.toFixed(2));
const ratio = (n: number | undefined, base: number | undefined) =>
  n === undefined || base === undefined || !Number.isFinite(n) || !base ? "n/a" : `${(n / base).toFixed(2)}×`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const secs = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms)
    ? "n/a"
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(0)} s`
      : `${(ms / 1000).toFixed(1)} s`;
const usd = (n: number) => `$${n.toFixed(2)}`;
const big = (n: number) =>
  n >= 1e9
    ? `${(n / 1e9).toFixed(2)} B`
    : n >= 1e6
      ? `${(n / 1e6).toFixed(1)} M`
      : Math.round(n).toLocaleString("en-US");
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

const median = (xs: number[]) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** A baseline's figures used for every ratio: the median of its runs (spread over the benchmark). */
export function baseline(runs: ScenarioResult[]) {
  const loads = runs.map((b) => b.load).filter((l): l is LoadResult => l !== undefined);
  return {
    rps: median(loads.map((r) => r.rps)),
    p50: median(loads.map((r) => r.p50)),
    p99: median(loads.map((r) => r.p99)),
  };
}

type Baseline = ReturnType<typeof baseline>;

/** The median of the runs of the bare worker with the API's header fields, if it ran. */
const fieldsBaseline = (r: BenchReport) => (r.bareFields?.length ? baseline(r.bareFields) : undefined);

const hits = (rows: ScenarioResult[]) => rows.filter((r) => r.worker === "cached");
const misses = (rows: ScenarioResult[]) => rows.filter((r) => r.worker === "uncached");
const cacheOf = (r: ScenarioResult) => (r.worker === "cached" ? (r.conditional ? "hit (304)" : "hit") : "miss");

/** D1 queries a miss may make (issue 9): a detail 1, a list 2, plus 1 with include; other operations: none set. */
export function queryTarget(r: ScenarioResult): number | undefined {
  if (r.worker !== "uncached") return undefined;
  if (r.op === "detail") return TARGETS.detailQueries;
  if (r.op === "list") return TARGETS.listQueries + (r.include ? TARGETS.includeExtraQueries : 0);
  return undefined;
}
const rowsTargetApplies = (r: ScenarioResult) => r.worker === "uncached" && (r.op === "list" || r.op === "detail");
const rowsOk = (d: D1Figures) => d.rowsRead <= d.rowsReturned + TARGETS.extraRowsRead;

function baselineTable(report: BenchReport, bare: Baseline, floor: Baseline) {
  const plain = report.floorPlain ?? [];
  const rows = [...report.bare, ...(report.bareFields ?? []), ...report.floor, ...plain].sort(
    (a, b) => a.worker.localeCompare(b.worker) || a.path.localeCompare(b.path),
  );
  const p = plain.length > 0 ? baseline(plain) : undefined;
  const f = fieldsBaseline(report);
  const line = (r: ScenarioResult) =>
    `| ${r.label} | \`${r.path}\` | ${f0(r.load?.rps)} | ${f2(r.load?.p50)} | ${f2(r.load?.p99)} | ${r.loadavg === undefined ? "" : r.loadavg.toFixed(1)} |${r.status === "ok" ? "" : ` ${r.status}`}`;
  return [
    "| run | request | req/s | p50 ms | p99 ms | load avg |",
    "|---|---|--:|--:|--:|--:|",
    ...rows.map(line),
    `| **bare: median of its runs** (× bare) | | **${f0(bare.rps)}** | **${f2(bare.p50)}** | **${f2(bare.p99)}** | |`,
    ...(f
      ? [
          `| bare with the API's header fields: median of its runs (for reference; ${ratio(f.rps, bare.rps)} bare's req/s, ${ratio(f.p99, bare.p99)} its p99) | | ${f0(f.rps)} | ${f2(f.p50)} | ${f2(f.p99)} | |`,
        ]
      : []),
    `| **floor: median of its runs** (× floor) | | **${f0(floor.rps)}** | **${f2(floor.p50)}** | **${f2(floor.p99)}** | |`,
    ...(p
      ? [
          `| floor without a session: median of its runs (for reference) | | ${f0(p.rps)} | ${f2(p.p50)} | ${f2(p.p99)} | |`,
        ]
      : []),
  ].join("\n");
}

/**
 * Throughput and latency of some scenarios, as ratios to one baseline; optionally against the paired real run,
 * and req/s and p99 against a reference (the bare worker with the API's header fields, for hits).
 */
function loadTable(
  rows: ScenarioResult[],
  base: Baseline,
  baseName: string,
  { paired = false, reference }: { paired?: boolean; reference?: Baseline | undefined } = {},
) {
  const x = `× ${baseName}`;
  const ref = reference ? " req/s × bare with the API's fields | p99 × bare with the API's fields |" : "";
  const head = `| scenario | request | answer | req/s | ${x} | p50 ms | ${x} | p99 ms | ${x} |${ref} load avg |${paired ? " p50 × real size (real size right before: p50, req/s) |" : ""}`;
  const sep = `|---|---|---|--:|--:|--:|--:|--:|--:|${reference ? "--:|--:|" : ""}--:|${paired ? "--:|" : ""}`;
  const lines = rows.map((r) => {
    const l = r.load;
    const cells =
      l === undefined
        ? ["", "", "", "", "", "", ...(reference ? ["", ""] : [])]
        : [
            f0(l.rps),
            ratio(l.rps, base.rps),
            f2(l.p50),
            ratio(l.p50, base.p50),
            f2(l.p99),
            ratio(l.p99, base.p99),
            ...(reference ? [ratio(l.rps, reference.rps), ratio(l.p99, reference.p99)] : []),
          ];
    const answer = r.httpStatus ? `${r.httpStatus} ${r.worker === "cached" ? "hit" : "miss"}` : "";
    const checked = r.status === "ok" ? answer : `${answer}${answer ? ": " : ""}**${r.status}**`;
    const more = paired
      ? ` ${r.pairedReal ? `${ratio(l?.p50, r.pairedReal.p50)} (${f2(r.pairedReal.p50)} ms, ${f0(r.pairedReal.rps)} req/s)` : "n/a"} |`
      : "";
    return `| ${r.label} | \`${r.path}\` | ${checked} | ${cells.join(" | ")} | ${r.loadavg === undefined ? "" : r.loadavg.toFixed(1)} |${more}`;
  });
  return [head, sep, ...lines].join("\n");
}

function d1Table(rows: ScenarioResult[]) {
  const head =
    "| operation | request | cache | D1 queries | queries within target | rows read | rows returned | rows read ≤ returned + 2 | records in answer | answer bytes |";
  const sep = "|---|---|---|--:|:-:|--:|--:|:-:|--:|--:|";
  const yes = (ok: boolean) => (ok ? "yes" : "**no**");
  const lines = rows.map((r) => {
    if (!r.d1)
      return `| ${r.label} | \`${r.path}\` | ${cacheOf(r)} | ${r.status === "ok" ? "n/a" : r.status} | | | | | | |`;
    const q = queryTarget(r);
    const queries = q === undefined ? "–" : `${yes(r.d1.queries <= q)} (${q === 1 ? "1" : `≤ ${q}`})`;
    const rowsCell = rowsTargetApplies(r) ? yes(rowsOk(r.d1)) : "–";
    return `| ${r.label} | \`${r.path}\` | ${cacheOf(r)} | ${r.d1.queries} | ${queries} | ${f0(r.d1.rowsRead)} | ${f0(r.d1.rowsReturned)} | ${rowsCell} | ${r.records ?? "n/a"} | ${f0(r.bytes)} |`;
  });
  return [head, sep, ...lines].join("\n");
}

function publishTable(r: BenchReport) {
  const row = (label: string, p: PublishFigures) =>
    `| ${label}${p.reused ? " (an earlier run's publish, kept in BENCH_DB)" : ""} | ${p.records.toLocaleString("en-US")} | ${p.statements?.toLocaleString("en-US") ?? "n/a"} | ${mb(p.sqlBytes)} | ${secs(p.buildMs)} | ${secs(p.composeMs)} | ${secs(p.publishMs - (p.buildMs ?? Number.NaN) - (p.composeMs ?? Number.NaN))} | **${secs(p.publishMs)}** | ${mb(p.dbBytes)} |`;
  return [
    "| data | records | SQL statements | SQL size | hashing the release | composing, writing SQL | D1 running it | publishing time | database size |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    row("real", r.real),
    ...(r.synthetic ? [row(`${r.synthetic.times}× synthetic`, r.synthetic)] : []),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------------
// Targets

export interface Target {
  target: string;
  measured: string;
  pass: boolean | undefined;
}

function startupMs(r: BenchReport) {
  return "median" in r.startup.figure ? r.startup.figure.median.windowMs : r.startup.figure.medianMs;
}

/** A figure from a run whose answers were not the expected ones does not pass. */
const checked = (r: ScenarioResult, pass: boolean) => r.status === "ok" && pass;
const note = (r: ScenarioResult) => (r.status === "ok" ? "" : `; ${r.status}`);
/** The rounds behind a synthetic run's ratio to real size, when there were several (medianPair in bench.ts). */
const rounds = (r: ScenarioResult) =>
  r.pairedRatios && r.pairedRatios.length > 1
    ? `; the median of ${r.pairedRatios.length} pairs: ${r.pairedRatios.map((x) => `${x.toFixed(2)}×`).join(", ")}`
    : "";

export function targets(r: BenchReport): Target[] {
  const bare = baseline(r.bare);
  const floor = baseline(r.floor);
  const plain = r.floorPlain?.length ? baseline(r.floorPlain) : undefined;
  const out: Target[] = [];
  const na = (target: string, x: ScenarioResult) => out.push({ target, measured: x.status, pass: undefined });

  for (const x of misses(r.realResults)) {
    const min = x.op === "detail" ? TARGETS.detailMissVsFloor : x.op === "list" ? TARGETS.listMissVsFloor : undefined;
    if (min === undefined) continue;
    const target = `${x.op === "detail" ? "detail" : "list-page"} miss ≥ ${min}× floor req/s: ${x.label}`;
    if (!x.load) {
      na(target, x);
      continue;
    }
    out.push({
      target,
      measured: `${ratio(x.load.rps, floor.rps)} (${f0(x.load.rps)} vs ${f0(floor.rps)} req/s${plain ? `; ${ratio(x.load.rps, plain.rps)} of the floor without a session` : ""})${note(x)}`,
      pass: checked(x, x.load.rps >= min * floor.rps),
    });
  }
  for (const x of hits(r.realResults)) {
    const target = `hit ≥ ${TARGETS.hitVsBare}× bare req/s: ${x.label.replace(/^hit: /, "")}`;
    if (!x.load) {
      na(target, x);
      continue;
    }
    out.push({
      target,
      measured: `${ratio(x.load.rps, bare.rps)} (${f0(x.load.rps)} vs ${f0(bare.rps)} req/s)${note(x)}`,
      pass: checked(x, x.load.rps >= TARGETS.hitVsBare * bare.rps),
    });
  }
  for (const x of hits(r.realResults)) {
    const target = `hit p99 ≤ ${TARGETS.hitP99VsBare}× bare p99: ${x.label.replace(/^hit: /, "")}`;
    if (!x.load) {
      na(target, x);
      continue;
    }
    out.push({
      target,
      measured: `${ratio(x.load.p99, bare.p99)} (${f2(x.load.p99)} vs ${f2(bare.p99)} ms)${note(x)}`,
      pass: checked(x, x.load.p99 <= TARGETS.hitP99VsBare * bare.p99),
    });
  }

  const sizes = [
    ["real size", r.realResults],
    ...(r.synthetic ? [[`${r.synthetic.times}× data`, r.bigResults] as const] : []),
  ] as const;
  for (const [label, rows] of sizes) {
    const withTarget = misses(rows).filter((x) => queryTarget(x) !== undefined);
    if (withTarget.length === 0) continue;
    const missing = withTarget.filter((x) => !x.d1);
    out.push({
      target: `D1 queries per miss: detail ${TARGETS.detailQueries}, list ≤ ${TARGETS.listQueries} (+${TARGETS.includeExtraQueries} with include) (${label})`,
      measured: withTarget
        .map(
          (x) =>
            `${x.label} ${x.d1 ? x.d1.queries : "n/a"}${x.d1 && x.d1.queries > (queryTarget(x) ?? 0) ? ` (> ${queryTarget(x)})` : ""}`,
        )
        .join("; "),
      pass: missing.length > 0 ? undefined : withTarget.every((x) => x.d1 && x.d1.queries <= (queryTarget(x) ?? 0)),
    });
  }
  for (const [label, rows] of sizes) {
    const withTarget = rows.filter(rowsTargetApplies);
    if (withTarget.length === 0) continue;
    const missing = withTarget.filter((x) => !x.d1);
    out.push({
      target: `rows read ≤ rows returned + ${TARGETS.extraRowsRead}, every list and detail (${label})`,
      measured: withTarget
        .map((x) => `${x.label} ${x.d1 ? `${f0(x.d1.rowsRead)}/${f0(x.d1.rowsReturned)}` : "n/a"}`)
        .join("; "),
      pass: missing.length > 0 ? undefined : withTarget.every((x) => x.d1 && rowsOk(x.d1)),
    });
  }
  if (r.synthetic) {
    for (const x of r.bigResults) {
      const target = `${r.synthetic.times}× data: ${x.label} p50 ≤ ${TARGETS.bigP50VsReal}× real-size p50`;
      const real = x.pairedReal;
      if (!real || !x.load) {
        na(target, x);
        continue;
      }
      out.push({
        target,
        measured: `${ratio(x.load.p50, real.p50)} (${f2(x.load.p50)} vs ${f2(real.p50)} ms, real size measured right before${rounds(x)})${note(x)}`,
        pass: checked(x, x.load.p50 <= TARGETS.bigP50VsReal * real.p50),
      });
    }
  }
  const s = startupMs(r);
  out.push({
    target: `startup ≤ ${TARGETS.startupMs} ms (\`wrangler check startup\`)`,
    measured:
      "median" in r.startup.figure
        ? `${f0(s)} ms`
        : `not measured (wrangler check startup failed; fallback ${f0(s)} ms)`,
    pass: "median" in r.startup.figure && Number.isFinite(s) ? s <= TARGETS.startupMs : undefined,
  });
  const publishTarget = `publishing ${TARGETS.publishBigTimes.toLocaleString("en-US")}× data ≤ ${TARGETS.publishBigMs / 1000} s`;
  if (r.synthetic?.times === TARGETS.publishBigTimes) {
    out.push({
      target: publishTarget,
      measured: `${secs(r.synthetic.publishMs)} (${r.synthetic.statements?.toLocaleString("en-US") ?? "n/a"} statements, database ${mb(r.synthetic.dbBytes)})`,
      pass: r.synthetic.publishMs <= TARGETS.publishBigMs,
    });
  } else {
    out.push({
      target: publishTarget,
      measured: r.synthetic
        ? `not measured (this run: ${r.synthetic.times}× data, ${secs(r.synthetic.publishMs)})`
        : "not measured (no synthetic run)",
      pass: undefined,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Capacity

export const PRICES = {
  workersBase: 5,
  workersIncludedRequests: 10e6,
  workersPerMillionRequests: 0.3,
  workersIncludedCpuMs: 30e6,
  workersPerMillionCpuMs: 0.02,
  d1IncludedRowsRead: 25e9,
  d1PerMillionRowsRead: 0.001,
  d1IncludedRowsWritten: 50e6,
  d1IncludedStorageGB: 5,
  d1PerGBMonth: 0.75,
  d1QueriesPerSecond: 1000,
};

export const ASSUMPTIONS = {
  hitRatio: 0.95,
  daysPerMonth: 30,
  /** Busiest second relative to the day's average. */
  peakFactor: 3,
};

interface CapacityInput {
  label: string;
  rowsPerMiss: number;
  queriesPerMiss: number;
  cpuMsHit: number;
  cpuMsMiss: number;
  dbBytes: number | undefined;
}

export function capacityInputs(r: BenchReport, rows: ScenarioResult[], label: string, dbBytes?: number): CapacityInput {
  const misses = rows.filter((x) => x.worker === "uncached" && x.d1);
  // Hits with a body (a 304 is cheaper still): the real data's, which do not depend on the data's size.
  const hitLoads = r.realResults
    .filter((x) => x.worker === "cached" && !x.conditional && x.load)
    .map((x) => x.load as LoadResult);
  const missLoads = rows.filter((x) => x.worker === "uncached" && x.load).map((x) => x.load as LoadResult);
  return {
    label,
    rowsPerMiss: mean(misses.map((x) => (x.d1 as D1Figures).rowsRead)),
    queriesPerMiss: mean(misses.map((x) => (x.d1 as D1Figures).queries)),
    // Upper bound: one isolate thread per request stream, so 1 s of CPU / req/s at saturation. It includes
    // the HTTP layer and local SQLite work, which production does not bill as the worker's CPU time.
    cpuMsHit: mean(hitLoads.map((l) => 1000 / l.rps)),
    cpuMsMiss: mean(missLoads.map((l) => 1000 / l.rps)),
    dbBytes,
  };
}

interface CapacityRow {
  perDay: number;
  requests: number;
  misses: number;
  rowsRead: number;
  cpuMs: number;
  workersCost: number;
  cpuCost: number;
  d1ReadCost: number;
  d1StorageCost: number;
  total: number;
  peakQps: number;
}

export function capacity(input: CapacityInput, perDay: number): CapacityRow {
  const h = ASSUMPTIONS.hitRatio;
  const requests = perDay * ASSUMPTIONS.daysPerMonth;
  const misses = requests * (1 - h);
  const rowsRead = misses * input.rowsPerMiss;
  const cpuMs = requests * h * input.cpuMsHit + misses * input.cpuMsMiss;
  const workersCost =
    PRICES.workersBase +
    (Math.max(0, requests - PRICES.workersIncludedRequests) / 1e6) * PRICES.workersPerMillionRequests;
  const cpuCost = (Math.max(0, cpuMs - PRICES.workersIncludedCpuMs) / 1e6) * PRICES.workersPerMillionCpuMs;
  const d1ReadCost = (Math.max(0, rowsRead - PRICES.d1IncludedRowsRead) / 1e6) * PRICES.d1PerMillionRowsRead;
  const gb = (input.dbBytes ?? 0) / 1e9;
  const d1StorageCost = Math.max(0, gb - PRICES.d1IncludedStorageGB) * PRICES.d1PerGBMonth;
  const peakQps = (perDay / 86400) * ASSUMPTIONS.peakFactor * (1 - h) * input.queriesPerMiss;
  return {
    perDay,
    requests,
    misses,
    rowsRead,
    cpuMs,
    workersCost,
    cpuCost,
    d1ReadCost,
    d1StorageCost,
    total: workersCost + cpuCost + d1ReadCost + d1StorageCost,
    peakQps,
  };
}

/** The operation reading the most rows per request, e.g. "search, 46,030 rows per request". */
function worstRows(rows: ScenarioResult[]): string | undefined {
  const worst = rows
    .filter((x) => x.worker === "uncached" && x.d1)
    .sort((a, b) => (b.d1?.rowsRead ?? 0) - (a.d1?.rowsRead ?? 0))[0];
  return worst?.d1 ? `${worst.label}, ${f0(worst.d1.rowsRead)} rows per request` : undefined;
}

function capacitySection(r: BenchReport): string {
  const realIn = capacityInputs(r, r.realResults, "real data", r.real.dbBytes);
  const cols: { head: string; input: CapacityInput; perDay: number }[] = [
    { head: "1 M req/day", input: realIn, perDay: 1e6 },
    { head: "100 M req/day", input: realIn, perDay: 100e6 },
  ];
  if (r.synthetic && r.bigResults.some((x) => x.d1)) {
    const bigIn = capacityInputs(r, r.bigResults, `${r.synthetic.times}× data`, r.synthetic.dbBytes);
    cols.push({ head: `100 M req/day, ${r.synthetic.times}× data`, input: bigIn, perDay: 100e6 });
  }
  const rows = cols.map((c) => ({ ...c, row: capacity(c.input, c.perDay) }));
  const line = (label: string, cell: (x: (typeof rows)[number]) => string) =>
    `| ${label} | ${rows.map((x) => cell(x)).join(" | ")} |`;
  const h = ASSUMPTIONS.hitRatio;
  const table = [
    `| per month (${ASSUMPTIONS.daysPerMonth} days) | ${rows.map((x) => x.head).join(" | ")} |`,
    `|---|${rows.map(() => "--:").join("|")}|`,
    line("requests", (x) => big(x.row.requests)),
    line(`misses (${((1 - h) * 100).toFixed(0)}%) reaching D1`, (x) => big(x.row.misses)),
    line("rows read per miss (measured mean)", (x) => f0(x.input.rowsPerMiss)),
    line("D1 rows read", (x) => big(x.row.rowsRead)),
    line("CPU ms (upper bound)", (x) => big(x.row.cpuMs)),
    line("Workers: $5 + requests beyond 10 M", (x) => usd(x.row.workersCost)),
    line("Workers: CPU beyond 30 M ms", (x) => usd(x.row.cpuCost)),
    line("D1: rows read beyond 25 B", (x) => usd(x.row.d1ReadCost)),
    line("D1: storage beyond 5 GB", (x) => `${usd(x.row.d1StorageCost)} (${mb(x.input.dbBytes)})`),
    line("**total per month**", (x) => `**${usd(x.row.total)}**`),
    line(`D1 queries/s at peak (${ASSUMPTIONS.peakFactor}× average)`, (x) => f0(x.row.peakQps)),
  ].join("\n");

  // Where the limits are reached (per day, with the real data's figures).
  const perMissQueries = realIn.queriesPerMiss;
  const d1ThroughputDay = (PRICES.d1QueriesPerSecond / (ASSUMPTIONS.peakFactor * (1 - h) * perMissQueries)) * 86400;
  const coldDay = (PRICES.d1QueriesPerSecond / (ASSUMPTIONS.peakFactor * perMissQueries)) * 86400;
  const rowsIncludedDay = PRICES.d1IncludedRowsRead / (ASSUMPTIONS.daysPerMonth * (1 - h) * realIn.rowsPerMiss);
  const freeRequestsDay = PRICES.workersIncludedRequests / ASSUMPTIONS.daysPerMonth;
  const limits = [
    "| limit | reached at (requests/day, real data) | kind |",
    "|---|--:|---|",
    `| Workers Paid included requests (10 M/month) | ${big(freeRequestsDay)} | cost only: $0.30 per further million |`,
    `| D1 throughput of one database (~${PRICES.d1QueriesPerSecond.toLocaleString("en-US")} simple queries/s, single-threaded), ${h * 100}% hits, peak ${ASSUMPTIONS.peakFactor}× | ${big(d1ThroughputDay)} | hard: queries queue, then fail (overloaded) |`,
    `| the same right after a release (every key is new, 0% hits) | ${big(coldDay)} | hard, transient: the cache refills |`,
    `| D1 included rows read (25 B/month) | ${big(rowsIncludedDay)} | cost only: $0.001 per further million rows |`,
    "| Workers Rate Limiting (600 requests/min per client IP) | per client, not global | a client above 10 req/s gets 429 |",
  ].join("\n");

  return `## Capacity

Assumptions: **${h * 100}% of requests are hits** (Workers Cache in front and the worker's Cache API layer;
the data changes only when a release is published, so every answer is cacheable for a long time and misses are
the first request per location and key); ${ASSUMPTIONS.daysPerMonth}-day months; the busiest second carries
${ASSUMPTIONS.peakFactor}× the day's average; misses are an even mix of the measured uncached operations (${r.realResults.filter((x) => x.worker === "uncached").length} of them); every
request is billed as a Workers request (conservative: an edge hit served by Workers Cache may not invoke the worker).
CPU time per request is an upper bound taken from the measured throughput (1 s / req/s of one isolate thread:
hit ${f2(realIn.cpuMsHit)} ms, miss ${f2(realIn.cpuMsMiss)} ms): workerd here also spends that time on HTTP, on the
local D1 object and waiting for it, none of which production bills as the worker's CPU time. Prices: Workers Paid
$5/month incl. 10 M requests and 30 M CPU-ms, then $0.30 per million requests and $0.02 per million CPU-ms; D1:
25 B rows read, 50 M rows written and 5 GB included per month, then $0.001 per million rows read and $0.75 per
GB-month. A release writes each record once (${r.real.statements} statements for the real data), far inside the
50 M rows written.

${table}

${limits}

**Where the first limit is hit.** The first hard limit is **D1's per-database throughput**: transiently right
after a release (every cache key is new, so every request is a miss) from about **${big(coldDay)} requests/day**, and
in steady state (${h * 100}% hits) from about **${big(d1ThroughputDay)} requests/day**. D1 read replicas (the worker already reads through the Sessions API with \`first-unconstrained\`) spread misses
over several replicas, and warming the most requested keys before a release is announced flattens the refill.
The first costs beyond the $5 base are Workers requests past 10 M/month (from ${big(freeRequestsDay)} requests/day);
D1 rows read pass the 25 B included at about ${big(rowsIncludedDay)} requests/day, and even then cost little
(${usd(rows[1] ? rows[1].row.d1ReadCost : 0)} at 100 M/day). Workers Rate Limiting is per client, not a capacity limit. At the
real size the Workers request price dominates the bill${
    rows[2]
      ? `; at ${rows[2].head.split(", ")[1]} the rows read per miss (${f0(rows[2].input.rowsPerMiss)} on average, most of them from ${
          worstRows(r.bigResults) ?? "one operation"
        }) make D1 rows read ${rows[2].row.d1ReadCost > rows[2].row.workersCost ? "the largest item" : "a visible item"}, and such reads are no longer the "simple indexed reads" the ~1,000 queries/s figure is for`
      : ""
  }.`;
}

// ---------------------------------------------------------------------------------------------------------
// The document

export function renderReport(r: BenchReport): string {
  const bare = baseline(r.bare);
  const floor = baseline(r.floor);
  const fields = fieldsBaseline(r);
  const m = r.machine;
  const t = targets(r);
  const startup = r.startup.figure;
  const startupText =
    "median" in startup
      ? [
          `${f0(startup.median.windowMs)} ms (median of ${startup.runs.length} runs: profile window endTime − startTime;`,
          `runs ${startup.runs.map((x) => f0(x.windowMs)).join(", ")} ms; of the median run ${f0(startup.median.activeMs)} ms`,
          `sampled non-idle, including ${f0(startup.median.gcMs)} ms GC)`,
        ].join(" ")
      : `${f0(startup.medianMs)} ms (median; fallback: ${startup.fallbackMs.map(f0).join(", ")} ms)`;
  const fs = r.floorSetup;
  const passed = t.filter((x) => x.pass === true).length;
  const failed = t.filter((x) => x.pass === false).length;
  const unknown = t.filter((x) => x.pass === undefined).length;
  const parts = [
    "# Performance",
    "",
    `Generated by \`${r.command}\` (scripts/bench.ts) on ${r.date}; every figure below is from that run. Re-run it to`,
    "refresh this file (it rewrites it).",
    "",
    `**Targets (issue 9): ${passed} of ${t.length} pass, ${failed} fail${unknown ? `, ${unknown} not measured` : ""}** (see [Targets](#targets)).`,
    "",
    "## Machine and method",
    "",
    `- ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.os}, Node ${m.node}.`,
    `- ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    `- Load average when the run started: ${m.loadavgStart.map((x) => x.toFixed(2)).join(" / ")} (1/5/15 min); the`,
    "  machine is shared with other work, so each run's 1-minute load average is in the tables.",
    `- The production bundle (\`${r.bundle.command}\`) runs`,
    "  in workerd through the Miniflare API, each worker on its own socket (no `wrangler dev` proxy, no Miniflare entry",
    "  worker), with a local D1 migrated from migrations/ and the release published by `publishDataset` through",
    "  `d1Executor`. No CF-Connecting-IP is sent and no rate-limit binding is configured, so nothing is rate limited.",
    "- Baselines, each in a workerd of its own: **bare** (a constant ~1 KB JSON body, no I/O: this machine's",
    '  ceiling, what cache hits are compared with, "× bare") and **floor** (the least a D1-backed answer can cost,',
    '  what cache misses are compared with, "× floor": a worker with its own local D1 holding a table it creates and',
    `  fills itself, ${f0(fs.rows)} rows of ${f0(fs.rowBytes)}-byte JSON text; each request is one prepared point read by`,
    `  primary key, \`SELECT body FROM docs WHERE id = ?\`, answered as is; D1 reads ${fs.rowsRead} row and returns`,
    `  ${fs.rowsReturned}). The floor reads through a D1 session (\`withSession("first-unconstrained")\`), as the API`,
    "  does so that read replicas can answer; locally each query of a session also asks the storage for its bookmark.",
    ...(fs.plainPath
      ? [
          `  The same read without a session (\`${fs.plainPath}\`) runs beside it, for reference: the gap is what a session`,
          "  costs in local D1.",
        ]
      : []),
    ...(r.bareFieldsFrom
      ? [
          "  For reference only, **bare with the API's header fields**: the bare worker's body, answered with the header",
          `  fields of a hit of \`${r.bareFieldsFrom.path}\` taken in this run (but Content-Length and Connection, which workerd`,
          `  sets for the answer it sends): ${r.bareFieldsFrom.names.length} fields, ${f0(r.bareFieldsFrom.bytes)} bytes (${r.bareFieldsFrom.names.join(", ")}),`,
          "  copied from a template built once, as the API's hot path copies a hit's. It measures what the header",
          "  contract alone costs; hits are given against it too, but every target stays against the bare worker.",
        ]
      : []),
    "  The baselines run at the start, after the real-size runs and at the end; ratios are to the median of",
    "  a baseline's runs.",
    "- The bundle's workers: **cached** (Cache API on, answers warmed: `Cache-Status: …; hit`), **uncached** (Cache",
    "  API off: every answer is `fwd=uri-miss`), **metrics** and **metrics-cached** (the same with `D1_METRICS=1`: one",
    "  request per operation, after one warm-up request, for the X-D1-* headers; never under load). The conditional",
    "  scenario sends `If-None-Match` with the ETag of a first answer and expects a `304`.",
    `- Load: autocannon on loopback, ${r.settings.connections} connections, ${r.settings.warmup} s warm-up then`,
    `  ${r.settings.duration} s measured per scenario; req/s counts the expected answers (2xx, or the 304); p50/p99`,
    "  from every expected answer's own time (sub-millisecond). Before the first scenario of each dataset is",
    "  measured, every scenario's request runs for 1 s unmeasured, so no scenario carries the isolates' JIT start.",
    "",
    "## Baselines",
    "",
    baselineTable(r, bare, floor),
    "",
    "## Throughput and latency (real data)",
    "",
    `Real dataset: ${r.real.records.toLocaleString("en-US")} records (publishing: see [Publishing](#publishing)).`,
    "",
    `Cache hits, against the bare worker${fields ? " (and, for reference, the bare worker with the API's header fields)" : ""}:`,
    "",
    loadTable(hits(r.realResults), bare, "bare", { reference: fields }),
    "",
    "Cache misses, against the floor worker:",
    "",
    loadTable(misses(r.realResults), floor, "floor"),
    "",
  ];
  if (r.synthetic) {
    parts.push(
      `## Throughput and latency (${r.synthetic.times}× synthetic data)`,
      "",
      `scripts/synthetic.ts clones every record ${r.synthetic.times}× with suffixed ids (copy 0 keeps the real ids,`,
      `so the same URLs work): ${r.synthetic.records.toLocaleString("en-US")} records. The machine's load drifts, so`,
      "each request is measured at real size again right before its run on this data, and the last column compares",
      "the two. Each pair is run several times in a row (`BENCH_PAIR_ROUNDS`, default 3): a single pair's ratio moved",
      "by ±20% between back-to-back runs of the same code, so the pair with the median ratio is the one shown (the",
      "targets list every pair's ratio).",
      "",
      `Cache hits, against the bare worker${fields ? " (and, for reference, the bare worker with the API's header fields)" : ""}:`,
      "",
      loadTable(hits(r.bigResults), bare, "bare", { paired: true, reference: fields }),
      "",
      "Cache misses, against the floor worker:",
      "",
      loadTable(misses(r.bigResults), floor, "floor", { paired: true }),
      "",
    );
  } else if (r.syntheticNote) {
    parts.push("## Synthetic data", "", r.syntheticNote, "");
  }
  parts.push(
    "## D1 queries and rows per operation",
    "",
    "From the metrics workers (X-D1-Queries, X-D1-Rows-Read, X-D1-Rows-Returned), one request per operation after one",
    "warm-up request (so the release lookup, memoized in the isolate for 5 s, is not counted); hits from",
    "metrics-cached, misses from metrics. Targets (issue 9) for a miss: a detail makes 1 query, a list at most 2 (3",
    'with include); every list and detail reads at most 2 rows more than it returns. "–": no target.',
    "",
    "Real size:",
    "",
    d1Table(r.realResults),
    "",
  );
  if (r.synthetic && r.bigResults.length > 0) {
    parts.push(`${r.synthetic.times}× data:`, "", d1Table(r.bigResults), "");
  }
  parts.push(
    "## Publishing",
    "",
    "`publishDataset` through `d1Executor` into a migrated, empty local D1 (batches of 40 statements at real size,",
    "100 for the synthetic data, which a workerd of its own publishes, its statements sent over HTTP, before the",
    "API's workers open it: `publishApart` in scripts/bench/workers.ts); the time runs from the start of",
    "`publishDataset` (hashing the release) to the new",
    "release serving. The statements stream: each record is composed and written into SQL as D1 takes the batch",
    "before it, so publishing holds one batch, never the release's SQL; the time making them is told apart from the",
    "time D1 runs them. The database size is D1's `size_after` once published.",
    "",
    publishTable(r),
    "",
  );
  parts.push(
    "## Bundle and startup",
    "",
    "| figure | value |",
    "|---|--:|",
    `| worker script modules${r.bundle.scriptModules ? ` (${r.bundle.scriptModules})` : ""}, raw | ${kb(r.bundle.rawBytes)} |`,
    `| worker script modules, gzip (zlib level 6) | ${kb(r.bundle.gzipBytes)} |`,
    ...(r.bundle.startupBytes === undefined
      ? []
      : [`| of which evaluated at startup, raw | ${kb(r.bundle.startupBytes)} |`]),
    `| startup | ${f0(startupMs(r))} ms |`,
    "",
    `Startup: ${r.startup.method}: ${startupText}.`,
    "",
    "## Targets",
    "",
    `Issue 9: ${passed} of ${t.length} pass, ${failed} fail${unknown ? `, ${unknown} not measured` : ""}. Hits are compared`,
    "with the bare worker and misses with the floor worker (medians of their runs, above); a run whose answers were",
    "not the expected ones (status, hit or miss) does not pass.",
    ...(fields
      ? [
          `The header fields a hit sends set a ceiling of their own: the bare worker answering with them runs at ${ratio(fields.rps, bare.rps)} the bare worker's req/s (${f0(fields.rps)} vs ${f0(bare.rps)}) and ${ratio(fields.p99, bare.p99)} its p99 (${f2(fields.p99)} vs ${f2(bare.p99)} ms), medians of their runs.`,
        ]
      : []),
    "",
    "| target (issue 9) | measured | result |",
    "|---|---|:-:|",
    ...t.map((x) => `| ${x.target} | ${x.measured} | ${x.pass === undefined ? "n/a" : x.pass ? "pass" : "**fail**"} |`),
    "",
  );
  parts.push(capacitySection(r), "");
  return parts.join("\n");
}
