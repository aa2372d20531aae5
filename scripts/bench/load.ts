/** Load on loopback with autocannon; latency percentiles from every expected response's own time (sub-ms). */
import autocannon from "autocannon";

export interface LoadOptions {
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Unmeasured seconds before (JIT, connections, caches). */
  warmup: number;
}

export interface RequestOptions {
  /** Sent with every request (e.g. If-None-Match). */
  headers?: Record<string, string>;
  /** The status every answer must have (default: any 2xx). */
  expectStatus?: number;
}

export interface LoadResult {
  /** Expected answers (2xx, or the expected status) per second. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers with another status. */
  unexpected: number;
  errors: number;
}

function run(url: string, connections: number, duration: number, req: RequestOptions, record?: (ms: number) => void) {
  const expected = (status: number) =>
    req.expectStatus === undefined ? status >= 200 && status < 300 : status === req.expectStatus;
  return new Promise<{ ok: number; unexpected: number; errors: number; seconds: number }>((resolve, reject) => {
    const started = performance.now();
    let ok = 0;
    let unexpected = 0;
    const instance = autocannon(
      { url, connections, duration, timeout: 10, ...(req.headers ? { headers: req.headers } : {}) },
      (err, result) => {
        if (err) reject(err);
        else
          resolve({
            ok,
            unexpected,
            errors: result.errors + result.timeouts,
            seconds: (performance.now() - started) / 1000,
          });
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (expected(status)) {
        ok++;
        record?.(ms);
      } else unexpected++;
    });
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

export async function measure(url: string, opts: LoadOptions, req: RequestOptions = {}): Promise<LoadResult> {
  if (opts.warmup > 0) await run(url, opts.connections, opts.warmup, req);
  const latencies: number[] = [];
  const r = await run(url, opts.connections, opts.duration, req, (ms) => latencies.push(ms));
  latencies.sort((a, b) => a - b);
  return {
    rps: r.ok / r.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: r.ok,
    unexpected: r.unexpected,
    errors: r.errors,
  };
}
