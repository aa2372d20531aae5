import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { RECORD_KIND } from "../../dataset/schema";
import { DATASET_KINDS } from "../../dataset/schema";
import type { AppEnv } from "../../env";
import { orm } from "../../queries/common";
import { releaseDataset } from "../../queries/export";
import { getRelease } from "../../queries/releases";
import type { exportJson, exportNdjson } from "./export.routes";

async function load(c: Context<AppEnv>) {
  const db = orm(c.get("d1"));
  const { version, counts } = c.get("release");
  const [row, data] = await Promise.all([getRelease(db, version), releaseDataset(db, version)]);
  return {
    release: { version, content_hash: row?.contentHash ?? "", published_at: row?.publishedAt ?? "", counts },
    data,
  };
}

export const json: RouteHandler<typeof exportJson, AppEnv> = async (c) => {
  const { release, data } = await load(c);
  return c.json({ release, data, meta: { release: release.version } }, 200);
};

export const ndjson: RouteHandler<typeof exportNdjson, AppEnv> = async (c) => {
  const { release, data } = await load(c);
  const lines = [JSON.stringify({ kind: "release", ...release })];
  for (const kind of DATASET_KINDS) {
    for (const record of data[kind] as { id: string }[]) {
      lines.push(JSON.stringify({ kind: RECORD_KIND[kind], id: record.id, release: release.version, record }));
    }
  }
  const body: string = `${lines.join("\n")}\n`;
  // zod-openapi types only JSON and text bodies; NDJSON is neither, so the typed response is cast.
  return c.body(body, 200, { "Content-Type": "application/x-ndjson; charset=utf-8" }) as never;
};
