/**
 * CORS for a public, read-only API: any origin, no credentials. Preflights (`OPTIONS`) are hono's `cors`; on every
 * other request the two fields are set once the answer exists. (Hono's `cors` sets them before the answer, on a
 * placeholder response, and Hono then copies every field of the real answer into yet another Response: a copy
 * per request, for two fields.)
 */
import type { MiddlewareHandler } from "hono";
import { cors as honoCors } from "hono/cors";

export interface CorsOptions {
  allowMethods: string[];
  exposeHeaders: string[];
  /** Seconds a preflight's answer may be cached. */
  maxAge: number;
}

export function cors(options: CorsOptions): MiddlewareHandler {
  const preflight = honoCors({ origin: "*", ...options });
  const expose = options.exposeHeaders.join(",");
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    await next();
    c.res.headers.set("Access-Control-Allow-Origin", "*");
    c.res.headers.set("Access-Control-Expose-Headers", expose);
  };
}
