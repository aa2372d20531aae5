import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { streamOf } from "../../lib/streamed";
import { origin } from "../../lib/urls";
import { documentFor } from "../../openapi/served";
import { fullInput, indexInput, joined } from "./llms.data";
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
  return { origin: origin(c), lang: c.get("lang"), release: c.get("release"), spec: await loadSpec(c) };
}

const MARKDOWN = { "Content-Type": "text/markdown; charset=utf-8" };

// zod-openapi types JSON and text/plain bodies only; these Markdown answers are cast.
export const index: RouteHandler<typeof indexRoute, AppEnv> = async (c) =>
  c.body(llmsTxt(await indexInput(c.get("d1"), await input(c))), 200, MARKDOWN) as never;

/** Streamed (src/lib/streamed.ts): a page of sources or stories at a time. */
export const full: RouteHandler<typeof fullRoute, AppEnv> = async (c) => {
  const text = joined(llmsFullTxt(fullInput(c.get("d1"), await input(c))));
  return c.body(await streamOf(text), 200, MARKDOWN) as never;
};
