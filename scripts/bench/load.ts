/** Load on loopback with autocannon; latency percentiles from every 2xx response's own time (sub-ms). */
import autocannon from "autocannon";

export interface LoadOptions {
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Unmeasured seconds before (JIT, connections, caches). */
  warmup: number;
}

export interface LoadResult {
  /** 2xx responses per second. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

function run(url: string, connections: number, duration: number, record?: (ms: number) => void) {
  return new Promise<{ ok: number; non2xx: number; errors: number; seconds: number }>((resolve, reject) => {
    const started = performance.now();
    let ok = 0;
    const instance = autocannon({ url, connections, duration, timeout: 10 }, (err, result) => {
      if (err) reject(err);
      else
        resolve({
          ok,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          seconds: (performance.now() - started) / 1000,
        });
    });
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) {
        ok++;
        record?.(ms);
      }
    });
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

export async function measure(url: string, opts: LoadOptions): Promise<LoadResult> {
  if (opts.warmup > 0) await run(url, opts.connections, opts.warmup);
  const latencies: number[] = [];
  const r = await run(url, opts.connections, opts.duration, (ms) => latencies.push(ms));
  latencies.sort((a, b) => a - b);
  return {
    rps: r.ok / r.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: r.ok,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}
