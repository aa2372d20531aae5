import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import autocannon from "autocannon";
import type { Dataset } from "../src/dataset/schema";
import { buildBundle } from "./bench/build";
import { inspector } from "./bench/inspector";
import { freePort } from "./lib/net";
import { KEPT_DB_ID, log, publishApart, type Running, startApi } from "./bench/workers";
import { loadDataset, ROOT } from "./lib/files";
import { recordCount, synthesize } from "./synthetic";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
};
const SETTINGS = {
  minutes: process.env.SOAK_MINUTES === "0" ? 0 : num("SOAK_MINUTES", 10),
  times: Math.floor(num("SOAK_TIMES", 1000)),
  connections: Math.floor(num("SOAK_CONNECTIONS", 10)),
  seed: Math.floor(num("SOAK_SEED", 42)),
  interval: num("SOAK_INTERVAL", 60),
  /** Seconds of the mix before the measured run (the caches fill: not measured, its heap reported). */
  warmup: process.env.SOAK_WARMUP === "0" ? 0 : num("SOAK_WARMUP", 60),
  out: resolve(ROOT, process.env.SOAK_OUT || "docs/reliability.md"),
  db: process.env.SOAK_DB ? resolve(process.env.SOAK_DB) : undefined,
};
/**
 * The memory criterion: the last minute's heap within this factor of the second minute's, each minute's heap
 * being the lowest of its samples (what stays live; a sample taken while a download streams also holds its buffers).
 */
const FLAT = 1.1;
/** Heap samples per interval (each after a GC, which pauses the isolate briefly). */
const HEAP_SAMPLES = 6;
const LANGS = ["en", "ja", "zh", "zh-Hant"];
/** Which synthetic copy an id belongs to (scripts/synthetic.ts suffixes copies 1… with -x0001…). */
const copyOf = (id: string) => /-x\d{4}$/.exec(id)?.[0] ?? "";
/** Answers holding the whole release: a tiny share of the mix (at 1,000× each is the whole dataset). */
const BULK = new Set(["/v1/export", "/v1/export.ndjson", "/llms-full.txt"]);
/**
 * A whole-release download's timeout: these are streamed downloads of hundreds of MB at 1,000× data, measured by
 * a client of their own (one download at a time, all through the run), not by the mix's 30 s request timeout.
 */
const BULK_TIMEOUT_S = 300;

// ---- the mix ------------------------------------------------------------------------------------------------

