import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import budgets from "./budgets";
import changes from "./changes";
import entities from "./entities";
import events from "./events";
import exportRoutes from "./export";
import facts from "./facts";
import figures from "./figures";
import llms from "./llms";
import pages from "./pages";
import partnerships from "./partnerships";
import releases from "./releases";
import root from "./root";
import search from "./search";
import sources from "./sources";
import stories from "./stories";

/** Every resource router, mounted in the order the docs list them. */
export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  app.route("/", root);
  app.route("/", stories);
  app.route("/", sources);
  app.route("/", entities);
  app.route("/", figures);
  app.route("/", budgets);
  app.route("/", partnerships);
  app.route("/", events);
  app.route("/", facts);
  app.route("/", search);
  app.route("/", releases);
  app.route("/", changes);
  app.route("/", exportRoutes);
  app.route("/", pages);
  app.route("/", llms);
}
