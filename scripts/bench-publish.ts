/**
 * `npm run bench:publish`: only the benchmark's publishing part, quickly: publishes the real dataset, or
 * BENCH_TIMES× its synthetic copy (scripts/synthetic.ts), into a fresh local D1 on disk (Miniflare, as the
 * benchmark does, with its batches: 40 statements at real size, 100 for synthetic data) and prints statements,
 * MB of SQL, the database's size and the seconds it took (and how many of them composing the SQL). With BENCH_DB
 * (a directory), the database is kept there, as `npm run bench` and `npm run soak` keep and reuse it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { databaseSize, type D1Like, KEPT_DB_ID, migrate, publishApart, publishWithProgress } from "./bench/workers";
import { loadDataset } from "./lib/files";
import { recordCount, synthesize } from "./synthetic";

const loaded = loadDataset();
if (!loaded.ok) throw new Error("data/ does not validate: run npm run data:check");
const times = Math.max(1, Math.floor(Number(process.env.BENCH_TIMES ?? 1)));
const data = times > 1 ? synthesize(loaded.dataset, times) : loaded.dataset;
const tmp = mkdtempSync(join(tmpdir(), "bench-publish-"));
if (process.env.BENCH_DB) {
  try {
    const { pub, size } = await publishApart(data, `${times}× data`, KEPT_DB_ID, resolve(process.env.BENCH_DB), tmp);
    console.log(
      JSON.stringify({
        times,
        records: recordCount(data),
        release: pub.release.version,
        reused: pub.reused ?? false,
        statements: pub.statements,
        sqlMB: pub.sqlBytes === undefined ? null : +(pub.sqlBytes / 1e6).toFixed(1),
        dbMB: size === undefined ? null : +(size / 1e6).toFixed(1),
        seconds: +(pub.ms / 1000).toFixed(1),
        composeSeconds: pub.composeMs === undefined ? null : +(pub.composeMs / 1000).toFixed(1),
      }),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(0);
}
const mf = new Miniflare(
  convertV4MiniflareOptions({
    resourceTmpPath: join(tmp, "mf"),
    workers: [
      {
        name: "publish",
        modules: true,
        script: "export default { fetch() { return new Response(null, { status: 204 }); } }",
        compatibilityDate: "2025-01-01",
        d1Databases: { DB: "publish" },
      },
    ],
  } as Parameters<typeof convertV4MiniflareOptions>[0]),
);
try {
  const db = (await mf.getD1Database("DB")) as unknown as D1Like;
  await migrate(db);
  const pub = await publishWithProgress(db, data, `${times}× data`, times > 1 ? 100 : 40);
  const size = await databaseSize(db);
  console.log(
    JSON.stringify({
      times,
      records: recordCount(data),
      statements: pub.statements,
      sqlMB: +(pub.sqlBytes / 1e6).toFixed(1),
      dbMB: size === undefined ? null : +(size / 1e6).toFixed(1),
      seconds: +(pub.ms / 1000).toFixed(1),
      composeSeconds: +(pub.composeMs / 1000).toFixed(1),
    }),
  );
} finally {
  await mf.dispose();
  rmSync(tmp, { recursive: true, force: true });
}
