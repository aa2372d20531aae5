/**
 * What D1 bills is rows read. Issue 9's target: every list and detail reads at most 2 rows more than it returns.
 *
 * First how workerd's SQLite counts them (the premises src/queries/documents.ts is built on), on a scratch
 * table; then the operations that were over the target, filtered lists (one facet, several, a cursor, a date
 * range) and `include=`, through an app that reports D1's counts (X-D1-Rows-Read, as the benchmark's metrics
 * workers do); then both reads on facet lists longer than a page, and the migration that made the lists of the
 * releases published before them.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { FACET_CHUNK, facetListRows } from "../src/compose";
import { timedD1 } from "../src/middleware/timing";
import { documentsByIds, listDocuments } from "../src/queries/documents";
import { BASE, currentVersion, withDataset } from "./helpers";

const db = env.DB;

/** Rows read and returned by one statement. */
async function measure(sql: string, ...args: unknown[]) {
  const r = await db
    .prepare(sql)
    .bind(...args)
    .all();
  return [r.meta.rows_read, r.results.length];
}

describe("how D1 counts rows read", () => {
  beforeAll(async () => {
    await db.batch([
      db.prepare("DROP TABLE IF EXISTS scratch"),
      db.prepare("CREATE TABLE scratch (k TEXT NOT NULL, id TEXT NOT NULL, body TEXT, PRIMARY KEY (k, id))"),
      db.prepare("DROP TABLE IF EXISTS scratch_facets"),
      db.prepare("CREATE TABLE scratch_facets (v TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (v, id))"),
    ]);
    await db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
         INSERT INTO scratch SELECT 'a', printf('id%04d', i), 'x' FROM n`,
      )
      .run();
    await db.prepare("INSERT INTO scratch_facets SELECT iif(substr(id, 6) % 2, 'odd', 'even'), id FROM scratch").run();
  });
  afterAll(async () => {
    await db.batch([db.prepare("DROP TABLE scratch"), db.prepare("DROP TABLE scratch_facets")]);
  });
  const five = ["id0001", "id0002", "id0003", "id0004", "id0005"];

  it("a keyed read or a range reads the rows it returns; a miss reads none", async () => {
    expect(await measure("SELECT * FROM scratch WHERE k = 'a' AND id = 'id0005'")).toEqual([1, 1]);
    expect(await measure("SELECT * FROM scratch WHERE k = 'a' AND id = 'nothing'")).toEqual([0, 0]);
    expect(await measure("SELECT * FROM scratch WHERE k = 'a' AND id > 'id0500' ORDER BY id LIMIT 21")).toEqual([
      21, 21,
    ]);
  });

  it("a join reads each row in each table", async () => {
    expect(
      await measure(
        "SELECT s.* FROM scratch_facets f JOIN scratch s ON s.k = 'a' AND s.id = f.id WHERE f.v = 'even' ORDER BY f.id LIMIT 20",
      ),
    ).toEqual([40, 20]);
  });

  it("an IN list reads each value once more, a json_each list twice more; a VALUES list only the rows found", async () => {
    const slots = five.map(() => "?").join(", ");
    expect(await measure(`SELECT * FROM scratch WHERE k = 'a' AND id IN (${slots})`, ...five)).toEqual([10, 5]);
    expect(
      await measure(
        "SELECT * FROM scratch WHERE k = 'a' AND id IN (SELECT value FROM json_each(?))",
        JSON.stringify(five),
      ),
    ).toEqual([15, 5]);
    expect(
      await measure(
        `WITH q(id) AS (VALUES ${five.map(() => "(?)").join(", ")}, ('missing'))
         SELECT s.* FROM q CROSS JOIN scratch s ON s.k = 'a' AND s.id = q.id`,
        ...five,
      ),
    ).toEqual([5, 5]);
  });
});

interface Measured {
  status: number;
  body: { data: { id: string }[]; included?: Record<string, unknown[]>; meta: { next_cursor: string | null } };
  queries: number;
  read: number;
  returned: number;
}

describe("lists read at most 2 rows more than they return", () => {
  const { fetch } = createApp();
  const send = async (path: string) => {
    const ctx = createExecutionContext();
    const res = await fetch(new Request(`${BASE}${path}`), { ...env, D1_METRICS: "1" } as never, ctx);
    await res.arrayBuffer();
    await waitOnExecutionContext(ctx);
  };
  /** Each path is asked once in this file (a miss: the caches keep answers), right after a request that looks up the serving release (memoized for 5 s), as the benchmark does. */
  const measured = async (path: string): Promise<Measured> => {
    await send("/healthz");
    const ctx = createExecutionContext();
    const res = await fetch(new Request(`${BASE}${path}`), { ...env, D1_METRICS: "1" } as never, ctx);
    const body = (await res.json()) as Measured["body"];
    await waitOnExecutionContext(ctx);
    const n = (h: string) => Number(res.headers.get(h));
    return {
      status: res.status,
      body,
      queries: n("X-D1-Queries"),
      read: n("X-D1-Rows-Read"),
      returned: n("X-D1-Rows-Returned"),
    };
  };
  /**
   * A page and the next ones, each within the target: 2 queries, at most 2 rows read more than returned; and
   * read: the page's records, the one after them (is there a next page?), and per facet list at most two rows
   * (two chunks, or one and the step past the list's end that finds another list's).
   */
  const pages = async (path: string, facets = 1) => {
    const ids: string[] = [];
    let next: string | null = path;
    const seen: Measured[] = [];
    while (next) {
      const m = await measured(next);
      seen.push(m);
      expect(m.status, next).toBe(200);
      expect(m.queries, next).toBe(2);
      expect(m.read, next).toBeLessThanOrEqual(m.returned + 2);
      expect(m.read, next).toBeLessThanOrEqual(m.body.data.length + 1 + 2 * facets);
      ids.push(...m.body.data.map((d) => d.id));
      const cursor = m.body.meta.next_cursor;
      next = cursor ? `${path}${path.includes("?") ? "&" : "?"}cursor=${cursor}` : null;
    }
    return { ids, seen };
  };
  const d = env.TEST_DATASET;
  const sorted = (ids: string[]) => [...ids].sort();

  it("one facet, page by page", async () => {
    const apple = sorted(d.facts.filter((f) => f.entities.includes("apple")).map((f) => f.id));
    expect(apple.length).toBeGreaterThan(6);
    const whole = await pages("/v1/facts?entity=apple");
    expect(whole.ids).toEqual(apple);
    // The benchmark's request: one chunk, then the 20 facts and the 21st (was 42 read, 21 returned).
    const [first] = whole.seen as [Measured];
    expect([first.queries, first.read, first.returned]).toEqual([2, 22, 22]);
    expect((await pages("/v1/facts?entity=apple&limit=5")).ids).toEqual(apple);
  });

  it("several facets", async () => {
    const { topic, status } = d.facts.find((f) => f.entities.includes("apple")) as (typeof d.facts)[number];
    const match = d.facts.filter((f) => f.entities.includes("apple") && f.topic === topic && f.status === status);
    expect((await pages(`/v1/facts?entity=apple&topic=${topic}&status=${status}&limit=2`, 3)).ids).toEqual(
      sorted(match.map((f) => f.id)),
    );
    const source = d.figures[0]?.sources[0] as string;
    const figures = d.figures.filter((f) => f.sources.includes(source) && f.subject === d.figures[0]?.subject);
    expect((await pages(`/v1/figures?source=${source}&entity=${d.figures[0]?.subject}`, 2)).ids).toEqual(
      sorted(figures.map((f) => f.id)),
    );
  });

  it("a date range, alone and with a facet, in date order", async () => {
    const inRange = d.events.filter((e) => e.date.slice(0, 4) >= "2024" && e.date.slice(0, 4) <= "2025");
    expect(inRange.length).toBeGreaterThan(2);
    const byDate = (list: typeof d.events) =>
      [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1)).map((e) => e.id);
    expect((await pages("/v1/events?from=2024&to=2025&limit=2")).ids).toEqual(byDate(inRange));
    const apple = inRange.filter((e) => e.participants.includes("apple"));
    expect(apple.length).toBeGreaterThan(0);
    expect((await pages("/v1/events?from=2024&to=2025&entity=apple", 1)).ids).toEqual(byDate(apple));
  });

  it("include= reads only the records it embeds", async () => {
    for (const path of ["/v1/facts?include=sources", "/v1/facts?include=sources,entities&limit=100"]) {
      const m = await measured(path);
      const included = Object.values(m.body.included ?? {}).flat().length;
      expect(included).toBeGreaterThan(0);
      expect(m.queries, path).toBe(2);
      // The page's range (and the row after it, or the step past the kind's end), then one row per record embedded.
      expect(m.returned, path).toBeGreaterThanOrEqual(m.body.data.length + included);
      expect(m.read, path).toBeLessThanOrEqual(m.body.data.length + 1 + included);
      expect(m.read, path).toBeLessThanOrEqual(m.returned + 1);
    }
  });
});

describe("facet lists longer than a page, and id lists past D1's 100 parameters", () => {
  const COUNT = 3 * FACET_CHUNK - 5;
  const ids = Array.from({ length: COUNT }, (_, i) => `synthetic-fact-${String(i).padStart(4, "0")}`);
  const thirds = ids.filter((_, i) => i % 3 === 0);
  let version = "";
  beforeAll(async () => {
    version = await currentVersion();
    await db
      .prepare(
        `INSERT INTO documents (release, kind, id, lang, sort, body)
         SELECT ?1, 'fact', value, 'en', value, json_object('id', value) FROM json_each(?2)`,
      )
      .bind(version, JSON.stringify(ids))
      .run();
    const rows = [
      ...facetListRows(
        "fact",
        "topic",
        "synthetic",
        ids.map((id) => [id, id]),
      ),
      // Every third one: a sparse intersection with the topic.
      ...facetListRows(
        "fact",
        "status",
        "synthetic",
        thirds.map((id) => [id, id]),
      ),
    ];
    expect(rows).toHaveLength(4);
    await db.batch(
      rows.map((r) =>
        db
          .prepare(
            "INSERT INTO facet_lists (release, kind, facet, value, last_sort, last_id, entries) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
          )
          .bind(version, r.kind, r.facet, r.value, r.lastSort, r.lastId, r.entries),
      ),
    );
  });
  afterAll(async () => {
    await db.batch([
      db.prepare("DELETE FROM documents WHERE release = ?1 AND id LIKE 'synthetic-fact-%'").bind(version),
      db.prepare("DELETE FROM facet_lists WHERE release = ?1 AND value = 'synthetic'").bind(version),
    ]);
  });
  const timed = () => {
    const timing = { d1: 0, rowsRead: 0, rowsReturned: 0, queries: 0 };
    return { timing, db: timedD1(db, timing) };
  };

  it("a page of 100 after a cursor near a chunk's end reads two chunks and its 101 documents", async () => {
    const { timing, db: counted } = timed();
    const cursor = ids[FACET_CHUNK - 3] as string;
    const rows = await listDocuments(counted, version, "fact", "en", {
      facets: [["topic", "synthetic"]],
      cursor: [cursor],
      limit: 100,
    });
    expect(rows.map((r) => r.id)).toEqual(ids.slice(FACET_CHUNK - 2, FACET_CHUNK - 2 + 101));
    expect(timing).toMatchObject({ queries: 2, rowsRead: 103, rowsReturned: 103 });
  });

  it("the last page reads what is left", async () => {
    const { timing, db: counted } = timed();
    const rows = await listDocuments(counted, version, "fact", "en", {
      facets: [["topic", "synthetic"]],
      cursor: [ids[COUNT - 4] as string],
      limit: 100,
    });
    expect(rows.map((r) => r.id)).toEqual(ids.slice(COUNT - 3));
    // One chunk, the step past the list's end onto the next list's first chunk, and 3 documents.
    expect(timing).toMatchObject({ queries: 2, rowsRead: 5, rowsReturned: 4 });
  });

  it("a sparse intersection goes on from the nearest end of the chunks read: one query more", async () => {
    const { timing, db: counted } = timed();
    const rows = await listDocuments(counted, version, "fact", "en", {
      facets: [
        ["topic", "synthetic"],
        ["status", "synthetic"],
      ],
      cursor: null,
      limit: 100,
    });
    expect(rows.map((r) => r.id)).toEqual(thirds.slice(0, 101));
    // Two rounds of one chunk per list, then the 101 documents.
    expect(timing).toMatchObject({ queries: 3, rowsReturned: 105 });
    expect(timing.rowsRead).toBeLessThanOrEqual(timing.rowsReturned + 2);
  });

  it("include's ids past the parameter limit, some missing, read one row per document found", async () => {
    const { timing, db: counted } = timed();
    const wanted = [...ids.slice(0, 150), "no-such-fact"].reverse();
    const rows = await documentsByIds(counted, version, "en", { fact: wanted });
    expect(rows.map((r) => r.id)).toEqual(ids.slice(0, 150));
    expect(timing).toMatchObject({ queries: 1, rowsRead: 150, rowsReturned: 150 });
  });

  it("thousands of ids (a claim matching every copy of a figure) are read 500 at a time, under D1's statement size", async () => {
    const { timing, db: counted } = timed();
    // 2,400 long ids, most missing: as one statement their literals alone would be over D1's 100 KB.
    const missing = Array.from({ length: 2_400 - ids.length }, (_, i) => `no-such-fact-${"x".repeat(40)}-${i}`);
    const wanted = [...missing, ...ids].reverse();
    expect(wanted.join("").length).toBeGreaterThan(100_000);
    const rows = await documentsByIds(counted, version, "en", { fact: wanted });
    expect(rows.map((r) => r.id)).toEqual([...ids].sort());
    expect(timing).toMatchObject({ queries: 5, rowsRead: ids.length, rowsReturned: ids.length });
  });
});

interface ListRow {
  kind: string;
  facet: string;
  value: string;
  last_sort: string;
  last_id: string;
  entries: string;
}
/** The facet lists of `version` that `where` selects (a condition on facet_lists' columns). */
async function listsOf(version: string, where = "1") {
  const { results } = await db
    .prepare(`SELECT kind, facet, value, last_sort, last_id, entries FROM facet_lists WHERE release = ?1 AND ${where}`)
    .bind(version)
    .all<ListRow>();
  return results;
}
/** Lists as comparable values: each row with its entries parsed, in one order. */
const comparable = (rows: ListRow[]) =>
  rows.map((r) => JSON.stringify([r.kind, r.facet, r.value, r.last_sort, r.last_id, JSON.parse(r.entries)])).sort();
/** The statements that put `rows` back as the lists of `version` that `where` selects. */
const restoreLists = (version: string, where: string, rows: ListRow[]) => [
  db.prepare(`DELETE FROM facet_lists WHERE release = ?1 AND ${where}`).bind(version),
  ...rows.map((r) =>
    db
      .prepare(
        "INSERT INTO facet_lists (release, kind, facet, value, last_sort, last_id, entries) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      )
      .bind(version, r.kind, r.facet, r.value, r.last_sort, r.last_id, r.entries),
  ),
];

describe("migrations 0007 and 0008", () => {
  it("cuts the facet rows of earlier releases into the lists a publication writes", async () => {
    const version = await currentVersion();
    const written = await listsOf(version);
    expect(written.length).toBeGreaterThan(50);
    const backfill = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0007"))?.queries.find((q) =>
      q.includes("INSERT INTO `facet_lists`"),
    );
    expect(backfill).toBeDefined();
    // The chunk size is written in the migrations' SQL (0007, 0009): it must be the one publishing cuts with.
    const cuts = env.TEST_MIGRATIONS.flatMap((m) => m.queries).filter((q) =>
      /INSERT (OR IGNORE )?INTO `facet_lists`/.test(q),
    );
    expect(cuts.length).toBeGreaterThanOrEqual(2);
    for (const q of cuts) expect(q).toMatch(new RegExp(`\`n\` / ${FACET_CHUNK}(?!\\d)`));
    // Migration 0008 dropped `facets`: made again here as 0003 made it, for the backfill to read.
    const create = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0003"))?.queries.find((q) =>
      q.includes("CREATE TABLE `facets`"),
    );
    expect(create).toBeDefined();
    await db.prepare(create as string).run();
    // The facet rows the release would have had before: every list's entries but the `*` lists (from documents).
    const facetRows = written
      .filter((r) => r.facet !== "*")
      .flatMap((r) =>
        (JSON.parse(r.entries) as (string | [string, string])[]).map((e) =>
          typeof e === "string" ? [r.kind, r.facet, r.value, e, e] : [r.kind, r.facet, r.value, ...e],
        ),
      );
    await db.batch([
      db.prepare("DELETE FROM facet_lists WHERE release = ?1").bind(version),
      ...facetRows.map((r) =>
        db
          .prepare("INSERT INTO facets (release, kind, facet, value, sort, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
          .bind(version, ...r),
      ),
    ]);
    try {
      await db.prepare(backfill as string).run();
      expect(comparable(await listsOf(version))).toEqual(comparable(written));
    } finally {
      await db.batch([db.prepare("DROP TABLE facets"), ...restoreLists(version, "1", written)]);
    }
  });
});

