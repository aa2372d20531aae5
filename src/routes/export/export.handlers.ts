import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { DATASET_KINDS, RECORD_KIND } from "../../dataset/schema";
import type { AppEnv } from "../../env";
import { streamOf } from "../../lib/streamed";
import { orm } from "../../queries/common";
import { asWritten, datasetPages } from "../../queries/export";
import { getRelease } from "../../queries/releases";
import type { exportJson, exportNdjson } from "./export.routes";

const str = JSON.stringify;

async function releaseOf(c: Context<AppEnv>) {
  const { version, counts } = c.get("release");
  const row = await getRelease(orm(c.get("d1")), version);
  return { version, content_hash: row?.contentHash ?? "", published_at: row?.publishedAt ?? "", counts };
}

/** Every record of the release, kind by kind in the dataset's order, a page at a time, as `data/` holds them. */
async function* pages(c: Context<AppEnv>, kind: (typeof DATASET_KINDS)[number]) {
  for await (const page of datasetPages(orm(c.get("d1")), c.get("release").version, kind)) {
    yield (page as { id: string }[]).map(asWritten);
  }
}

/** `{release, data: {stories: [...], ...}, meta}`, written as it is read (the bytes JSON.stringify writes). */
async function* jsonChunks(c: Context<AppEnv>, release: Awaited<ReturnType<typeof releaseOf>>) {
  let head = `{"release":${str(release)},"data":{`;
  for (const [i, kind] of DATASET_KINDS.entries()) {
    head += `${i ? "," : ""}${str(kind)}:[`;
    let first = true;
    for await (const page of pages(c, kind)) {
      yield `${head}${first ? "" : ","}${page.map((r) => str(r)).join(",")}`;
      head = "";
      first = false;
    }
    head += "]";
  }
  yield `${head}},"meta":${str({ release: release.version })}}`;
}

export const json: RouteHandler<typeof exportJson, AppEnv> = async (c) => {
  const release = await releaseOf(c);
  const body = await streamOf(jsonChunks(c, release));
  return c.body(body, 200, { "Content-Type": "application/json" }) as never;
};

/** One line for the release, then one per record: `{kind, id, release, record}`. */
async function* ndjsonChunks(c: Context<AppEnv>, release: Awaited<ReturnType<typeof releaseOf>>) {
  let head = `${str({ kind: "release", ...release })}\n`;
  for (const kind of DATASET_KINDS) {
    for await (const page of pages(c, kind)) {
      const lines = page.map((record) =>
        str({ kind: RECORD_KIND[kind], id: record.id, release: release.version, record }),
      );
      yield `${head}${lines.join("\n")}\n`;
      head = "";
    }
  }
  if (head) yield head;
}

export const ndjson: RouteHandler<typeof exportNdjson, AppEnv> = async (c) => {
  const release = await releaseOf(c);
  const body = await streamOf(ndjsonChunks(c, release));
  // zod-openapi types only JSON and text bodies; NDJSON is neither, so the typed response is cast.
  return c.body(body, 200, { "Content-Type": "application/x-ndjson; charset=utf-8" }) as never;
};
