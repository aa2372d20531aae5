/**
 * Where the worker's CPU goes under load: `npm run profile [-- <path>…]`.
 *
 * The production bundle, built unminified (so the report names functions and source modules), runs in workerd
 * through the Miniflare API with the V8 inspector on, the real dataset published into its local D1. For each
 * request path, autocannon loads one worker for a few seconds while the V8 sampling profiler runs in that
 * worker's isolate; the report lists the isolate's busiest functions by self time, and the source modules
 * (esbuild's `// src/…` markers in the bundle) by self time. Requests go to two workers: `cached` (the hot path
 * and the Cache API on: after one warm-up request, every request is a hit) and `uncached` (HOT_CACHE_BYTES=0, no
 * Cache API: every request is a miss). A path is given as `hit:/v1/…` or `miss:/v1/…` (default: the bare
 * worker of the benchmark, for reference, then a detail and a list, each as a hit and a miss); `bare:/` is the
 * bench's bare worker (a constant JSON body), `bare-fields:/` the same answering with the header fields of a hit
 * of the detail (the bench's reference) and `floor:` its floor worker (one D1 point read, `floor:/<id>`). Profiles
 * are written beside the report (PROFILE_OUT, default test/artifacts/profile/) as .cpuprofile files that Chrome
 * DevTools opens.
 *
 * Settings (environment): PROFILE_DURATION (s of load per path, default 5), PROFILE_CONNECTIONS (default 10),
 * PROFILE_TOP (functions listed, default 25). A profile is for finding where time goes, never for figures: the
 * sampling profiler slows the isolate, and the benchmark (npm run bench) measures throughput.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildBundle } from "./bench/build";
import { inspector } from "./bench/inspector";
import { freePort } from "./lib/net";
import { measure } from "./bench/load";
import {
  type D1Like,
  hitFields,
  log,
  migrate,
  publishWithProgress,
  type Running,
  startApi,
  startBare,
  startBareFields,
  startFloor,
} from "./bench/workers";
import { loadDataset, ROOT } from "./lib/files";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
};
const SETTINGS = {
  duration: num("PROFILE_DURATION", 5),
  connections: Math.floor(num("PROFILE_CONNECTIONS", 10)),
  top: Math.floor(num("PROFILE_TOP", 25)),
  out: resolve(ROOT, process.env.PROFILE_OUT || "test/artifacts/profile"),
};

/** The detail profiled by default, whose hit's header fields bare-fields answers with. */
const DETAIL = "/v1/facts/apple-selected-alibaba-china-ai-partner";

