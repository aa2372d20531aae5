/** The OpenAPI document as this request's serving release sees it (its examples name that release). */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { servedDocument } from "./document";

/** The served document, built once per app and release (kept in the app's state). */
export async function documentFor(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  // The serving release (memoized, with its content hash): no query of its own.
  const { version, contentHash } = c.get("release");
  const state = c.get("state");
  const key = `${version}/${contentHash}`;
  if (state.spec?.key !== key) state.spec = { key, doc: servedDocument({ version, contentHash }) };
  return state.spec.doc;
}
