/** The app factory: middleware, routes, the error contract. */
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { RETRY_AFTER_S, unavailableIn } from "./lib/d1-guard";
import { notFoundRoute, problem, ProblemError } from "./lib/problem";
import { edgeCache } from "./middleware/cache";
import { cors } from "./middleware/cors";
import { database, language, release, requestId } from "./middleware/context";
import { requestLimits } from "./middleware/limits";
import { negotiate } from "./middleware/negotiate";
import { rateLimit } from "./middleware/ratelimit";
import { serverTiming } from "./middleware/timing";
import { Hono } from "hono";
import type { AppEnv } from "./env";
import { ifNoneMatchAny } from "./middleware/if-none-match";
import { withHotPath } from "./hot-path";
import { withSignatures } from "./lib/signing";
import { AppState } from "./lib/state";
import { registerRoutes } from "./routes";

export const ALLOWED_METHODS = "GET, HEAD, OPTIONS";
export const EXPOSED_HEADERS = [
  "ETag",
  "Link",
  "Cache-Status",
  "Content-Language",
  "RateLimit",
  "RateLimit-Policy",
  "Retry-After",
  "X-Request-Id",
  "Server-Timing",
  "Content-Digest",
  "Signature",
  "Signature-Input",
];

export function createApp() {
  const app = new Hono<AppEnv>();
  const state = new AppState();

  app.use("*", async (c, next) => {
    c.set("state", state);
    await next();
  });
  app.use("*", requestId, serverTiming);
  app.use(
    "*",
    secureHeaders({
      crossOriginResourcePolicy: "cross-origin",
      crossOriginOpenerPolicy: "same-origin",
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
    }),
  );
  // The MCP endpoint takes POSTs (JSON-RPC) with the protocol's headers (those a preflight asks for are allowed).
  app.use(
    "/mcp",
    cors({
      allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
      exposeHeaders: [...EXPOSED_HEADERS, "Mcp-Session-Id"],
      maxAge: 86400,
    }),
  );
  app.use("*", cors({ allowMethods: ["GET", "HEAD", "OPTIONS"], exposeHeaders: EXPOSED_HEADERS, maxAge: 86400 }));
  app.use("*", async (c, next) => {
    const method = c.req.method;
    const mcp = c.req.path === "/mcp" && (method === "POST" || method === "DELETE");
    if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS" && !mcp) {
      return problem(c, "method-not-allowed", {
        detail: `${method} is not allowed; this API is read-only (${ALLOWED_METHODS}).`,
        headers: { Allow: ALLOWED_METHODS },
      });
    }
    await next();
  });
  app.use("*", rateLimit, requestLimits);
  // The release is memoized and the cache answers before any database handle exists.
  // `If-None-Match: *` is answered around the cache, once the answer (or its absence) is known.
  app.use("/v1/*", language, negotiate, release, ifNoneMatchAny, edgeCache, database);
  app.use("/v1", language, negotiate, release, ifNoneMatchAny, edgeCache, database);
  app.use("/openapi.json", language, release, ifNoneMatchAny, edgeCache);
  // Permalink pages, oEmbed and the files for LLM agents are release-bound too.
  for (const path of ["/facts/*", "/entities/*", "/partnerships/*", "/oembed", "/llms.txt", "/llms-full.txt"]) {
    app.use(path, language, release, ifNoneMatchAny, edgeCache, database);
  }

  registerRoutes(app);

  app.notFound(notFoundRoute);
  app.onError((err, c) => {
    if (err instanceof ProblemError) return problem(c, err.type, err.extras);
    const down = unavailableIn(err);
    if (down) {
      console.warn(JSON.stringify({ level: "warn", request_id: c.get("requestId"), message: down.message }));
      return problem(c, "service-unavailable", {
        detail: `The database ${down.reason === "deadline" ? "did not answer in time" : "failed"} and no cache holds this answer. Retry after ${RETRY_AFTER_S} s.`,
        headers: { "Retry-After": String(RETRY_AFTER_S) },
      });
    }
    if (err instanceof HTTPException && err.status < 500) {
      return problem(c, "invalid-parameter", { detail: err.message || "The request is malformed." });
    }
    console.error(
      JSON.stringify({
        level: "error",
        request_id: c.get("requestId"),
        message: String(err),
        stack: (err as Error)?.stack,
      }),
    );
    return problem(c, "internal-error", {
      detail: "The server failed unexpectedly. Quote the request id when reporting it.",
    });
  });
  const fetch = withHotPath(app, state);
  state.appFetch = (request, env, ctx) => fetch(request, env as AppEnv["Bindings"], ctx as ExecutionContext);
  // Digests and signatures are added around everything, the hot path's hits included (once per answer). The MCP
  // tools' in-process calls (appFetch) need neither.
  return { fetch: withSignatures(fetch, state.signatures), app, state };
}
