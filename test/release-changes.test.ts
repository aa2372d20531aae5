/**
 * A release's change list in bounds: every change paged at /v1/releases/{version}/changes, and the first ones
 * inline in /v1/releases/{version}, /v1/changes and its Atom feed, with exact counts (stored at publish).
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { synthesize } from "../scripts/synthetic";
import { FEED_CHANGES_SHOWN, RECORD_KIND, RELEASE_CHANGES_SHOWN } from "../src/domain";
import { allAdded, BASE, currentVersion, getJson, metered, request, withDataset } from "./helpers";
import { getDocumented } from "./spec";

const d = env.TEST_DATASET;
const pathOf = (kind: string) => Object.entries(RECORD_KIND).find(([, k]) => k === kind)?.[0];

/** Every page of a collection from `path`, following `links.next`. */
async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = path;
  while (next) {
    const got: { res: Response; body: { data: T[]; links: { next: string | null } } } = await getDocumented(
      next.replace(BASE, ""),
    );
    expect(got.res.status, next).toBe(200);
    items.push(...got.body.data);
    next = got.body.links.next;
  }
  return items;
}

describe("GET /v1/releases/{version}/changes", () => {
  it("pages through every change of a release, by kind then id, with each record's URLs", async () => {
    const version = await currentVersion();
    const expected = allAdded(d).map((x) => ({
      ...x,
      href: `${BASE}/v1/${pathOf(x.kind)}/${x.id}`,
      before: null,
      after: `${BASE}/v1/releases/${version}/${pathOf(x.kind)}/${x.id}`,
    }));
    const first = await getDocumented(`/v1/releases/${version}/changes`);
    expect(first.body).toEqual({
      data: expected.slice(0, 20),
      meta: { release: version, lang: "en", limit: 20, next_cursor: expect.any(String) },
      links: { self: `${BASE}/v1/releases/${version}/changes`, next: expect.stringContaining("cursor=") },
    });
    expect(await allPages(`/v1/releases/${version}/changes?limit=7`)).toEqual(expected);
    // Filtered by kind, and by change (this release only added).
    expect(await allPages(`/v1/releases/${version}/changes?kind=fact&limit=30`)).toEqual(
      expected.filter((x) => x.kind === "fact"),
    );
    expect(await allPages(`/v1/releases/${version}/changes?change=added&kind=entity&limit=9`)).toEqual(
      expected.filter((x) => x.kind === "entity"),
    );
    expect(
      (await getDocumented<{ data: unknown[] }>(`/v1/releases/${version}/changes?change=removed`)).body.data,
    ).toEqual([]);
  });

  it("answers an unknown version with a 404 and bad parameters with a 400 naming them", async () => {
    const version = await currentVersion();
    const typo = `${version.slice(0, -1)}${version.endsWith("0") ? "1" : "0"}`;
    const missing = await getDocumented<{ type: string; suggestions: string[] }>(`/v1/releases/${typo}/changes`);
    expect(missing.res.status).toBe(404);
    expect(missing.body).toMatchObject({ type: "/problems/not-found", suggestions: [version] });
    const releases = await getJson<{ meta: { next_cursor: string | null } }>("/v1/facts?limit=1");
    const cases: [string, string, string][] = [
      ["change=renamed", "change", "/problems/invalid-parameter"],
      ["kind=facts", "kind", "/problems/invalid-parameter"],
      ["limit=101", "limit", "/problems/invalid-parameter"],
      [`cursor=${releases.body.meta.next_cursor}`, "cursor", "/problems/invalid-cursor"],
      ["since=x", "since", "/problems/unknown-parameter"],
    ];
    for (const [query, parameter, type] of cases) {
      const { res, body } = await getDocumented<{ type: string; errors: { parameter: string }[] }>(
        `/v1/releases/${version}/changes?${query}`,
      );
      expect(res.status, query).toBe(400);
      expect(body.type, query).toBe(type);
      expect(
        body.errors.map((e) => e.parameter),
        query,
      ).toEqual([parameter]);
    }
  });
});