/** A seeded PRNG (mulberry32), so a run's mix can be repeated. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0…n-1 with P(k) ∝ 1/(k+1) (Zipf, s = 1), by inverting the cumulative weights. */
function zipf(n: number, rnd: () => number) {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += 1 / (k + 1);
    cumulative[k] = sum;
  }
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function shuffle<T>(list: T[], rnd: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

/**
 * Every GET operation of the spec with the URLs it is asked for: every record in every language, list pages
 * with filters and page sizes, searches, and unknown ids (404s). Fails when the spec has an operation this
 * does not know, so the soak always covers every operation.
 */
function operations(d: Dataset, version: string, origin: string): Map<string, string[]> {
  const ids = (list: { id: string }[]) => list.map((r) => r.id);
  const q = encodeURIComponent;
  const inLangs = (paths: string[]) =>
    paths.flatMap((p) => LANGS.map((lang) => `${p}${p.includes("?") ? "&" : "?"}lang=${lang}`));
  const missing = (base: string, list: string[]) => list.slice(0, 200).map((id) => `${base}/${id}-nope`);
  const details = (base: string, list: string[]) => [
    ...inLangs(list.map((id) => `${base}/${id}`)),
    ...missing(base, list),
  ];
  const pages = (base: string, filters: string[] = []) =>
    inLangs(
      ["", ...filters].flatMap((f) =>
        ["", "limit=5", "limit=50", "limit=100"].map((l) => `${base}?${[f, l].filter(Boolean).join("&")}`),
      ),
    );
  const entities = ids(d.entities);
  const models = d.entities.filter((e) => e.type === "model").map((e) => e.id);
  const budgets = ids(d.budgets);
  const facts = ids(d.facts);
  const words = [...new Set(d.entities.flatMap((e) => e.name.en.split(/\s+/)).filter((w) => w.length > 2))];
  const ops = new Map<string, string[]>([
    ["/v1", inLangs(["/v1"])],
    ["/v1/stories", pages("/v1/stories")],
    ["/v1/stories/{id}", details("/v1/stories", ids(d.stories))],
    ["/v1/sources", pages("/v1/sources")],
    ["/v1/sources/{id}", details("/v1/sources", ids(d.sources))],
    [
      "/v1/entities",
      pages("/v1/entities", [
        "type=model",
        "type=person",
        "type=company",
        ...words.slice(0, 50).map((w) => `q=${q(w)}`),
      ]),
    ],
    ["/v1/entities/{id}", details("/v1/entities", entities)],
    ["/v1/entities/{id}/relations", inLangs(entities.map((id) => `/v1/entities/${id}/relations`))],
    [
      "/v1/figures",
      pages(
        "/v1/figures",
        entities.slice(0, 200).map((id) => `entity=${id}`),
      ),
    ],
    ["/v1/figures/{id}", details("/v1/figures", ids(d.figures))],
    ["/v1/budgets", pages("/v1/budgets")],
    ["/v1/budgets/{id}", details("/v1/budgets", budgets)],
    [
      "/v1/budget-checks",
      inLangs(
        // Checks are composed for the models and budgets of one story copy: paired by copy (the id suffix).
        models
          .slice(0, 300)
          .flatMap((m) =>
            budgets.filter((b) => copyOf(b) === copyOf(m)).map((b) => `/v1/budget-checks?model=${m}&budget=${b}`),
          ),
      ),
    ],
    [
      "/v1/budget-estimate",
      ["0.5B", "1.5B", "2.2B", "7B", "13B", "70B"].flatMap((p) =>
        ["FP32", "FP16", "INT8", "INT4"].map((b) => `/v1/budget-estimate?parameters=${p}&bits=${b}`),
      ),
    ],
    [
      "/v1/partnerships",
      pages(
        "/v1/partnerships",
        entities.slice(0, 100).map((id) => `party=${id}`),
      ),
    ],
    ["/v1/partnerships/{id}", details("/v1/partnerships", ids(d.partnerships))],
    [
      "/v1/events",
      pages("/v1/events", ["from=2024&to=2025", "from=2023", ...entities.slice(0, 100).map((id) => `entity=${id}`)]),
    ],
    ["/v1/events/{id}", details("/v1/events", ids(d.events))],
    ["/v1/facts", pages("/v1/facts", ["topic=model_budget", ...entities.slice(0, 200).map((id) => `entity=${id}`)])],
    ["/v1/facts/today", inLangs(["/v1/facts/today"])],
    [
      "/v1/facts/{id}",
      [...details("/v1/facts", facts), ...facts.slice(0, 500).map((id) => `/v1/facts/${id}?format=markdown`)],
    ],
    ["/v1/search", inLangs(words.map((w) => `/v1/search?q=${q(w)}`))],
    // Pictures: SVGs per story and budget check, PNG cards (rendered on first request, then cached) per record.
    ["/v1/stories/{id}/timeline.svg", inLangs(ids(d.stories).map((id) => `/v1/stories/${id}/timeline.svg`))],
    [
      "/v1/budget-checks.svg",
      models
        .slice(0, 100)
        .flatMap((m) =>
          budgets.filter((b) => copyOf(b) === copyOf(m)).map((b) => `/v1/budget-checks.svg?model=${m}&budget=${b}`),
        ),
    ],
    ...(["facts", "figures", "entities", "partnerships"] as const).map((kind): [string, string[]] => [
      `/v1/${kind}/{id}/card.png`,
      inLangs(
        ids(d[kind])
          .slice(0, 200)
          .map((id) => `/v1/${kind}/${id}/card.png`),
      ),
    ]),
    // The claim check: sentences of the issue, and the facts' own texts (supported) and negations (unknown).
    [
      "/v1/claims/check",
      [
        "Qwen was pruned to 3B parameters",
        "Apple ranked third in China",
        "Qwen 2 was pruned from 7B to 2.2B parameters",
        "千问被剪枝到22亿参数",
        ...d.facts.slice(0, 300).map((f) => f.text.en),
      ].map((t) => `/v1/claims/check?text=${q(t)}`),
    ],
    ["/.well-known/http-message-signatures-directory", ["/.well-known/http-message-signatures-directory"]],
    ["/.well-known/jwks.json", ["/.well-known/jwks.json"]],
    // Pinned: the serving release's collections and records under its version, and an unknown version (404).
    [
      "/v1/releases/{version}/{collection}",
      ["facts", "entities", "figures", "events", "partnerships", "sources", "stories"].flatMap((c) => [
        `/v1/releases/${version}/${c}`,
        `/v1/releases/000000000000/${c}`,
      ]),
    ],
    [
      "/v1/releases/{version}/{collection}/{id}",
      [
        ...facts.slice(0, 2000).map((id) => `/v1/releases/${version}/facts/${id}`),
        ...entities.slice(0, 1000).map((id) => `/v1/releases/${version}/entities/${id}`),
      ],
    ],
    ["/v1/releases", ["/v1/releases"]],
    ["/v1/releases/{version}", [`/v1/releases/${version}`, "/v1/releases/000000000000"]],
    [
      "/v1/releases/{version}/changes",
      [
        `/v1/releases/${version}/changes`,
        `/v1/releases/${version}/changes?kind=fact&limit=100`,
        `/v1/releases/${version}/changes?change=added&kind=entity`,
      ],
    ],
    ["/v1/changes", ["/v1/changes", "/v1/changes?limit=5"]],
    ["/v1/changes.atom", ["/v1/changes.atom"]],
    ["/v1/export", ["/v1/export"]],
    ["/v1/export.ndjson", ["/v1/export.ndjson"]],
    ["/facts/{id}", details("/facts", facts.slice(0, 20_000))],
    ["/entities/{id}", details("/entities", entities)],
    ["/partnerships/{id}", details("/partnerships", ids(d.partnerships))],
    ["/oembed", facts.slice(0, 5000).map((id) => `/oembed?url=${q(`${origin}/facts/${id}`)}`)],
    ["/llms.txt", ["/llms.txt"]],
    ["/llms-full.txt", ["/llms-full.txt", "/llms-full.txt?lang=ja"]],
    ["/openapi.json", ["/openapi.json"]],
    ["/", ["/"]],
    ["/healthz", ["/healthz"]],
    [
      "/problems/{type}",
      ["not-found", "invalid-parameter", "rate-limited", "service-unavailable"].map((t) => `/problems/${t}`),
    ],
  ]);
  const spec = JSON.parse(readFileSync(join(ROOT, "openapi/v1.json"), "utf8")) as { paths: Record<string, object> };
  const unknown = Object.keys(spec.paths).filter((p) => "get" in (spec.paths[p] as object) && !ops.has(p));
  if (unknown.length > 0) throw new Error(`the soak has no requests for: ${unknown.join(", ")}`);
  return ops;
}

/**
 * The picker: an operation by Zipf over the operations (in a shuffled order; not the bulk ones, which answer the
 * whole release: see `downloads`), then a URL by Zipf over the operation's URLs (shuffled).
 */
function mix(ops: Map<string, string[]>, seed: number) {
  const rnd = random(seed);
  const regular = shuffle(
    [...ops.keys()].filter((k) => !BULK.has(k)),
    rnd,
  );
  const pickOp = zipf(regular.length, rnd);
  const urls = new Map([...ops].map(([k, list]) => [k, shuffle([...list], rnd)]));
  const pickers = new Map([...urls].map(([k, list]) => [k, zipf(list.length, rnd)]));
  return (): { op: string; path: string } => {
    const op = regular[pickOp()] as string;
    const list = urls.get(op) as string[];
    return { op, path: list[(pickers.get(op) as () => number)()] as string };
  };
}

// ---- the run ------------------------------------------------------------------------------------------------

interface Minute {
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  /** The lowest heap sample of the interval (live bytes after a GC), and the highest. */
  heap?: { used: number; total: number };
  heapHigh?: number;
  loadavg?: number;
  /** The share of the machine's CPU time spent waiting for the disk during the interval, 0–1 (Linux only). */
  iowait?: number;
}

/** The machine's CPU time counters from /proc/stat (Linux; undefined elsewhere): all of it, and IO wait. */
function cpuTicks(): { total: number; iowait: number } | undefined {
  try {
    const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
    // cpu user nice system idle iowait irq softirq steal …
    const ticks = fields.slice(1, 9).map(Number);
    if (ticks.length < 5 || ticks.some((t) => !Number.isFinite(t))) return undefined;
    return { total: ticks.reduce((a, b) => a + b, 0), iowait: ticks[4] ?? 0 };
  } catch {
    return undefined;
  }
}

interface OpStats {
  requests: number;
  statuses: Map<number, number>;
  hits: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** The mix at saturation for `seconds`: each answer's status and time, each op's status and Cache-Status. */
function drive(
  base: URL,
  seconds: number,
  pick: () => { op: string; path: string },
  on: {
    response: (status: number, ms: number) => void;
    error: () => void;
    answer?: (op: string, status: number, cacheStatus: string) => void;
  },
) {
  const answer = on.answer;
  return new Promise<void>((done, fail) => {
    const instance = autocannon(
      {
        url: base.href,
        connections: SETTINGS.connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            setupRequest(req, context) {
              const next = pick();
              context.op = next.op;
              return { ...req, path: next.path };
            },
            ...(answer
              ? {
                  onResponse(
                    status: number,
                    _body: string,
                    context: Record<string, unknown>,
                    headers: Record<string, string | string[]>,
                  ) {
                    const cacheStatus = Object.entries(headers).find(([k]) => k.toLowerCase() === "cache-status")?.[1];
                    answer(context.op as string, status, String(cacheStatus ?? ""));
                  },
                }
              : {}),
          },
        ],
      },
      (err) => (err ? fail(err) : done()),
    );
    instance.on("response", (_client, status, _bytes, ms) => on.response(status, ms));
    instance.on("reqError", () => on.error());
  });
}

