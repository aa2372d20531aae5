/**
 * The resource routers, loaded lazily: an isolate evaluates a router (its zod schemas, its contract, the zod
 * library itself) only when the first request for one of its paths arrives, so startup stays small. Each
 * router answers with the request's context (release, language, database…) carried over from the app.
 */
import type { Hono } from "hono";
import type { AppEnv } from "../env";
import { dispatch, dispatchRequest, type RouterModule } from "../lib/dispatch";
import { pinAnswer, pinnedPath } from "../lib/pinned";
import { origin } from "../lib/urls";

/** Every router with the paths it answers, in the order the docs list them. */
export const ROUTERS: { paths: string[]; load: () => Promise<RouterModule> }[] = [
  { paths: ["/v1"], load: () => import("./root") },
  { paths: ["/v1/stories", "/v1/stories/*"], load: () => import("./stories") },
  { paths: ["/v1/sources", "/v1/sources/*"], load: () => import("./sources") },
  { paths: ["/v1/entities", "/v1/entities/*"], load: () => import("./entities") },
  { paths: ["/v1/figures", "/v1/figures/*"], load: () => import("./figures") },
  {
    paths: ["/v1/budgets", "/v1/budgets/*", "/v1/budget-checks", "/v1/budget-checks.svg", "/v1/budget-estimate"],
    load: () => import("./budgets"),
  },
  { paths: ["/v1/partnerships", "/v1/partnerships/*"], load: () => import("./partnerships") },
  { paths: ["/v1/events", "/v1/events/*"], load: () => import("./events") },
  { paths: ["/v1/facts", "/v1/facts/*"], load: () => import("./facts") },
  { paths: ["/v1/search"], load: () => import("./search") },
  { paths: ["/v1/claims/check"], load: () => import("./claims") },
  { paths: ["/v1/releases", "/v1/releases/*"], load: () => import("./releases") },
  { paths: ["/v1/changes", "/v1/changes.atom"], load: () => import("./changes") },
  { paths: ["/v1/export", "/v1/export.ndjson"], load: () => import("./export") },
  { paths: ["/facts/*", "/entities/*", "/partnerships/*", "/oembed"], load: () => import("./pages") },
  { paths: ["/llms.txt", "/llms-full.txt"], load: () => import("./llms") },
  { paths: ["/mcp"], load: () => import("./mcp") },
  {
    paths: [
      "/",
      "/v1/",
      "/openapi.json",
      "/docs",
      "/healthz",
      "/problems/*",
      "/.well-known/http-message-signatures-directory",
      "/.well-known/jwks.json",
    ],
    load: () => import("./meta"),
  },
];

/** Whether a router's path pattern ("/v1/facts", "/v1/facts/*") matches `path`. */
const matches = (pattern: string, path: string) =>
  pattern.endsWith("/*") ? path.startsWith(pattern.slice(0, -1)) : pattern === path;

/**
 * Mounts every router lazily on `app`, and in front of them the pinned paths: `/v1/releases/{version}/<path>`
 * is answered by the router of `/v1/<path>` (the release middleware has set the release to read from the
 * path; see src/lib/pinned.ts).
 */
export function registerRoutes(app: Hono<AppEnv>) {
  const loaders = ROUTERS.map(({ paths, load }) => {
    let router: Promise<RouterModule> | undefined;
    const loader = () => {
      router ??= load();
      return router;
    };
    return { paths, loader };
  });
  app.all("/v1/releases/:version/*", async (c, next) => {
    const url = new URL(c.req.url);
    const pinned = pinnedPath(url.pathname);
    const target = pinned && loaders.find(({ paths }) => paths.some((p) => matches(p, pinned.living)));
    if (!pinned || !target) return next();
    url.pathname = pinned.living;
    const res = await dispatchRequest(c, target.loader, new Request(url, c.req.raw));
    return pinAnswer(res, c.get("release").version, origin(c));
  });
  for (const { paths, loader } of loaders) {
    const handler = dispatch(loader);
    for (const path of paths) app.all(path, handler);
  }
}
