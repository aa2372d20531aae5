/**
 * Every router mounted eagerly on one OpenAPIHono: what the OpenAPI document is generated from
 * (`npm run openapi:write`, the node tests). The worker never imports this: it loads routers lazily and
 * serves the committed snapshot.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import budgets from "./budgets";
import changes from "./changes";
import claims from "./claims";
import entities from "./entities";
import events from "./events";
import exportRoutes from "./export";
import facts from "./facts";
import figures from "./figures";
import llms from "./llms";
import meta from "./meta";
import pages from "./pages";
import partnerships from "./partnerships";
import releases from "./releases";
import { getPinned, listPinned } from "./releases/pinned.routes";
import root from "./root";
import search from "./search";
import sources from "./sources";
import stories from "./stories";

export function contractApp() {
  const app = new OpenAPIHono<AppEnv>();
  for (const router of [
    root,
    stories,
    sources,
    entities,
    figures,
    budgets,
    partnerships,
    events,
    facts,
    search,
    claims,
    releases,
    changes,
    exportRoutes,
    pages,
    llms,
    meta,
  ]) {
    app.route("/", router);
  }
  // Pinned URLs are answered in front of the routers (src/routes/index.ts): documented here, handled there.
  app.openAPIRegistry.registerPath(listPinned);
  app.openAPIRegistry.registerPath(getPinned);
  return app;
}
