import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { origin } from "../../lib/urls";
import { PAGE_CSP } from "./html";
import { loadView, type PageKind } from "./pages.data";
import type { entityPage, factPage, partnershipPage } from "./pages.routes";
import { renderNotFound, renderPage } from "./render";

/**
 * The page of a record, a 308 to the canonical id (entities), or an HTML 404. The 404 is HTML whatever
 * `Accept` says: the edge cache keys these pages by URL and language only, and a browser or unfurler that
 * follows a stale link should see a page. JSON clients have /v1/{kind}/{id} and its problem+json.
 */
async function page(c: Context<AppEnv>, kind: PageKind, id: string): Promise<Response> {
  const loaded = await loadView(c, kind, id);
  c.header("Content-Security-Policy", PAGE_CSP);
  if ("redirect" in loaded) {
    const search = new URL(c.req.url).search;
    return c.redirect(`${origin(c)}/${kind}/${loaded.redirect}${search}`, 308);
  }
  if ("missing" in loaded) {
    const body = renderNotFound({
      kind,
      id,
      lang: c.get("lang"),
      origin: origin(c),
      release: c.get("release").version,
      suggestions: loaded.missing,
    });
    return c.html(body, 404);
  }
  return c.html(renderPage(loaded.view), 200);
}

// zod-openapi types JSON and text bodies only; these HTML answers are plain Responses, so the type is cast.
export const fact: RouteHandler<typeof factPage, AppEnv> = async (c) =>
  (await page(c, "facts", c.req.valid("param").id)) as never;

export const entity: RouteHandler<typeof entityPage, AppEnv> = async (c) =>
  (await page(c, "entities", c.req.valid("param").id)) as never;

export const partnership: RouteHandler<typeof partnershipPage, AppEnv> = async (c) =>
  (await page(c, "partnerships", c.req.valid("param").id)) as never;
