/** The change feed (JSON and Atom) after two releases, and the export's completeness. */
import { env } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildRelease } from "../src/dataset/release";
import { d1Executor, publishDataset } from "../src/dataset/publish";
import { DATASET_KINDS, type Dataset } from "../src/dataset/schema";
import { BASE, currentVersion, request, workerState } from "./helpers";
import { getDocumented } from "./spec";

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

describe("GET /v1/export and /v1/export.ndjson", () => {
  it("exports every record of the release exactly once, as curated", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<{
      release: { version: string; content_hash: string };
      data: Dataset;
      meta: { release: string };
    }>("/v1/export");
    expect(res.status).toBe(200);
    const built = await buildRelease(env.TEST_DATASET);
    const published = await env.DB.prepare("SELECT published_at FROM releases WHERE version = ?")
      .bind(version)
      .first<{ published_at: string }>();
    // Everything but the records, whole: the release, and meta.release as on every JSON body.
    expect({ ...body, data: Object.keys(body.data).sort() }).toEqual({
      release: {
        version,
        content_hash: built.contentHash,
        published_at: published?.published_at,
        counts: built.counts,
      },
      data: [...DATASET_KINDS].sort(),
      meta: { release: version },
    });
    for (const kind of DATASET_KINDS) {
      expect(byId(body.data[kind] as { id: string }[]), kind).toEqual(byId(env.TEST_DATASET[kind] as { id: string }[]));
    }
    // The export is the dataset itself: it hashes to the release's own version.
    expect((await buildRelease(body.data)).version).toBe(version);
  });

  it("streams one record a line with its kind, after a release line with the content hash", async () => {
    const res = await request("/v1/export.ndjson");
    expect(res.headers.get("Content-Type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await res.text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const [head, ...records] = lines;
    const built = await buildRelease(env.TEST_DATASET);
    expect(head).toMatchObject({ kind: "release", version: built.version, content_hash: built.contentHash });
    const keys = records.map((r) => `${r.kind}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(built.records.map((r) => `${r.kind}/${r.id}`).sort());
    expect(records.every((r) => r.release === built.version && r.record.id === r.id)).toBe(true);
  });

  it("caches the export per release with a strong ETag", async () => {
    const first = await request("/v1/export");
    const etag = first.headers.get("ETag") as string;
    expect(etag).toContain(await currentVersion());
    const again = await request("/v1/export", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });
});

describe("GET /v1/changes and /v1/changes.atom", () => {
  it("has one entry per release with what it added, changed and removed", async () => {
    const first = await currentVersion();
    const dataset = structuredClone(env.TEST_DATASET);
    const changed = dataset.facts[0];
    const removed = dataset.facts.at(-1);
    if (!changed || !removed) throw new Error("no facts");
    changed.text = { ...changed.text, en: `${changed.text.en} (revised)` };
    dataset.facts = [...dataset.facts.slice(0, -1), { ...structuredClone(removed), id: "fact-added-by-release-two" }];
    const second = (await publishDataset(d1Executor(env.DB), dataset)).release.version;
    workerState.release.forget();

    const { res, body } = await getDocumented<{ data: Record<string, unknown>[] }>("/v1/changes");
    expect(res.status).toBe(200);
    expect(body.data.map((e) => e.version)).toEqual([second, first]);
    expect(body.data[0]).toMatchObject({
      version: second,
      previous: first,
      added: [{ kind: "fact", id: "fact-added-by-release-two", href: `${BASE}/v1/facts/fact-added-by-release-two` }],
      changed: [{ kind: "fact", id: changed.id, href: `${BASE}/v1/facts/${changed.id}` }],
      removed: [{ kind: "fact", id: removed.id, href: null }],
      change_counts: { added: 1, changed: 1, removed: 1 },
      changes_truncated: false,
      changes_href: `${BASE}/v1/releases/${second}/changes`,
      href: `${BASE}/v1/releases/${second}`,
    });
    expect((body.data[1]?.added as unknown[] | undefined)?.length).toBe(
      (await buildRelease(env.TEST_DATASET)).records.length,
    );

    const atom = await request("/v1/changes.atom");
    expect(atom.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await atom.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe(`${BASE}/v1/changes.atom`);
    expect(feed.entry).toHaveLength(2);
    expect(feed.entry[0].id).toBe(`${BASE}/v1/releases/${second}`);
    expect(feed.entry[0].title).toBe(`Release ${second}: 1 added, 1 changed, 1 removed`);
    expect(feed.entry[0].content["#text"]).toContain(`Removed: fact ${removed.id}.`);
    expect(feed.updated).toBe(feed.entry[0].updated);

    await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
    workerState.release.forget();
  });
});
