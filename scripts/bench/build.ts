/** The production bundle (`wrangler deploy --dry-run`), its size, and its startup time (`wrangler check startup`). */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "../lib/files";
import { startupScripts } from "../lib/modules";

const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" };

function wrangler(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      WRANGLER,
      args,
      { cwd: ROOT, env: ENV, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, killSignal: "SIGKILL" },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`wrangler ${args.slice(0, 2).join(" ")} failed: ${err.message}\n${stdout}${stderr}`));
        else resolve(`${stdout}${stderr}`);
      },
    );
  });
}

export interface Bundle {
  /** Folder holding the bundle's modules (index.js …). */
  dir: string;
  /** The main module. */
  main: string;
  /** The script modules (.js, .cjs), the entry first, their bytes, and whether startup evaluates them. */
  scripts: { file: string; bytes: number; startup: boolean }[];
  /** The multipart upload wrangler would send (for `wrangler check startup --worker`). */
  uploadFile: string;
  /** All script modules, raw and gzip (one stream). */
  rawBytes: number;
  gzipBytes: number;
  /** The script modules startup evaluates (the entry and what it requires or imports statically), raw. */
  startupBytes: number;
  command: string;
}

/**
 * `wrangler deploy --dry-run --env production --outdir <dir> --outfile <upload>`: the bundle production gets, built
 * by scripts/build-worker.ts (wrangler.toml's [env.production.build]). Unminified on request (`minify: false`, for
 * the profiler, whose report names functions and source modules): then wrangler's own single-file bundle.
 */
export async function buildBundle(tmp: string, options: { minify?: boolean } = {}): Promise<Bundle> {
  const dir = join(tmp, "bundle");
  const uploadFile = join(tmp, "worker.bundle");
  const args =
    options.minify === false
      ? ["deploy", "--dry-run", "--outdir", dir, "--outfile", uploadFile, "--minify=false"]
      : ["deploy", "--dry-run", "--env", "production", "--outdir", dir, "--outfile", uploadFile];
  await wrangler(args, 180_000);
  const main = join(dir, "index.js");
  const startup = startupScripts(dir, "index.js");
  const scripts = readdirSync(dir)
    .filter((f) => /\.[cm]?js$/.test(f))
    .sort((a, b) => (a === "index.js" ? -1 : b === "index.js" ? 1 : a.localeCompare(b)))
    .map((file) => ({ file, bytes: statSync(join(dir, file)).size, startup: startup.has(file) }));
  const code = Buffer.concat(scripts.map((s) => readFileSync(join(dir, s.file))));
  return {
    dir,
    main,
    scripts,
    uploadFile,
    rawBytes: code.length,
    gzipBytes: gzipSync(code).length,
    startupBytes: scripts.filter((s) => s.startup).reduce((n, s) => n + s.bytes, 0),
    command: `wrangler ${args.join(" ")}`.replaceAll(tmp, "<tmp>"),
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface StartupRun {
  /** endTime - startTime of the startup cpuprofile, ms. */
  windowMs: number;
  /** Sampled time that is not (idle), ms (what wrangler prints as "Active"). */
  activeMs: number;
  /** Of which garbage collection, ms. */
  gcMs: number;
}

export interface Startup {
  runs: StartupRun[];
  /** The run with the median window. */
  median: StartupRun;
  command: string;
}

export function summarizeProfile(profile: CpuProfile): StartupRun {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const samples = profile.samples ?? [];
  let sampled = 0;
  let idle = 0;
  let gc = 0;
  (profile.timeDeltas ?? []).forEach((delta, i) => {
    sampled += delta;
    const fn = nodes.get(samples[i] ?? 0);
    if (fn === "(idle)") idle += delta;
    else if (fn === "(garbage collector)") gc += delta;
  });
  return { windowMs: (profile.endTime - profile.startTime) / 1000, activeMs: (sampled - idle) / 1000, gcMs: gc / 1000 };
}

/** `wrangler check startup --worker <upload> --outfile <profile>`, `runs` times (it runs offline, in local workerd). */
export async function measureStartup(bundle: Bundle, tmp: string, runs: number): Promise<Startup> {
  const out: StartupRun[] = [];
  let command = "";
  for (let i = 0; i < runs; i++) {
    const outfile = join(tmp, `startup-${i}.cpuprofile`);
    const args = ["check", "startup", "--worker", bundle.uploadFile, "--outfile", outfile];
    command = `wrangler ${args.join(" ")}`.replaceAll(tmp, "<tmp>").replace(`startup-${i}`, "startup");
    await wrangler(args, 120_000);
    out.push(summarizeProfile(JSON.parse(readFileSync(outfile, "utf8")) as CpuProfile));
  }
  const sorted = [...out].sort((a, b) => a.windowMs - b.windowMs);
  const median = sorted[Math.floor(sorted.length / 2)] as StartupRun;
  return { runs: out, median, command };
}
