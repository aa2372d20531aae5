/**
 * What a shared cache may keep. An answer whose `Cache-Control` lets a shared cache store it (public, a
 * positive lifetime, neither `no-store` nor `private`) is kept by the layers in this worker (the hot LRU, the
 * Cache API layer) and, in production, by Workers Cache in front of the worker, which stores exactly what the
 * worker sends. Such an answer, and a 304 for it (a 304 updates the stored copy's headers, RFC 9111 §4.3.4),
 * carries nothing of one request or one client: no request id, no rate-limit state, no timing. Those go only
 * on answers no cache stores (errors other than a 404, `/healthz`).
 */

/** The headers that describe one request or one client, never sent on a shareable answer. */
export const PER_CLIENT_HEADERS = ["X-Request-Id", "RateLimit", "Server-Timing"] as const;

/** Whether a shared cache may store an answer sent with this `Cache-Control`. */
export function shareable(cacheControl: string | null | undefined): boolean {
  if (!cacheControl) return false;
  const cc = cacheControl.toLowerCase();
  if (!/\bpublic\b/.test(cc) || /\b(?:no-store|private)\b/.test(cc)) return false;
  const lifetime = /\b(?:s-maxage|max-age)=(\d+)/.exec(cc);
  return lifetime !== null && Number(lifetime[1]) > 0;
}
