/**
 * Rate limiting with the Workers Rate Limiting binding, keyed by client IP (CF-Connecting-IP). Headers follow
 * draft-ietf-httpapi-ratelimit-headers-11: `RateLimit-Policy: "default";q=600;w=60` and
 * `RateLimit: "default";r=…;t=…`. The binding only says allowed or not, so `r` is this isolate's count
 * of the client's requests in the window (a lower bound of what is left is not knowable; it is an estimate).
 * `RateLimit` is this client's state: it is sent only on answers no cache stores (src/lib/shared.ts); a
 * shareable answer carries the policy alone. Requests without CF-Connecting-IP (the tests, the benchmark) are not limited; `wrangler dev` sets it, so local
 * development is limited as production is.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { problem } from "../lib/problem";
import { shareable } from "../lib/shared";
import type { RateWindow } from "../lib/state";

export const POLICY = "default";

export function limits(env: AppEnv["Bindings"]) {
  return { quota: Number(env.RATE_LIMIT_QUOTA ?? 600), window: Number(env.RATE_LIMIT_WINDOW ?? 60) };
}

/**
 * Counts a request of client `ip` against the limit: whether it is allowed, and the RateLimit / RateLimit-Policy
 * header values. Shared by the middleware and the hot path.
 */
export async function countRequest(
  env: AppEnv["Bindings"],
  seen: Map<string, RateWindow>,
  limiter: RateLimit,
  ip: string,
  now = Date.now(),
) {
  const { quota, window } = limits(env);
  const windowStart = Math.floor(now / (window * 1000)) * window * 1000;
  const reset = Math.max(1, Math.ceil((windowStart + window * 1000 - now) / 1000));
  let w = seen.get(ip);
  if (!w || w.start !== windowStart) {
    w = { start: windowStart, count: 0 };
    seen.set(ip, w);
    if (seen.size > 10_000) seen.clear();
  }
  w.count++;
  const policy = `"${POLICY}";q=${quota};w=${window}`;
  const { success } = await limiter.limit({ key: ip });
  return {
    success,
    quota,
    window,
    reset,
    policy,
    remaining: `"${POLICY}";r=${success ? Math.max(0, quota - w.count) : 0};t=${reset}`,
  };
}

export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const ip = c.req.header("CF-Connecting-IP");
  const limiter = c.env.RATE_LIMITER;
  if (!ip || !limiter || c.req.method === "OPTIONS") return next();
  const r = await countRequest(c.env, c.get("state").rateWindows, limiter, ip);
  if (!r.success) {
    return problem(c, "rate-limited", {
      detail: `More than ${r.quota} requests in ${r.window} s from this client. Retry after ${r.reset} s.`,
      headers: { "Retry-After": String(r.reset), "RateLimit-Policy": r.policy, RateLimit: r.remaining },
    });
  }
  await next();
  // The policy is the same for everyone; the client's remaining quota only goes on answers no cache stores.
  c.res.headers.set("RateLimit-Policy", r.policy);
  if (!shareable(c.res.headers.get("Cache-Control"))) c.res.headers.set("RateLimit", r.remaining);
});