interface Download {
  path: string;
  status: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  error?: string;
}

/**
 * The whole-release answers, downloaded one after another until `stop()` (beside the mix, which keeps the isolate
 * busy meanwhile), each read to its last byte: status, time to the first byte, total time, size.
 */
async function downloads(base: URL, paths: string[], stop: () => boolean): Promise<Download[]> {
  const out: Download[] = [];
  for (let i = 0; !stop(); i++) {
    const path = paths[i % paths.length] as string;
    const t0 = performance.now();
    const d: Download = { path, status: 0, firstByteMs: Number.NaN, totalMs: Number.NaN, bytes: 0 };
    try {
      const res = await fetch(new URL(path, base), { signal: AbortSignal.timeout(BULK_TIMEOUT_S * 1000) });
      d.status = res.status;
      d.firstByteMs = performance.now() - t0;
      const reader = res.body?.getReader();
      for (let r = await reader?.read(); reader && r && !r.done; r = await reader.read()) d.bytes += r.value.length;
      d.totalMs = performance.now() - t0;
    } catch (err) {
      d.error = (err as Error).message;
      d.totalMs = performance.now() - t0;
    }
    out.push(d);
    log(
      `download ${path}: ${d.status || d.error} in ${(d.totalMs / 1000).toFixed(1)} s, ${(d.bytes / 1e6).toFixed(1)} MB`,
    );
  }
  return out;
}

