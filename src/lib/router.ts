import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../openapi/hook";
import { adopt } from "./dispatch";
import { notFoundRoute } from "./problem";

/**
 * A resource router. Every router uses the same validation hook, so every bad parameter gets the same problem;
 * it adopts the app's request context (see dispatch.ts), answers an unknown path like the app does, and hands
 * errors to the app's error contract.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  router.use("*", adopt);
  router.notFound(notFoundRoute);
  router.onError((err) => {
    throw err;
  });
  return router;
}
