/**
 * Hands a request to a lazily loaded router with the app's request context: the router runs its own
 * routing, validation and handler, and reads the same variables (release, language, database…) the app's
 * middleware set. Imports nothing heavy: the app's startup must not evaluate zod or any route contract.
 */
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

/** What a router module exports: an app with a fetch. */
export interface RouterModule {
  default: {
    // biome-ignore lint/suspicious/noExplicitAny: Hono's execution context type differs from the workers one
    fetch(request: Request, env: unknown, ctx?: any): Response | Promise<Response>;
  };
}

/** Where the app's context rides along in the router's `env` (whose prototype is the real bindings). */
const OUTER = Symbol.for("alliance-facts.outer-context");

export function dispatch(load: () => Promise<RouterModule>): MiddlewareHandler<AppEnv> {
  return (c) => dispatchRequest(c, load, c.req.raw);
}

/** Hands `request` (the app's own, or one rewritten from it) to a lazily loaded router with the app's context. */
export async function dispatchRequest(c: Context<AppEnv>, load: () => Promise<RouterModule>, request: Request) {
  const { default: router } = await load();
  const env = Object.create(c.env ?? null) as Record<PropertyKey, unknown>;
  env[OUTER] = c;
  let ctx: unknown;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined;
  }
  return router.fetch(request, env, ctx);
}

/** A router's first middleware: take over the app's request variables. */
export const adopt = createMiddleware<AppEnv>(async (c, next) => {
  const outer = (c.env as unknown as Record<PropertyKey, unknown>)[OUTER] as Context<AppEnv> | undefined;
  if (outer) {
    for (const [key, value] of Object.entries(outer.var)) c.set(key as never, value as never);
  }
  await next();
});