describe("migration 0009", () => {
  it("lists the records of earlier releases by story, and the entities of none, as a publication does", () =>
    withDataset(
      (d) => {
        // An entity no story lists (the real data has none).
        const e = d.entities.find((x) => x.id === "tencent");
        if (e) e.stories = [];
      },
      async () => {
        const version = await currentVersion();
        const added = "((kind IN ('figure', 'budget', 'event', 'fact') AND facet = 'story') OR facet = 'no-story')";
        const written = await listsOf(version, added);
        // Every kind it adds lists is there, the entity of no story among them.
        expect(new Set(written.map((r) => `${r.kind}/${r.facet}`))).toEqual(
          new Set(["figure/story", "budget/story", "event/story", "fact/story", "entity/no-story"]),
        );
        const backfill = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0009"))?.queries.find((q) =>
          q.includes("INSERT OR IGNORE INTO `facet_lists`"),
        );
        expect(backfill).toBeDefined();
        expect(backfill).toMatch(new RegExp(`\`n\` / ${FACET_CHUNK}(?!\\d)`));
        await db.prepare(`DELETE FROM facet_lists WHERE release = ?1 AND ${added}`).bind(version).run();
        try {
          await db.prepare(backfill as string).run();
          expect(comparable(await listsOf(version, added))).toEqual(comparable(written));
        } finally {
          await db.batch(restoreLists(version, added, written));
        }
      },
    ));
});