describe("a release that changes more records than its answers list", () => {
  it("lists the first ones, says it leaves some out, counts them all and pages through every one", async () => {
    const first = await currentVersion();
    // Five copies of every record: copy 0 keeps the real ids (unchanged), the others are new.
    await withDataset(
      (x) => Object.assign(x, synthesize(structuredClone(d), 5)),
      async (big) => {
        const version = await currentVersion();
        const added = allAdded(big).filter((x) => !allAdded(d).some((y) => y.kind === x.kind && y.id === x.id));
        expect(added.length).toBeGreaterThan(RELEASE_CHANGES_SHOWN);
        const counts = { added: added.length, changed: 0, removed: 0 };
        const summary = { version, previous: first, change_counts: counts, href: `${BASE}/v1/releases/${version}` };
        const detail = await getDocumented<{ data: Record<string, unknown> }>(`/v1/releases/${version}`);
        expect(detail.body.data).toMatchObject({
          ...summary,
          changes_truncated: true,
          changes_href: `${BASE}/v1/releases/${version}/changes`,
        });
        expect(detail.body.data.changes).toEqual(added.slice(0, RELEASE_CHANGES_SHOWN));
        const list = await getDocumented<{ data: Record<string, unknown>[] }>("/v1/releases?limit=1");
        expect(list.body.data[0]).toMatchObject(summary);

        const feed = await getDocumented<{ data: Record<string, unknown>[] }>("/v1/changes?limit=1");
        const entry = feed.body.data[0] as { added: { id: string }[] } & Record<string, unknown>;
        expect(entry.added.map((x) => x.id)).toEqual(added.slice(0, FEED_CHANGES_SHOWN).map((x) => x.id));
        expect(entry).toMatchObject({
          version,
          change_counts: counts,
          changes_truncated: true,
          changes_href: `${BASE}/v1/releases/${version}/changes`,
        });
        const atom = await (await request("/v1/changes.atom")).text();
        expect(atom).toContain(`<title>Release ${version}: ${added.length} added, 0 changed, 0 removed</title>`);
        expect(atom).toContain(`, and ${added.length - FEED_CHANGES_SHOWN} more.`);

        const paged = await allPages<{ change: string; kind: string; id: string }>(
          `/v1/releases/${version}/changes?limit=100`,
        );
        expect(paged.map(({ change, kind, id }) => ({ change, kind, id }))).toEqual(added);
      },
    );
  });
});

describe("migration 0010", () => {
  it("counts the changes of earlier releases as a publication does", async () => {
    const backfill = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0010"))?.queries.find((q) =>
      q.includes("UPDATE `releases` SET `change_counts`"),
    );
    expect(backfill).toBeDefined();
    const read = async () =>
      (await env.DB.prepare("SELECT version, change_counts FROM releases ORDER BY seq").all()).results;
    const written = await read();
    expect(written.length).toBeGreaterThan(1);
    await env.DB.prepare("UPDATE releases SET change_counts = NULL").run();
    await env.DB.prepare(backfill as string).run();
    expect(await read()).toEqual(written);
  });
});

describe("reads in bounds, whatever a release changed", () => {
  const SYNTHETIC = 70_000;
  let version = "";
  const { fetch } = createApp();
  const measured = (path: string) =>
    metered<{ data: Record<string, unknown> | Record<string, unknown>[] }>(fetch, path);

  beforeAll(async () => {
    version = await currentVersion();
    // 70,000 more facts added by the serving release (about what a first release adds at 1,000× the data).
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?2 - 1)
       INSERT INTO release_changes (release, change, kind, record_id)
       SELECT ?1, 'added', 'fact', printf('synthetic-fact-%05d', i) FROM n`,
    )
      .bind(version, SYNTHETIC)
      .run();
  });

  afterAll(async () => {
    await env.DB.prepare("DELETE FROM release_changes WHERE release = ?1 AND record_id LIKE 'synthetic-fact-%'")
      .bind(version)
      .run();
  });

  it("lists a release, the releases, the feed and a page of changes reading a bounded number of rows", async () => {
    const detail = await measured(`/v1/releases/${version}`);
    expect(detail.res.status).toBe(200);
    expect(detail.body.data).toMatchObject({ changes_truncated: true });
    expect((detail.body.data as { changes: unknown[] }).changes).toHaveLength(RELEASE_CHANGES_SHOWN);
    expect(detail.rowsRead).toBeLessThanOrEqual(RELEASE_CHANGES_SHOWN + 3);

    const releases = await measured("/v1/releases");
    expect(releases.res.status).toBe(200);
    expect(releases.rowsRead).toBeLessThanOrEqual((releases.body.data as unknown[]).length + 2);

    const feed = await measured("/v1/changes?limit=1");
    expect(feed.res.status).toBe(200);
    expect((feed.body.data as { added: unknown[] }[])[0]?.added).toHaveLength(FEED_CHANGES_SHOWN);
    expect(feed.rowsRead).toBeLessThanOrEqual(3 * FEED_CHANGES_SHOWN + 10);

    const page = await measured(`/v1/releases/${version}/changes?change=added&kind=fact&limit=20`);
    expect(page.res.status).toBe(200);
    expect(page.body.data).toHaveLength(20);
    expect(page.rowsRead).toBeLessThanOrEqual(20 + 3);
    const next = await measured(
      `/v1/releases/${version}/changes?kind=fact&limit=20&cursor=${(page.body as unknown as { meta: { next_cursor: string } }).meta.next_cursor}`,
    );
    expect(next.body.data).toHaveLength(20);
    expect(next.rowsRead).toBeLessThanOrEqual(20 + 3);
    // Unfiltered, from a cursor in the middle of the facts: the range starts at the cursor.
    const cursor = (next.body as unknown as { meta: { next_cursor: string } }).meta.next_cursor;
    const any = await measured(`/v1/releases/${version}/changes?limit=20&cursor=${cursor}`);
    expect((any.body.data as { id: string }[]).map((x) => x.id)[0]).toBe("synthetic-fact-00040");
    expect(any.rowsRead).toBeLessThanOrEqual(20 + 3);
  });
});
