/**
 * The front door: `GET /` sends a browser to the docs and any other client a small JSON index of the entry
 * points; `GET /v1/` is a permanent redirect to `/v1` (the index has no trailing slash).
 */
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { absolute } from "../../lib/urls";

/** What clients may keep the front door for: it changes only with a deployment. */
export const FRONT_DOOR_CACHE_CONTROL = "public, max-age=3600";

/** The weight an Accept header gives a media type by an explicit entry (wildcards do not count), or 0. */
function weightOf(accept: string, type: string): number {
  let best = 0;
  for (const part of accept.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (name.trim() !== type) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    if (Number.isFinite(weight) && weight > best) best = weight;
  }
  return best;
}

/** A browser asks for HTML above JSON (`text/html,application/xhtml+xml,…,*\/*;q=0.8`); curl sends `*\/*`. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return weightOf(accept, "text/html") > weightOf(accept, "application/json");
}

export function frontDoor(c: Context<AppEnv>) {
  c.header("Cache-Control", FRONT_DOOR_CACHE_CONTROL);
  c.header("Vary", "Accept");
  if (prefersHtml(c.req.header("Accept"))) return c.redirect(absolute(c, "/docs"), 303);
  return c.json(
    {
      name: "Alliance Facts API",
      description:
        "Citable facts about AI alliances: the Apple × Alibaba partnership in China, its entities, model-budget figures and partnership history. Start at /v1; the interactive reference is at /docs.",
      links: {
        api: absolute(c, "/v1"),
        openapi: absolute(c, "/openapi.json"),
        docs: absolute(c, "/docs"),
        llms: absolute(c, "/llms.txt"),
      },
    },
    200,
  );
}

/** `/v1/` → 308 `/v1`, the query kept. */
export function v1Slash(c: Context<AppEnv>) {
  c.header("Cache-Control", FRONT_DOOR_CACHE_CONTROL);
  return c.redirect(absolute(c, `/v1${new URL(c.req.url).search}`), 308);
}
