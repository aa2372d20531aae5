import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { PROBLEM_TYPES } from "../../lib/problem";
import { createRouter } from "../../lib/router";
import { documentFor } from "../../openapi/served";
import { loadRelease } from "../../middleware/context";
import { docsPage } from "./docs";
import { frontDoor, v1Slash } from "./front";
import * as routes from "./meta.routes";

/**
 * The front door (`/`, `/v1/`), the spec, the docs, the health check and the problem catalogue. The spec is
 * the committed snapshot (openapi/v1.json, which the node tests keep equal to what the routes generate): the
 * isolate never builds it.
 */
const app = createRouter();
export default app;

app.openapi(routes.getOpenApi, async (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json((await documentFor(c)) as never, 200);
});

app.get("/docs", docsPage);
app.openapi(routes.getFrontDoor, frontDoor);
app.get("/v1/", v1Slash);

app.openapi(routes.getHealth, async (c) => {
  const started = Date.now();
  let d1: "ok" | "error" = "ok";
  let release: string | null = null;
  try {
    release = (await loadRelease(c.get("state"), c.env.DB, Date.now(), true, c))?.version ?? null;
  } catch {
    d1 = "error";
  }
  const body = {
    status: d1 === "ok" && release ? ("ok" as const) : ("degraded" as const),
    d1,
    release,
    d1_ms: Date.now() - started,
    time: new Date().toISOString(),
  };
  c.header("Cache-Control", "no-store");
  return body.status === "ok" ? c.json(body, 200) : c.json(body, 503);
});

/** The signing keys: a few minutes in caches, so that a rotation reaches verifiers quickly. */
const keySet = (mediaType: string) => async (c: Context<AppEnv>) => {
  const keys = await c.get("state").signatures.keysFor(c.env);
  return c.body(JSON.stringify({ keys: keys.published }), 200, {
    "Content-Type": mediaType,
    "Cache-Control": "public, max-age=300",
  });
};
app.openapi(routes.getSignatureDirectory, keySet("application/http-message-signatures-directory+json") as never);
app.openapi(routes.getJwks, keySet("application/jwk-set+json") as never);

app.openapi(routes.getProblemType, (c) => {
  const { type } = c.req.valid("param");
  const def = PROBLEM_TYPES[type];
  c.header("Cache-Control", "public, max-age=86400");
  return c.json({ type: `/problems/${type}`, title: def.title, status: def.status, description: def.description }, 200);
});
