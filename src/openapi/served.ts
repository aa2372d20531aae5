/** The OpenAPI document as this request's serving release sees it (its examples name that release). */
import type { Context } from "hono";
import type { AppEnv } from "../env";
// A Text module (the rule in wrangler.toml): the snapshot reaches the worker as its JSON text, not as a
// half-megabyte object literal the isolate would compile at startup.
import snapshot from "../../openapi/v1.json";
import { CONTENT_HASH_EXAMPLE, RELEASE_EXAMPLE } from "./schemas";

/** The release a document's examples name: the serving one's version and content hash. */
interface ExampleRelease {
  version: string;
  contentHash: string;
}

/**
 * The document GET /openapi.json serves and llms.txt quotes: the committed snapshot (openapi/v1.json, kept equal
 * to what the routes generate by the node tests; the isolate never generates it) with the stand-in release of
 * its examples (RELEASE_EXAMPLE, CONTENT_HASH_EXAMPLE) replaced by the serving release, so that an example
 * such as `GET /v1/releases/{version}` resolves.
 */
function servedDocument(release: ExampleRelease): Record<string, unknown> {
  const text = snapshot as unknown as string;
  return JSON.parse(
    text.replaceAll(CONTENT_HASH_EXAMPLE, release.contentHash).replaceAll(RELEASE_EXAMPLE, release.version),
  );
}

/** The served document, built once per app and release (kept in the app's state). */
export async function documentFor(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  // The serving release (memoized, with its content hash): no query of its own.
  const { version, contentHash } = c.get("release");
  const state = c.get("state");
  const key = `${version}/${contentHash}`;
  if (state.spec?.key !== key) state.spec = { key, doc: servedDocument({ version, contentHash }) };
  return state.spec.doc;
}
