import type { Context } from "hono";
import type { AppEnv } from "../env";

/** Origin for absolute links: PUBLIC_ORIGIN when set, else the request's own. */
export function origin(c: Context<AppEnv>): string {
  return c.env.PUBLIC_ORIGIN || new URL(c.req.url).origin;
}

export const absolute = (c: Context<AppEnv>, path: string) => `${origin(c)}${path}`;
