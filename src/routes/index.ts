import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import root from "./root";

/** Every resource router, mounted in the order the docs list them. */
export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  app.route("/", root);
}
