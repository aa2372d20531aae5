import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { citationOf } from "../../lib/citation";
import { origin } from "../../lib/urls";
import { openApiDocument } from "../../openapi/document";
import { loadSources } from "../../present/sources";
import { releaseDataset } from "../../queries/export";
import { type Input, llmsFullTxt, llmsTxt, type SpecInfo, specInfo } from "./llms.markdown";
import type { llmsFullTxt as fullRoute, llmsTxt as indexRoute } from "./llms.routes";

/**
 * The OpenAPI document, as GET /openapi.json serves it. It is built from the whole app, which this router
 * cannot see; the app module is imported lazily (it imports this one) and built once per isolate.
 */
let spec: Promise<SpecInfo> | undefined;
function loadSpec(): Promise<SpecInfo> {
  spec ??= import("../../app").then(({ createApp }) => specInfo(openApiDocument(createApp())));
  spec.catch(() => {
    spec = undefined;
  });
  return spec;
}

async function input(c: Context<AppEnv>): Promise<Input> {
  const release = c.get("release");
  const [info, data] = await Promise.all([loadSpec(), releaseDataset(c.get("db"), release.version)]);
  const sources = new Map(
    (
      await loadSources(
        c,
        data.sources.map((s) => s.id),
      )
    ).map((s) => [s.id, s]),
  );
  return {
    origin: origin(c),
    lang: c.get("lang"),
    release,
    spec: info,
    data,
    cite: (statement, link, ids) =>
      citationOf(
        c,
        statement,
        link,
        [...new Set(ids)].flatMap((id) => sources.get(id) ?? []),
      ),
  };
}

const MARKDOWN = { "Content-Type": "text/markdown; charset=utf-8" };

// zod-openapi types JSON and text/plain bodies only; these Markdown answers are cast.
export const index: RouteHandler<typeof indexRoute, AppEnv> = async (c) =>
  c.body(llmsTxt(await input(c)), 200, MARKDOWN) as never;

export const full: RouteHandler<typeof fullRoute, AppEnv> = async (c) =>
  c.body(llmsFullTxt(await input(c)), 200, MARKDOWN) as never;
