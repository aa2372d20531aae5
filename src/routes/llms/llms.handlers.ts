import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { citationOf } from "../../lib/citation";
import { origin } from "../../lib/urls";
import { servedDocument } from "../../openapi/document";
import { loadSources } from "../../present/sources";
import { servedDataset } from "../../queries/export";
import { type Input, llmsFullTxt, llmsTxt, type SpecInfo, specInfo } from "./llms.markdown";
import type { llmsFullTxt as fullRoute, llmsTxt as indexRoute } from "./llms.routes";

/** What llms.txt quotes from the OpenAPI document GET /openapi.json serves (built once per isolate). */
let spec: SpecInfo | undefined;
const loadSpec = () => {
  spec ??= specInfo(servedDocument());
  return spec;
};

async function input(c: Context<AppEnv>): Promise<Input> {
  const release = c.get("release");
  const info = loadSpec();
  const data = await servedDataset(c.get("db"), release.version);
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