async function soak(
  running: Running,
  ops: Map<string, string[]>,
  heap: () => Promise<{ used: number; total: number }>,
) {
  const base = await running.url("soak");
  const pick = mix(ops, SETTINGS.seed);
  const minutes: Minute[] = [];
  const perOp = new Map<string, OpStats>(
    [...ops.keys()].map((k) => [k, { requests: 0, statuses: new Map(), hits: 0 }]),
  );
  const count = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);
  const seconds = Math.round(SETTINGS.minutes * 60);
  const intervals = Math.max(1, Math.floor(seconds / SETTINGS.interval));
  // Answers after the end (in flight when the load stops) count in the last interval.
  const minuteOf = (t: number) => {
    const i = Math.min(intervals - 1, Math.floor((t - started) / (SETTINGS.interval * 1000)));
    while (minutes.length <= i) minutes.push({ latencies: [], statuses: new Map(), errors: 0 });
    return minutes[i] as Minute;
  };
  // Warm-up: the same mix, unmeasured but for its errors and the heap at its end (the caches fill meanwhile).
  let warmup: { errors: number; requests: number; heap?: { used: number; total: number } } | undefined;
  if (SETTINGS.warmup > 0) {
    const w = { errors: 0, requests: 0 };
    log(`warm-up: ${SETTINGS.warmup} s of the mix`);
    await drive(base, SETTINGS.warmup, pick, {
      response: (status) => {
        w.requests++;
        if (status >= 500) w.errors++;
      },
      error: () => w.errors++,
    });
    warmup = { ...w, heap: await heap() };
    log(`warm-up: ${fmt(w.requests)} requests, ${w.errors} errors, heap ${mib(warmup.heap?.used ?? 0)} MiB`);
  }
  let started = performance.now();
  let samples = 0;
  let ticks = cpuTicks();
  const sampler = setInterval(
    () => {
      // HEAP_SAMPLES times an interval: the heap after a GC; the interval keeps its lowest and highest sample.
      const last = ++samples % HEAP_SAMPLES === 0;
      const m = minuteOf(performance.now() - 1000);
      if (last) {
        m.loadavg = loadavg()[0];
        const now = cpuTicks();
        if (now && ticks && now.total > ticks.total) m.iowait = (now.iowait - ticks.iowait) / (now.total - ticks.total);
        ticks = now;
      }
      heap().then(
        (h) => {
          if (!m.heap || h.used < m.heap.used) m.heap = h;
          m.heapHigh = Math.max(m.heapHigh ?? 0, h.used);
          if (!last) return;
          log(
            `interval ${minutes.indexOf(m) + 1}: ${fmt(m.latencies.length / SETTINGS.interval)} req/s, p50 ${percentile(
              [...m.latencies].sort((a, b) => a - b),
              50,
            ).toFixed(2)} ms, ` + `heap ${mib(m.heap.used)}–${mib(m.heapHigh)} MiB, errors ${m.errors}`,
          );
        },
        (err) => log(`heap sample failed: ${(err as Error).message}`),
      );
    },
    (SETTINGS.interval * 1000) / HEAP_SAMPLES,
  );
  started = performance.now();
  ticks = cpuTicks();
  // The whole-release downloads run through the measured run (the last one is read to its end).
  const bulkPaths = [...ops].filter(([k]) => BULK.has(k)).flatMap(([, list]) => list);
  const end = started + seconds * 1000;
  const bulk = downloads(base, bulkPaths, () => performance.now() >= end);
  await drive(base, seconds, pick, {
    response: (status, ms) => {
      const m = minuteOf(performance.now());
      m.latencies.push(ms);
      count(m.statuses, status);
      if (status >= 500) m.errors++;
    },
    error: () => {
      minuteOf(performance.now()).errors++;
    },
    answer: (op, status, cacheStatus) => {
      const s = perOp.get(op) as OpStats;
      s.requests++;
      count(s.statuses, status);
      if (/;\s*hit/.test(cacheStatus)) s.hits++;
    },
  });
  const downloaded = await bulk;
  clearInterval(sampler);
  // The last minute's sample, if the interval did not fire after it.
  const last = minutes[minutes.length - 1];
  if (last && !last.heap) {
    last.heap = await heap();
    last.heapHigh = last.heap.used;
  }
  return { minutes, perOp, seconds, warmup, downloaded };
}