const DEFAULT_PATHS = [
  "bare:/",
  `hit:${DETAIL}`,
  "hit:/v1/facts?limit=20",
  `miss:${DETAIL}`,
  "miss:/v1/facts?limit=20",
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The source module of each line of the bundle: the last `// src/…` (or `// node_modules/…`) marker above it. */
function moduleOfLine(bundleText: string): (line: number) => string {
  const marks: { line: number; name: string }[] = [];
  bundleText.split("\n").forEach((text, line) => {
    const m = /^\/\/ ((?:src|schema|node_modules)\/\S+)$/.exec(text.trim());
    if (m?.[1]) marks.push({ line, name: m[1].replace(/^node_modules\/(?:\.pnpm\/)?((?:@[^/]+\/)?[^/]+).*$/, "$1") });
  });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = "(bundle)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const mark = marks[mid] as { line: number; name: string };
      if (mark.line <= line) {
        found = mark.name;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** Self time (ms) by function and by module, from a profile's samples. */
function summarize(profile: CpuProfile, moduleOf: (line: number) => string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    if (f.functionName === "(idle)") {
      idle += ms;
      continue;
    }
    total += ms;
    const inBundle = f.url.endsWith("index.js") || f.url.includes("bundle");
    const mod = inBundle ? moduleOf(f.lineNumber) : f.url ? "(workerd)" : f.functionName || "(native)";
    const name = `${f.functionName || "(anonymous)"}  ${inBundle ? `${mod}:${f.lineNumber + 1}` : mod}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
  }
  // Inclusive time: each sample counts once for every function on its stack (the callers of native code).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (!f || f.functionName === "(root)" || f.functionName === "(idle)") continue;
      const inBundle = f.url.endsWith("index.js");
      const name = `${f.functionName || "(anonymous)"}  ${inBundle ? `${moduleOf(f.lineNumber)}:${f.lineNumber + 1}` : f.url ? "(workerd)" : f.functionName || "(native)"}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, idle, functions: sorted(functions), modules: sorted(modules), inclusive: sorted(inclusive) };
}

async function main() {
  const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT_PATHS;
  const tmp = mkdtempSync(join(tmpdir(), "profile-"));
  mkdirSync(SETTINGS.out, { recursive: true });
  try {
    const loaded = loadDataset();
    if (!loaded.ok) throw new Error("data/ is invalid; run npm run data:check");
    log("building the bundle, unminified…");
    const bundle = await buildBundle(tmp, { minify: false });
    const moduleOf = moduleOfLine(readFileSync(bundle.main, "utf8"));
    const port = await freePort();
    const barePort = await freePort();
    const bare = await startBare(tmp, { inspectorPort: barePort });
    const floorPort = await freePort();
    const floor = await startFloor(tmp, { inspectorPort: floorPort });
    const running = await startApi(
      bundle,
      [
        { name: "cached", cache: true, metrics: false },
        { name: "uncached", cache: false, metrics: false },
      ],
      "profile",
      tmp,
      { inspectorPort: port },
    );
    let bareFields: { worker: Running; port: number } | undefined;
    try {
      const db = (await running.mf.getD1Database("DB", "uncached")) as unknown as D1Like;
      await migrate(db);
      const pub = await publishWithProgress(db, loaded.dataset, "real data");
      log(`release ${pub.release.version} published`);
      // It needs a hit of the published API, so it starts here, and only when asked for.
      if (paths.some((p) => p.startsWith("bare-fields:"))) {
        const fieldsPort = await freePort();
        const fields = await hitFields(running, DETAIL);
        bareFields = { worker: await startBareFields(tmp, fields, { inspectorPort: fieldsPort }), port: fieldsPort };
      }
      const lines: string[] = [`# CPU profiles (${new Date().toISOString()})`, ""];
      for (const spec of paths) {
        const [mode, path] = spec.startsWith("hit:")
          ? ["cached", spec.slice(4)]
          : spec.startsWith("miss:")
            ? ["uncached", spec.slice(5)]
            : spec.startsWith("bare:")
              ? ["bare", spec.slice(5)]
              : spec.startsWith("bare-fields:")
                ? ["bare-fields", spec.slice(12)]
                : spec.startsWith("floor:")
                  ? ["floor", spec.slice(6) || floor.path]
                  : ["uncached", spec];
        const [worker, inspectorPort]: [Running, number] =
          mode === "bare"
            ? [bare, barePort]
            : mode === "floor"
              ? [floor, floorPort]
              : mode === "bare-fields" && bareFields
                ? [bareFields.worker, bareFields.port]
                : [running, port];
        const base = await worker.url(mode as string);
        const url = new URL(path as string, base).href;
        await (await fetch(url)).arrayBuffer();
        const first = await fetch(url);
        const bodyBytes = (await first.arrayBuffer()).byteLength;
        const headers: [string, string][] = [];
        first.headers.forEach((v, k) => {
          headers.push([k, v]);
        });
        if (!first.ok) throw new Error(`${url}: ${first.status}`);
        const isolate = await inspector(inspectorPort, async () => (await fetch(url)).arrayBuffer(), mode);
        await isolate.call("Profiler.enable");
        await isolate.call("Profiler.setSamplingInterval", { interval: 100 });
        // Warm the JIT before sampling.
        await measure(url, { connections: SETTINGS.connections, duration: 1, warmup: 0 });
        await isolate.call("Profiler.start");
        const load = await measure(url, { connections: SETTINGS.connections, duration: SETTINGS.duration, warmup: 0 });
        const { profile } = await isolate.call<{ profile: CpuProfile }>("Profiler.stop");
        isolate.close();
        const file = join(SETTINGS.out, `${spec.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        const s = summarize(profile, moduleOf);
        const perRequest = s.total / Math.max(1, load.requests);
        lines.push(
          `## ${spec}`,
          "",
          `${load.requests} requests (${load.rps.toFixed(0)} req/s under the profiler), ${s.total.toFixed(0)} ms busy in the isolate (${perRequest.toFixed(3)} ms a request), ${s.idle.toFixed(0)} ms idle. Profile: ${file}`,
          "",
          `The answer (second request): ${first.status}, ${bodyBytes} bytes of body, ${headers.length} header fields (${headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 0)} bytes): ${headers.map(([k]) => k).join(", ")}.`,
          "",
          "| self ms | % | ms/request | function  module:line |",
          "|--:|--:|--:|---|",
          ...s.functions
            .slice(0, SETTINGS.top)
            .map(
              ([name, ms]) =>
                `| ${ms.toFixed(1)} | ${((100 * ms) / s.total).toFixed(1)} | ${(ms / Math.max(1, load.requests)).toFixed(4)} | ${name} |`,
            ),
          "",
          "| total ms | % | ms/request | function (self and callees)  module:line |",
          "|--:|--:|--:|---|",
          ...s.inclusive
            .slice(0, SETTINGS.top)
            .map(
              ([name, ms]) =>
                `| ${ms.toFixed(1)} | ${((100 * ms) / s.total).toFixed(1)} | ${(ms / Math.max(1, load.requests)).toFixed(4)} | ${name} |`,
            ),
          "",
          "| self ms | % | module |",
          "|--:|--:|---|",
          ...s.modules
            .slice(0, 15)
            .map(([name, ms]) => `| ${ms.toFixed(1)} | ${((100 * ms) / s.total).toFixed(1)} | ${name} |`),
          "",
        );
        log(`${spec}: ${load.rps.toFixed(0)} req/s, ${perRequest.toFixed(3)} ms busy a request`);
      }
      const report = join(SETTINGS.out, "profile.md");
      writeFileSync(report, lines.join("\n"));
      console.log(lines.join("\n"));
      log(`report: ${report}`);
    } finally {
      await running.mf.dispose();
      await bareFields?.worker.mf.dispose();
      await bare.mf.dispose();
      await floor.mf.dispose();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
