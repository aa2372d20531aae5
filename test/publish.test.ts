import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it } from "vitest";
import { releaseTables } from "../schema";
import { buildRelease, releaseStatements } from "../src/dataset/release";
import { d1Executor, publishDataset, type SqlExecutor, unpublishable } from "../src/dataset/publish";
import type { Dataset } from "../src/dataset/schema";
import { currentVersion, getJson, request, workerState } from "./helpers";

/** Every table a release writes, and the release bookkeeping. */
const TABLES = ["releases", "release_records", "release_changes", ...releaseTables];

/** Every row of every table, as text: two snapshots are equal only if nothing changed. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { results } = await env.DB.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
    out[table] = JSON.stringify(results);
  }
  return out;
}

/** The real dataset with one fact changed, one added and one removed. */
function edited(): { dataset: Dataset; changed: string; added: string; removed: string } {
  const dataset = structuredClone(env.TEST_DATASET);
  const [changed, ...rest] = dataset.facts;
  const removed = dataset.facts.at(-1);
  if (!changed || !removed || rest.length < 2) throw new Error("dataset too small");
  changed.text = { ...changed.text, en: `${changed.text.en} (edited)` };
  dataset.facts = dataset.facts.slice(0, -1);
  dataset.facts.push({ ...structuredClone(removed), id: "a-newly-curated-fact" });
  return { dataset, changed: changed.id, added: "a-newly-curated-fact", removed: removed.id };
}

/** Index of the statement that publishes (flips readers to) the new release. */
async function flipIndex(dataset: Dataset): Promise<number> {
  const statements = [...releaseStatements(dataset, await buildRelease(dataset), "2026-01-01T00:00:00Z")];
  const i = statements.findIndex((s) => s.startsWith("UPDATE releases SET status = 'published'"));
  if (i < 0) throw new Error("no publishing statement");
  return i;
}

/** Runs statements one at a time and fails on the n-th, like a load cut off part-way. */
function failingExecutor(failAt: number): SqlExecutor & { ran: number } {
  const base = d1Executor(env.DB);
  const exec = {
    ran: 0,
    query: base.query,
    async run(statements: Iterable<string>) {
      for (const s of statements) {
        if (exec.ran === failAt) throw new Error(`injected failure at statement ${failAt}`);
        await env.DB.prepare(s).run();
        exec.ran++;
      }
    },
  };
  return exec;
}

async function index() {
  workerState.release.forget();
  return (await getJson<{ data: { release: { version: string } } }>("/v1")).body.data.release.version;
}

afterAll(async () => {
  await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
  workerState.release.forget();
});

