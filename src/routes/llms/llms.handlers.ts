import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { orm } from "../../queries/common";
import { citationOf } from "../../compose/citation";
import { withOrigin } from "../../compose/links";
import type { SourceDoc } from "../../compose/sources";
import { origin } from "../../lib/urls";
import { documentFor } from "../../openapi/served";
import { documentsByIds } from "../../queries/documents";
import { servedDataset } from "../../queries/export";
import { type Input, llmsFullTxt, llmsTxt, type SpecInfo, specInfo } from "./llms.markdown";
import type { llmsFullTxt as fullRoute, llmsTxt as indexRoute } from "./llms.routes";

/** What llms.txt quotes from the OpenAPI document GET /openapi.json serves (kept beside it, once per release). */
async function loadSpec(c: Context<AppEnv>): Promise<SpecInfo> {
  await documentFor(c);
  const spec = c.get("state").spec;
  if (!spec) throw new Error("the served spec was not kept");
  spec.info ??= specInfo(spec.doc);
  return spec.info as SpecInfo;
}

async function input(c: Context<AppEnv>): Promise<Input> {
  const release = c.get("release");
  const info = await loadSpec(c);
  const data = await servedDataset(orm(c.get("d1")), release.version);
  // The sources as composed at publish, in the answer's language: one keyed read.
  const docs = await documentsByIds(c.get("d1"), release.version, c.get("lang"), {
    source: data.sources.map((s) => s.id),
  });
  const sources = new Map(docs.map((d) => [d.id, JSON.parse(withOrigin(d.body, origin(c))) as SourceDoc]));
  return {
    origin: origin(c),
    lang: c.get("lang"),
    release,
    spec: info,
    data,
    cite: (statement, link, ids) =>
      citationOf(
        statement,
        link,
        [...new Set(ids)].flatMap((id) => sources.get(id) ?? []),
        c.get("lang"),
      ),
  };
}

const MARKDOWN = { "Content-Type": "text/markdown; charset=utf-8" };

// zod-openapi types JSON and text/plain bodies only; these Markdown answers are cast.
export const index: RouteHandler<typeof indexRoute, AppEnv> = async (c) =>
  c.body(llmsTxt(await input(c)), 200, MARKDOWN) as never;

export const full: RouteHandler<typeof fullRoute, AppEnv> = async (c) =>
  c.body(llmsFullTxt(await input(c)), 200, MARKDOWN) as never;
