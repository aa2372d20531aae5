/**
 * The resource routers, loaded lazily: an isolate evaluates a router (its zod schemas, its contract, the zod
 * library itself) only when the first request for one of its paths arrives, so startup stays small. Each
 * router answers with the request's context (release, language, database…) carried over from the app.
 */
import type { Hono } from "hono";
import type { AppEnv } from "../env";
import { dispatch, type RouterModule } from "../lib/dispatch";

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
    paths: ["/", "/v1/", "/openapi.json", "/docs", "/healthz", "/problems/*"],
    load: () => import("./meta"),
  },
];

/** Mounts every router lazily on `app`. */
export function registerRoutes(app: Hono<AppEnv>) {
  for (const { paths, load } of ROUTERS) {
    let router: Promise<RouterModule> | undefined;
    const handler = dispatch(() => {
      router ??= load();
      return router;
    });
    for (const path of paths) app.all(path, handler);
  }
}
