/** The OpenAPI document as this request's serving release sees it (its examples name that release). */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { servedDocument } from "./document";

export async function documentFor(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  // The serving release (memoized, with its content hash): no query of its own.
  const { version, contentHash } = c.get("release");
  return servedDocument({ version, contentHash });
}
