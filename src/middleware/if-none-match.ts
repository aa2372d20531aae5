/** `If-None-Match: *` on any release-bound answer (kept apart from the reads, so startup loads nothing more). */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

/** Representation metadata a 304 does not repeat (RFC 9110 §15.4.5); every other header of the 200 is kept. */
const NOT_ON_304 = [
  "Content-Type",
  "Content-Length",
  "Content-Encoding",
  "Content-Digest",
  "Content-Disposition",
  "Link",
];

/**
 * `If-None-Match: *` (RFC 9110 §13.1.2): false, so a GET or HEAD is a 304, when the target has a current
 * representation. Only the answer knows whether it has one, so this runs after it (around the cache layer, so
 * a cached answer counts too): a 2xx becomes a 304 with the 200's ETag, caching and CORS headers and no body;
 * any other status (a 308 for an alias, a 404 for an unknown id, a 400) is what it would have been, since
 * preconditions apply only to a 2xx (§13.2.1). A list of tags is answered by the cache layer, by ETag.
 */
export const ifNoneMatchAny = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.header("If-None-Match")?.trim() !== "*") return;
  const res = c.res;
  if (res.status < 200 || res.status > 299) return;
  await res.body?.cancel();
  const headers = new Headers(res.headers);
  for (const name of NOT_ON_304) headers.delete(name);
  c.res = undefined;
  c.res = new Response(null, { status: 304, headers });
});
