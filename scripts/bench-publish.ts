/**
 * `npm run bench:publish`: only the benchmark's publishing part, quickly: publishes the real dataset, or
 * BENCH_TIMES× its synthetic copy (scripts/synthetic.ts), the way `npm run bench` and `npm run soak` do
 * (publishApart: a workerd of its own, the statements sent over HTTP in batches of 100), into a fresh local D1 on
 * disk, and prints statements, MB of SQL, the database's size and the seconds it took (and how many of them
 * composing the SQL). With BENCH_DB (a directory), the database is kept there, and a later run on the same data
 * and migrations reuses it, as the benchmark and the soak do.
 *
 * With BENCH_SQLITE=1 it sends nothing to D1: the same statements, in the same batches of 100 (one transaction
 * each), run in Node's own SQLite (`node:sqlite`, a fresh file migrated from migrations/), timed per table. That
 * is the least the storage itself needs to load a release, without D1, Miniflare or HTTP: what bounds
 * publishing however the statements travel.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { batches } from "../src/dataset/publish";
import { buildRelease, releaseStatements } from "../src/dataset/release";
import { KEPT_DB_ID, migrationStatements, publishApart } from "./bench/workers";
import { loadDataset } from "./lib/files";
import { recordCount, synthesize } from "./synthetic";

const loaded = loadDataset();
if (!loaded.ok) throw new Error("data/ does not validate: run npm run data:check");
const times = Math.max(1, Math.floor(Number(process.env.BENCH_TIMES ?? 1)));
const data = times > 1 ? synthesize(loaded.dataset, times) : loaded.dataset;
const tmp = mkdtempSync(join(tmpdir(), "bench-publish-"));
/** Loads `data`'s release into a fresh node:sqlite file under `tmp`, timing each table's statements. */
async function loadInSqlite() {
  const file = join(tmp, "release.sqlite");
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL");
  for (const s of migrationStatements()) db.exec(s);
  const t0 = performance.now();
  const release = await buildRelease(data);
  const tables = new Map<string, { statements: number; mb: number; seconds: number }>();
  let statements = 0;
  let sqlSeconds = 0;
  for (const batch of batches(releaseStatements(data, release, new Date().toISOString()), 100)) {
    db.exec("BEGIN");
    for (const s of batch) {
      const table = /^(?:INSERT INTO|DELETE FROM|UPDATE)\s+`?(\w+)/.exec(s)?.[1] ?? "other";
      const t = performance.now();
      db.exec(s);
      const seconds = (performance.now() - t) / 1000;
      const entry = tables.get(table) ?? { statements: 0, mb: 0, seconds: 0 };
      entry.statements++;
      entry.mb += Buffer.byteLength(s) / 1e6;
      entry.seconds += seconds;
      tables.set(table, entry);
      statements++;
      sqlSeconds += seconds;
    }
    const t = performance.now();
    db.exec("COMMIT");
    sqlSeconds += (performance.now() - t) / 1000;
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  const round = (n: number) => +n.toFixed(1);
  const byTable = Object.fromEntries(
    [...tables]
      .sort((a, b) => b[1].seconds - a[1].seconds)
      .map(([table, e]) => [table, { statements: e.statements, sqlMB: round(e.mb), seconds: round(e.seconds) }]),
  );
  console.log(
    JSON.stringify(
      {
        times,
        records: recordCount(data),
        release: release.version,
        storage: "node:sqlite (no D1)",
        statements,
        seconds: round(seconds),
        sqliteSeconds: round(sqlSeconds),
        composeSeconds: round(seconds - sqlSeconds),
        dbMB: round(statSync(file).size / 1e6),
        byTable,
      },
      null,
      1,
    ),
  );
}

/** Publishes `data` the way the benchmark does (publishApart), into BENCH_DB or a directory under `tmp`. */
async function publishInD1() {
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
}

try {
  await (process.env.BENCH_SQLITE === "1" ? loadInSqlite() : publishInD1());
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
