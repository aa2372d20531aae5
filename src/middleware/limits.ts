/**
 * Limits on what a request may be, so a bad request costs little: the URL's length (414), the request headers'
 * total size (431) and the number of query parameters (400). Checked by the app before any routing, and by the
 * hot path, which hands a request over the limits to the app (so it gets the problem, never a cached answer).
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { problem } from "../lib/problem";

/** The longest URL accepted, in characters (scheme, host, path and query). */
export const MAX_URL_LENGTH = 4096;
/** The most header bytes accepted: every name and value, plus 4 per field (": " and CRLF), as HTTP/1.1 counts them. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** The most query parameters accepted (no operation takes more than a dozen). */
export const MAX_QUERY_PARAMETERS = 32;

type Violation = { type: "uri-too-long" | "header-fields-too-large" | "too-many-parameters"; detail: string };

function headerBytes(headers: Headers): number {
  let n = 0;
  headers.forEach((value, name) => {
    n += name.length + value.length + 4;
  });
  return n;
}

/** The first limit a request breaks, or undefined. */
export function overLimit(request: Request, url: URL): Violation | undefined {
  const ofUrl = urlOverLimit(request.url, url);
  return ofUrl?.type === "uri-too-long" ? ofUrl : (headersOverLimit(request.headers) ?? ofUrl);
}

/** The first limit the URL breaks (its length, its number of query parameters), or undefined. */
export function urlOverLimit(href: string, url: URL): Violation | undefined {
  if (href.length > MAX_URL_LENGTH) {
    return {
      type: "uri-too-long",
      detail: `The URL is ${href.length} characters long; at most ${MAX_URL_LENGTH} are accepted.`,
    };
  }
  let count = 0;
  for (const _ of url.searchParams.keys()) count++;
  if (count > MAX_QUERY_PARAMETERS) {
    return {
      type: "too-many-parameters",
      detail: `The query has ${count} parameters; at most ${MAX_QUERY_PARAMETERS} are accepted.`,
    };
  }
  return undefined;
}

/** Whether the request headers are over their limit in size. */
export function headersOverLimit(headers: Headers): Violation | undefined {
  const bytes = headerBytes(headers);
  if (bytes > MAX_HEADER_BYTES) {
    return {
      type: "header-fields-too-large",
      detail: `The request headers take ${bytes} bytes; at most ${MAX_HEADER_BYTES} are accepted.`,
    };
  }
  return undefined;
}

export const requestLimits = createMiddleware<AppEnv>(async (c, next) => {
  const violation = overLimit(c.req.raw, new URL(c.req.url));
  if (violation) return problem(c, violation.type, { detail: violation.detail });
  await next();
});
