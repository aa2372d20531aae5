/**
 * `npm run bench:publish`: only the benchmark's publishing part, quickly: publishes the real dataset, or
 * BENCH_TIMES× its synthetic copy (scripts/synthetic.ts), the way `npm run bench` and `npm run soak` do
 * (publishApart: a workerd of its own, the statements sent over HTTP in batches of 100), into a fresh local D1 on
 * disk, and prints statements, MB of SQL, the database's size and the seconds it took (and how many of them
 * composing the SQL). With BENCH_DB (a directory), the database is kept there, and a later run on the same data
 * and migrations reuses it, as the benchmark and the soak do.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { KEPT_DB_ID, publishApart } from "./bench/workers";
import { loadDataset } from "./lib/files";
import { recordCount, synthesize } from "./synthetic";

const loaded = loadDataset();
if (!loaded.ok) throw new Error("data/ does not validate: run npm run data:check");
const times = Math.max(1, Math.floor(Number(process.env.BENCH_TIMES ?? 1)));
const data = times > 1 ? synthesize(loaded.dataset, times) : loaded.dataset;
const tmp = mkdtempSync(join(tmpdir(), "bench-publish-"));
try {
  const dir = process.env.BENCH_DB ? resolve(process.env.BENCH_DB) : join(tmp, "db");
  const { pub, size } = await publishApart(data, `${times}× data`, KEPT_DB_ID, dir, tmp);
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
