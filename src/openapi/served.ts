/** The OpenAPI document as this request's serving release sees it (its examples name that release). */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { contentHashOf } from "../queries/releases";
import { servedDocument } from "./document";

export async function documentFor(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const { version } = c.get("release");
  return servedDocument({ version, contentHash: await contentHashOf(c.env.DB, version) });
}