describe("publishing a release (npm run db:seed)", () => {
  it("writes statements under D1's size limit, filled close to the loader's bound, in CJK as in ASCII", async () => {
    const dataset = structuredClone(env.TEST_DATASET);
    // Long texts of 3-byte characters and of surrogate pairs (4 bytes each) in every fact.
    for (const f of dataset.facts) f.text = { ...f.text, ja: `${f.text.ja ?? ""}${"漢".repeat(60)}${"😀".repeat(20)}` };
    const statements = [...releaseStatements(dataset, await buildRelease(dataset), "2026-01-01T00:00:00Z")];
    const sizes = statements.map((s) => new TextEncoder().encode(s).length);
    // Each under the loader's 60,000-byte bound (D1 allows 100 KB); the documents' statements nearly fill it.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(60_000);
    expect(Math.max(...sizes)).toBeGreaterThan(50_000);
  });

  it("refuses a record too large for one D1 statement, naming it, and keeps serving the release it had", async () => {
    const before = await currentVersion();
    const dataset = structuredClone(env.TEST_DATASET);
    const [fact] = dataset.facts;
    if (!fact) throw new Error("no fact");
    fact.text = { ...fact.text, en: `${fact.text.en} ${"A very long sentence that goes on. ".repeat(1500)}` };
    const refusal = new RegExp(
      `kind fact, id ${fact.id}.* over D1's 100000-byte limit on a statement; shorten its texts`,
    );
    await expect(publishDataset(d1Executor(env.DB), dataset)).rejects.toThrow(refusal);
    expect(await currentVersion()).toBe(before);
    // data:check says so beforehand, sending nothing; the curated data passes.
    expect(await unpublishable(dataset)).toMatch(refusal);
    expect(await unpublishable(env.TEST_DATASET)).toBeUndefined();
  });

  it("names the release by the content hash and changes nothing when loaded twice", async () => {
    const version = await currentVersion();
    expect(version).toBe((await buildRelease(env.TEST_DATASET)).version);
    const before = await snapshot();
    const again = await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
    expect(again.status).toBe("unchanged");
    expect(again.statements).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the old release whole when a load fails part-way, then publishes on the next attempt", async () => {
    const old = await currentVersion();
    const { dataset, changed, added, removed } = edited();
    const next = await buildRelease(dataset);
    expect(next.version).not.toBe(old);

    const failAt = Math.floor((await flipIndex(dataset)) * 0.7); // in the middle of the inserts
    const exec = failingExecutor(failAt);
    await expect(publishDataset(exec, dataset)).rejects.toThrow(`injected failure at statement ${failAt}`);
    expect(exec.ran).toBe(failAt);

    // The new release was partly written, but nobody reads it.
    const partial = await env.DB.prepare("SELECT status FROM releases WHERE version = ?").bind(next.version).first();
    expect(partial).toEqual({ status: "loading" });
    expect(await currentVersion()).toBe(old);
    expect(await index()).toBe(old);
    const fact = await getJson<{ data: { text: string } }>(`/v1/facts/${changed}`);
    expect(fact.res.status === 404 || !fact.body.data.text.endsWith("(edited)")).toBe(true);
    const oldCounts = await env.DB.prepare("SELECT count(*) AS n FROM facts WHERE release = ?").bind(old).first();
    expect(oldCounts).toEqual({ n: env.TEST_DATASET.facts.length });

    // A clean retry clears the leftovers and publishes.
    const result = await publishDataset(d1Executor(env.DB), dataset);
    expect(result).toMatchObject({ status: "published", previous: old });
    expect(await index()).toBe(next.version);
    const changes = await env.DB.prepare(
      "SELECT change, kind, record_id FROM release_changes WHERE release = ? ORDER BY change, record_id",
    )
      .bind(next.version)
      .all();
    expect(changes.results).toEqual([
      { change: "added", kind: "fact", record_id: added },
      { change: "changed", kind: "fact", record_id: changed },
      { change: "removed", kind: "fact", record_id: removed },
    ]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM facts WHERE release = ?").bind(next.version).first();
    expect(rows).toEqual({ n: dataset.facts.length });
  });

  it("fails part-way at any point without touching the serving release", async () => {
    const serving = await currentVersion();
    const before = await env.DB.prepare("SELECT count(*) AS n FROM entities WHERE release = ?").bind(serving).first();
    const dataset = structuredClone(env.TEST_DATASET);
    const first = dataset.entities[0];
    if (!first) throw new Error("no entities");
    first.description = { en: "A different description." };
    const flip = await flipIndex(dataset);
    for (const failAt of [0, 1, Math.floor(flip / 3), Math.floor(flip / 2), flip - 1, flip]) {
      await expect(publishDataset(failingExecutor(failAt), dataset)).rejects.toThrow("injected failure");
      expect(await currentVersion()).toBe(serving);
      expect(
        await env.DB.prepare("SELECT count(*) AS n FROM entities WHERE release = ?").bind(serving).first(),
      ).toEqual(before);
    }
    // Six attempts, each composing the whole release: seconds on a loaded machine.
  }, 60_000);

  it("interrupted at any of 24 statement boundaries or inside a batch, serves the same bytes and publishes next time", async () => {
    const a = env.TEST_DATASET;
    const b = edited().dataset;
    const versionOf = new Map([
      [a, (await buildRelease(a)).version],
      [b, (await buildRelease(b)).version],
    ]);
    // What a client reads, across kinds, representations and languages (the release lookup is forgotten before
    // each read, so it comes from D1 again).
    const fact = a.facts[0]?.id;
    const entity = a.entities[0]?.id;
    const urls = [
      "/v1",
      "/v1/facts",
      `/v1/facts/${fact}`,
      `/v1/facts/${fact}?format=markdown&lang=ja`,
      `/v1/entities/${entity}?lang=zh-Hant`,
      "/v1/search?q=Qwen",
      "/v1/releases",
      "/v1/changes",
      `/facts/${fact}`,
      "/llms.txt",
    ];
    const answers = async () => {
      workerState.release.forget();
      const out: string[] = [];
      for (const url of urls) {
        const res = await request(url);
        out.push(`${url} ${res.status}\n${await res.text()}`);
      }
      return out;
    };
    // Every row a release owns, sorted: two loads of a release are equal only if they wrote the same rows once.
    const rowsOf = async (version: string) => {
      const out: Record<string, string> = {};
      for (const table of [...releaseTables, "release_records", "release_changes"]) {
        const { results } = await env.DB.prepare(`SELECT * FROM ${table} WHERE release = ?`).bind(version).all();
        out[table] = results
          .map((r) => JSON.stringify(r))
          .sort()
          .join("\n");
      }
      return out;
    };

    await publishDataset(d1Executor(env.DB), a);
    const releasesIn = async () =>
      (await env.DB.prepare("SELECT DISTINCT release FROM documents").all<{ release: string }>()).results
        .map((r) => r.release)
        .sort();
    // A load an earlier test left unfinished (kept for an hour: it may be another publisher's, still running).
    const others = (await releasesIn()).filter((r) => ![...versionOf.values()].includes(r));
    let serving = a;
    const seen = new Map<Dataset, { answers: string[]; rows: Record<string, string> }>();
    seen.set(a, { answers: await answers(), rows: await rowsOf(versionOf.get(a) as string) });
    const flip = await flipIndex(b);
    // 24 boundaries from the first statement to the publishing one, both ends included.
    const boundaries = [...new Set(Array.from({ length: 24 }, (_, i) => Math.round((i * flip) / 23)))];
    expect(boundaries.length).toBe(24);
    const attempts: [number | "mid-batch", Dataset][] = boundaries.map((k, i) => [k, i % 2 === 0 ? b : a]);
    attempts.push(["mid-batch", b]);
    for (const [failAt, target] of attempts) {
      if (target === serving) {
        // The previous step published the other release: publish this one first so the target differs.
        await publishDataset(d1Executor(env.DB), serving === a ? b : a);
        serving = serving === a ? b : a;
      }
      const before = seen.get(serving);
      if (!before) throw new Error("no snapshot of the serving release");
      if (failAt === "mid-batch") {
        // A batch cut off inside: its statements ran in one transaction, and the last one is cut in half.
        const base = d1Executor(env.DB, 40);
        const cut: SqlExecutor = {
          query: base.query,
          async run(statements) {
            const all = [...statements].slice(0, 100);
            const last = all.at(-1) ?? "";
            await base.run(all.slice(0, 60));
            await env.DB.batch([...all.slice(60, -1), last.slice(0, last.length / 2)].map((x) => env.DB.prepare(x)));
          },
        };
        await expect(publishDataset(cut, target)).rejects.toThrow();
      } else {
        await expect(publishDataset(failingExecutor(failAt), target)).rejects.toThrow("injected failure");
      }
      expect({ failAt, answers: await answers() }).toEqual({ failAt, answers: before.answers });
      expect({ failAt, rows: await rowsOf(versionOf.get(serving) as string) }).toEqual({ failAt, rows: before.rows });
      // The next attempt clears what the failed one wrote, and publishes the same rows a clean load writes.
      const result = await publishDataset(d1Executor(env.DB), target);
      expect(result.status).toBe("published");
      serving = target;
      const rows = await rowsOf(versionOf.get(target) as string);
      const clean = seen.get(target);
      if (clean) expect({ failAt, rows }).toEqual({ failAt, rows: clean.rows });
      else seen.set(target, { answers: await answers(), rows });
      expect(await index()).toBe(versionOf.get(target));
    }
    // Each failed load's rows were collected: only the two kept releases have rows (and the earlier one).
    expect(await releasesIn()).toEqual([...versionOf.values(), ...others].sort());
    await publishDataset(d1Executor(env.DB), a);
  }, 180_000);

  it("does not lose a release another publisher is loading at the same time", async () => {
    const b = structuredClone(env.TEST_DATASET);
    b.facts = b.facts.slice(1);
    const c = structuredClone(env.TEST_DATASET);
    c.facts = c.facts.slice(2);
    const builtB = await buildRelease(b);
    const statementsB = [...releaseStatements(b, builtB, new Date().toISOString().replace(/\.\d{3}Z$/, "Z"))];
    const half = Math.floor((await flipIndex(b)) * 0.8);
    for (const sql of statementsB.slice(0, half)) await env.DB.prepare(sql).run();
    // Meanwhile another publisher publishes C whole (and collects garbage).
    await publishDataset(d1Executor(env.DB), c);
    // B goes on where it was and publishes.
    for (const sql of statementsB.slice(half)) await env.DB.prepare(sql).run();
    expect(await currentVersion()).toBe(builtB.version);
    const facts = await env.DB.prepare("SELECT count(*) AS n FROM facts WHERE release = ?")
      .bind(builtB.version)
      .first();
    expect(facts).toEqual({ n: b.facts.length });
    const names = await env.DB.prepare("SELECT count(*) AS n FROM entity_names WHERE release = ?")
      .bind(builtB.version)
      .first<{ n: number }>();
    expect(names?.n).toBeGreaterThan(b.entities.length);
    await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
    workerState.release.forget();
    // Three publications, each composing the whole release: seconds on a loaded machine.
  }, 60_000);

  it("rolls back by publishing an earlier dataset again, with the changes reversed", async () => {
    const original = (await buildRelease(env.TEST_DATASET)).version;
    const { dataset } = edited();
    await publishDataset(d1Executor(env.DB), dataset);
    // Told to keep two releases (the default keeps them all: pinned URLs serve them).
    const result = await publishDataset(d1Executor(env.DB), env.TEST_DATASET, new Date(), 2);
    expect(result.status).toBe("published");
    expect(await index()).toBe(original);
    const changes = await env.DB.prepare(
      "SELECT change, count(*) AS n FROM release_changes WHERE release = ? GROUP BY change ORDER BY change",
    )
      .bind(original)
      .all();
    expect(changes.results).toEqual([
      { change: "added", n: 1 },
      { change: "changed", n: 1 },
      { change: "removed", n: 1 },
    ]);
    // Only the current and the previous release keep their records.
    const kept = await env.DB.prepare(
      "SELECT DISTINCT f.release FROM facts f JOIN releases r ON r.version = f.release WHERE r.status = 'published' ORDER BY 1",
    ).all<{ release: string }>();
    expect(kept.results.length).toBeLessThanOrEqual(2);
    expect(kept.results.map((r) => r.release)).toContain(original);
  }, 60_000);
});