function report(
  result: Awaited<ReturnType<typeof soak>>,
  context: { records: number; publishMs: number; dbBytes?: number; version: string; urls: number; started: Date },
) {
  const { minutes: full, perOp, warmup, downloaded } = result;
  const unit = SETTINGS.interval === 60 ? "minute" : `interval (${SETTINGS.interval} s)`;
  const total = full.reduce((n, m) => n + m.latencies.length, 0);
  const failedDownloads = downloaded.filter((d) => d.error || d.status !== 200).length;
  const errors = full.reduce((n, m) => n + m.errors, 0) + (warmup?.errors ?? 0) + failedDownloads;
  const second = full[1]?.heap?.used;
  const lastHeap = full[full.length - 1]?.heap?.used;
  const ratio = second && lastHeap ? lastHeap / second : Number.NaN;
  const flat = Number.isFinite(ratio) && ratio <= FLAT;
  const ok = errors === 0 && flat;
  const rows = full.map((m, i) => {
    const sorted = [...m.latencies].sort((a, b) => a - b);
    const s5 = [...m.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const s4 = [...m.statuses].filter(([s]) => s >= 400 && s < 500).reduce((n, [, c]) => n + c, 0);
    return `| ${i + 1} | ${fmt(m.latencies.length)} | ${fmt(m.latencies.length / SETTINGS.interval)} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 99).toFixed(2)} | ${fmt(s4)} | ${fmt(s5)} | ${m.errors} | ${m.heap ? mib(m.heap.used) : "–"} | ${m.heapHigh ? mib(m.heapHigh) : "–"} | ${m.heap ? mib(m.heap.total) : "–"} | ${m.loadavg?.toFixed(1) ?? "–"} | ${m.iowait === undefined ? "–" : (m.iowait * 100).toFixed(0)} |`;
  });
  const opRows = [...perOp]
    .sort(([, a], [, b]) => b.requests - a.requests)
    .map(([op, s]) => {
      const statuses = [...s.statuses]
        .sort(([a], [b]) => a - b)
        .map(([code, n]) => `${code}×${fmt(n)}`)
        .join(", ");
      const hits = s.requests ? `${((100 * s.hits) / s.requests).toFixed(0)}%` : "–";
      return `| \`${op}\` | ${fmt(s.requests)} | ${hits} | ${statuses || "–"} |`;
    });
  const missed = [...perOp].filter(([op, s]) => s.requests === 0 && !BULK.has(op)).map(([op]) => `\`${op}\``);
  const byPath = new Map<string, Download[]>();
  for (const d of downloaded) byPath.set(d.path, [...(byPath.get(d.path) ?? []), d]);
  const secs = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : "–");
  const bulkRows = [...byPath].map(([path, list]) => {
    const ok = list.filter((d) => !d.error && d.status === 200);
    const totals = ok.map((d) => d.totalMs).sort((a, b) => a - b);
    const first = ok.map((d) => d.firstByteMs).sort((a, b) => a - b);
    const bytes = ok[0]?.bytes ?? 0;
    const rate = totals.length ? bytes / 1e6 / (percentile(totals, 50) / 1000) : Number.NaN;
    return `| \`${path}\` | ${list.length} | ${list.length - ok.length} | ${(bytes / 1e6).toFixed(1)} | ${first.length ? (percentile(first, 50) / 1000).toFixed(2) : "–"} | ${totals.length ? secs(percentile(totals, 50)) : "–"} | ${totals.length ? secs(totals[totals.length - 1] as number) : "–"} | ${Number.isFinite(rate) ? rate.toFixed(1) : "–"} |`;
  });
  return `# Reliability

Generated by \`npm run soak\` (scripts/soak.ts) on ${context.started.toISOString().replace(/\.\d+Z$/, "Z")}; every figure below is from that run.
Re-run it to refresh this file (it rewrites it).

**${ok ? "Pass" : "Fail"}: ${errors} errors${errors === 0 ? "" : " (must be 0)"}; isolate heap ${flat ? "flat" : "not flat"} (lowest in the last ${unit} ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "n/a"} the second's, limit ${FLAT}×).**

## Method

- ${cpus().length} CPUs, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory, Node ${process.versions.node}; the machine may be shared, so each minute's 1-minute load average is in the table,
  with its IO wait (the share of the machine's CPU time spent waiting for the disk, from /proc/stat): a database
  larger than the page cache holds makes misses read the disk, and then the disk, not the isolate, sets the pace.
- The production bundle (\`wrangler deploy --dry-run --env production\`) in workerd through the Miniflare API, on its own
  socket (as \`npm run bench\` runs it): Cache API and the hot LRU on, no rate limiter (no CF-Connecting-IP), a local D1
  migrated from migrations/.
- Data: the real dataset ×${SETTINGS.times} (scripts/synthetic.ts): ${fmt(context.records)} records, release
  \`${context.version}\`, published in ${(context.publishMs / 1000).toFixed(1)} s${context.dbBytes === undefined ? "" : `; the database holds ${(context.dbBytes / 1e9).toFixed(1)} GB`}.
- Load: autocannon, ${SETTINGS.connections} connections (saturation: each sends its next request as soon as the last is
  answered) for ${SETTINGS.minutes} minute${SETTINGS.minutes === 1 ? "" : "s"}, 30 s timeout. Each request picks an operation by Zipf (s = 1) over every GET
  operation of the spec but three, in a shuffled order, then a URL by Zipf over that operation's
  ${fmt(context.urls)} URLs in all (every record in every language, list pages with filters and page sizes,
  searches, unknown ids): popular answers are cache hits, the long tail misses. Seed ${SETTINGS.seed}.
- The three that answer the whole release (\`/v1/export\`, \`/v1/export.ndjson\`, \`/llms-full.txt\`: streamed, hundreds of
  MB at 1,000× data) are downloaded beside the mix by a client of their own, one after another through the whole
  run, each read to its last byte, ${BULK_TIMEOUT_S} s timeout: the isolate streams them while it answers the mix.
- Errors: transport errors, timeouts and 5xx answers, and any download that is not a whole 200. 4xx answers are
  expected (unknown ids are in the mix).
- Memory: the worker's V8 isolate heap through the inspector (\`Runtime.getHeapUsage\` after
  \`HeapProfiler.collectGarbage\`) ${HEAP_SAMPLES} times each ${unit}: the lowest and the highest live bytes, and the heap's
  size at the lowest. The criterion reads the lowest (what stays live): a sample taken while a whole-release
  download streams also holds that download's buffers.

## Per ${unit}

${fmt(total)} requests in all${warmup ? `, after a warm-up of ${SETTINGS.warmup} s (${fmt(warmup.requests)} requests, ${warmup.errors} errors; heap ${warmup.heap ? `${mib(warmup.heap.used)} MiB` : "not read"} after it), in which the caches fill` : ""}. The hot LRU holds at most 32 MiB of answers
(\`HOT_CACHE_BYTES\`), so the heap grows while it fills and stays under that bound plus the isolate's own.

| ${unit} | requests | req/s | p50 ms | p99 ms | 4xx | 5xx | errors | heap used MiB (after GC, lowest) | highest | heap size MiB | load avg | IO wait % |
|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${rows.join("\n")}

## Per operation

| operation | requests | cache hits | statuses |
|---|--:|--:|---|
${opRows.join("\n")}
${missed.length ? `\nNot requested in this run (too rare for its length): ${missed.join(", ")}.\n` : ""}
## Whole-release downloads

${fmt(downloaded.length)} downloads during the run, one at a time (the isolate's heap above is measured while they stream).

| path | downloads | failed | MB | first byte s (p50) | total s (p50) | total s (max) | MB/s (p50) |
|---|--:|--:|--:|--:|--:|--:|--:|
${bulkRows.join("\n")}
`;
}

