/**
 * Pinned URLs: `/v1/releases/{version}/<path>` answers `/v1/<path>` as release `{version}` answered it. The
 * request context carries "the release to read": for a pinned path it is the release the path names (see the
 * `release` middleware in src/middleware/context.ts), and the router of `/v1/<path>` answers from that
 * release's composed documents (the documents table is keyed by release). A release's answers never change,
 * so a pinned 200 is `immutable`; a release dropped by retention is 410 Gone, pointing at the living record;
 * a version that was never published is a 404 listing the published ones.
 */
import type { Context } from "hono";
import type { AppEnv, ReleaseInfo } from "../env";
import { ProblemError } from "./problem";
import { origin } from "./urls";
import { deadlineOf, guardD1 } from "./d1-guard";

/** The first segments under /v1 a pinned path may name: every release-bound collection and its records. */
export const PINNABLE = [
  "stories",
  "sources",
  "entities",
  "figures",
  "budgets",
  "budget-checks",
  "partnerships",
  "events",
  "facts",
  "search",
  "export",
  "export.ndjson",
] as const;

/** What a client is told about a pinned answer: it never changes. */
export const PINNED_CACHE_CONTROL = "public, max-age=31536000, immutable";

const PINNED = /^\/v1\/releases\/([^/]+)\/(.+)$/;

/** The release and the living path a pinned path names, or undefined when the path is not a pinned one. */
export function pinnedPath(pathname: string): { version: string; living: string } | undefined {
  const m = PINNED.exec(pathname);
  if (!m) return undefined;
  const [, version = "", rest = ""] = m;
  const first = rest.split("/")[0] ?? "";
  // The fact of the day changes with the UTC day, not with the release: it has no pinned form.
  if (!(PINNABLE as readonly string[]).includes(first) || rest === "facts/today") return undefined;
  return { version, living: `/v1/${rest}` };
}

interface PinnedRow {
  version: string;
  content_hash: string;
  published_at: string;
  counts: string;
  kept: number;
}

/**
 * The published release `version` names, for a pinned request: one query, then held by the app while the same
 * release serves (`serving`: retention drops releases only when a new one is published). Unknown → 404 with the
 * published versions (newest first); dropped by retention → 410 with the living URL.
 */
export async function pinnedRelease(
  c: Context<AppEnv>,
  version: string,
  living: string,
  serving: string | undefined,
): Promise<ReleaseInfo> {
  const state = c.get("state");
  // Bounded like every D1 call: a failure or an overrun is a 503, never a hang (src/lib/d1-guard.ts).
  const db = guardD1(c.env.DB, deadlineOf(c.env));
  let held = state.pinned.get(version);
  if (!held || serving === undefined || held.serving !== serving) {
    const row = await db
      .prepare(
        "SELECT r.version, r.content_hash, r.published_at, r.counts, EXISTS (SELECT 1 FROM documents d WHERE d.release = r.version) AS kept FROM releases r WHERE r.status = 'published' AND r.version = ?1",
      )
      .bind(version)
      .first<PinnedRow>();
    held = { serving, row: row ?? null };
    if (state.pinned.size > 256) state.pinned.clear();
    state.pinned.set(version, held);
  }
  const row = held.row;
  if (!row) {
    const { results } = await db
      .prepare("SELECT version FROM releases WHERE status = 'published' ORDER BY seq DESC LIMIT 50")
      .all<{ version: string }>();
    throw new ProblemError("not-found", {
      detail: `No published release has the version "${version}". Published: ${results.map((r) => r.version).join(", ")}.`,
      suggestions: results.map((r) => r.version),
    });
  }
  if (!row.kept) {
    const current = `${origin(c)}${living}${new URL(c.req.url).search}`;
    throw new ProblemError("gone", {
      detail: `Release ${version} is no longer kept; the record as it is now is at ${current}.`,
      current,
      headers: { Link: `<${current}>; rel="latest-version"` },
    });
  }
  return {
    version: row.version,
    contentHash: row.content_hash,
    publishedAt: row.published_at,
    counts: JSON.parse(row.counts),
  };
}

/**
 * A pinned answer from the living route's answer: immutable when it is a 200, and its own links (`links` of
 * the envelope and the `Link` header: self, next) made pinned, so paging stays in the release. The records
 * themselves are the stored bytes, untouched.
 */
export async function pinAnswer(res: Response, version: string, base: string): Promise<Response> {
  if (res.status !== 200) return res;
  const living = `${base}/v1/`;
  const pinned = `${base}/v1/releases/${version}/`;
  const headers = new Headers(res.headers);
  headers.set("Cache-Control", PINNED_CACHE_CONTROL);
  headers.set("CDN-Cache-Control", PINNED_CACHE_CONTROL);
  const link = headers.get("Link");
  if (link) headers.set("Link", link.replaceAll(`<${living}`, `<${pinned}`));
  if (!(headers.get("Content-Type") ?? "").startsWith("application/json") || res.body === null) {
    return new Response(res.body, { status: 200, headers });
  }
  const body = await res.text();
  const at = body.lastIndexOf(',"links":{');
  if (at < 0 || !body.endsWith("}}")) return new Response(body, { status: 200, headers });
  const tail = body.slice(at).replaceAll(`"${living}`, `"${pinned}`);
  return new Response(body.slice(0, at) + tail, { status: 200, headers });
}