async function main() {
  const startedAt = new Date();
  const tmp = mkdtempSync(join(tmpdir(), "alliance-soak-"));
  let running: Running | undefined;
  const cleanup = async () => {
    await running?.mf.dispose().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  try {
    const loaded = loadDataset();
    if (!loaded.ok) throw new Error("data/ is invalid; run npm run data:check");
    log(`soak: ${SETTINGS.minutes} min, ${SETTINGS.times}× data, ${SETTINGS.connections} connections`);
    // Every operation of the spec has requests, checked before the long publish (with a stand-in version).
    operations(loaded.dataset, "000000000000", "http://localhost");
    // A kept database is reused; the kept Cache API entries are not (every run starts with cold caches).
    if (SETTINGS.db) rmSync(join(SETTINGS.db, "cache"), { recursive: true, force: true });
    const bundle = await buildBundle(tmp);
    const port = await freePort();
    const data = synthesize(loaded.dataset, SETTINGS.times);
    // Published (or reused) from a workerd of its own, then opened by the API's worker (publishApart).
    const dir = SETTINGS.db ?? join(tmp, "soak-db");
    const { pub, size } = await publishApart(data, `${SETTINGS.times}× data`, KEPT_DB_ID, dir, tmp);
    running = await startApi(bundle, [{ name: "soak", cache: true, metrics: false }], KEPT_DB_ID, tmp, {
      inspectorPort: port,
      persist: dir,
    });
    log(
      `${recordCount(data)} records published in ${(pub.ms / 1000).toFixed(1)} s${pub.reused ? " (an earlier run)" : ""}`,
    );
    if (SETTINGS.minutes === 0) {
      log(`published into ${SETTINGS.db ?? "a temporary database"}; SOAK_MINUTES=0, so no load`);
      await cleanup();
      process.exit(0);
    }
    const ops = operations(data, pub.release.version, (await running.url("soak")).origin);
    const urls = [...ops.values()].reduce((n, list) => n + list.length, 0);
    // One request so the isolate exists before the inspector is asked for it.
    await (await fetch(new URL("/v1", await running.url("soak")), { signal: AbortSignal.timeout(60_000) })).text();
    log("the isolate answers");
    const healthz = new URL("/healthz", await running.url("soak"));
    const isolate = await inspector(port, async () => (await fetch(healthz)).arrayBuffer());
    log(`inspector: heap ${mib((await isolate.heap()).used)} MiB before the load`);
    const result = await soak(running, ops, () => isolate.heap());
    isolate.close();
    const text = report(result, {
      records: recordCount(data),
      publishMs: pub.ms,
      dbBytes: size,
      version: pub.release.version,
      urls,
      started: startedAt,
    });
    writeFileSync(SETTINGS.out, text);
    log(`wrote ${relative(ROOT, SETTINGS.out)}`);
    const verdict = /^\*\*Pass/m.test(text);
    log(verdict ? "pass" : "FAIL (see the report)");
    await cleanup();
    process.exit(verdict ? 0 : 1);
  } catch (err) {
    console.error(err);
    await cleanup();
    process.exit(1);
  }
}

await main();
