import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildRelease } from "../src/dataset/release";
import { d1Executor, publishDataset } from "../src/dataset/publish";
import type { Dataset, Fact } from "../src/dataset/schema";
import { RECORD_KIND } from "../src/domain";
import { allAdded, BASE, currentVersion, getJson, request, tagOf, workerState } from "./helpers";
import { getDocumented } from "./spec";

const d = env.TEST_DATASET;
const countsOf = (x: Dataset) => ({
  ...Object.fromEntries(Object.entries(RECORD_KIND).map(([k]) => [k, (x[k as keyof Dataset] as unknown[]).length])),
  relations: x.entities.reduce((n, e) => n + e.relations.length, 0),
});

async function row(version: string) {
  const r = await env.DB.prepare("SELECT content_hash, created_at, published_at FROM releases WHERE version = ?")
    .bind(version)
    .first<{ content_hash: string; created_at: string; published_at: string }>();
  if (!r) throw new Error(`no release ${version}`);
  return r;
}

async function expectedRelease(version: string, previous: string | null, x: Dataset, changeCounts: object) {
  const r = await row(version);
  return {
    version,
    content_hash: r.content_hash,
    published_at: r.published_at,
    created_at: r.created_at,
    previous,
    counts: countsOf(x),
    change_counts: changeCounts,
    href: `${BASE}/v1/releases/${version}`,
  };
}

const total = allAdded(d).length;

describe("GET /v1/releases", () => {
  it("lists the release the setup published (this file's storage starts with exactly one)", async () => {
    const published = await env.DB.prepare("SELECT count(*) AS n FROM releases").first<{ n: number }>();
    expect(published?.n).toBe(1);
    const version = await currentVersion();
    expect(version).toBe((await buildRelease(d)).version);
    const { res, body } = await getDocumented("/v1/releases");
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: [await expectedRelease(version, null, d, { added: total, changed: 0, removed: 0 })],
      meta: { release: version, lang: "en", limit: 20, next_cursor: null },
      links: { self: `${BASE}/v1/releases`, next: null },
    });
    expect(res.headers.get("Link")).toBeNull();
  });

  it("is language-independent but accepts lang", async () => {
    const en = await getDocumented<{ data: unknown }>("/v1/releases");
    for (const lang of ["ja", "zh"]) {
      const { res, body } = await getDocumented<{ data: unknown; meta: { lang: string } }>(`/v1/releases?lang=${lang}`);
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(body.meta.lang).toBe(lang);
      expect(body.data).toEqual(en.body.data);
    }
  });

  it("rejects bad limits, cursors and parameters with a 400 naming the parameter", async () => {
    const cases: [string, string, string][] = [
      ["/v1/releases?limit=0", "limit", "/problems/invalid-parameter"],
      ["/v1/releases?limit=101", "limit", "/problems/invalid-parameter"],
      ["/v1/releases?limit=two", "limit", "/problems/invalid-parameter"],
      ["/v1/releases?cursor=%%%", "cursor", "/problems/invalid-cursor"],
      ["/v1/releases?lang=fr", "lang", "/problems/invalid-parameter"],
      ["/v1/releases?status=published", "status", "/problems/unknown-parameter"],
    ];
    for (const [path, parameter, type] of cases) {
      const { res, body } = await getDocumented<{ type: string; errors: { parameter: string }[] }>(path);
      expect(res.status, path).toBe(400);
      expect(body.type, path).toBe(type);
      expect(
        body.errors.map((e) => e.parameter),
        path,
      ).toEqual([parameter]);
    }
    // A cursor of another collection is refused, too.
    const facts = await getJson<{ meta: { next_cursor: string } }>("/v1/facts?limit=1");
    const { res } = await getDocumented(`/v1/releases?cursor=${facts.body.meta.next_cursor}`);
    expect(res.status).toBe(400);
  });
});

describe("GET /v1/releases/{version}", () => {
  it("answers the release with every record it added, by kind then id", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented(`/v1/releases/${version}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: {
        ...(await expectedRelease(version, null, d, { added: total, changed: 0, removed: 0 })),
        changes: allAdded(d),
        changes_truncated: false,
        changes_href: `${BASE}/v1/releases/${version}/changes`,
      },
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}/v1/releases/${version}` },
    });
  });

  it("answers an unknown version with a 404 that suggests close versions", async () => {
    const version = await currentVersion();
    const typo = `${version.slice(0, -1)}${version.endsWith("0") ? "1" : "0"}`;
    const { res, body } = await getDocumented<{ type: string; suggestions: string[] }>(`/v1/releases/${typo}`);
    expect(res.status).toBe(404);
    expect(body.type).toBe("/problems/not-found");
    expect(body.suggestions).toEqual([version]);
    const far = await getDocumented<{ suggestions: string[] }>("/v1/releases/zzzzzzzzzzzz");
    expect(far.res.status).toBe(404);
    expect(far.body.suggestions).toEqual([]);
  });

  it("rejects unknown parameters", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<{ type: string; allowed: string[] }>(`/v1/releases/${version}?limit=1`);
    expect(res.status).toBe(400);
    expect(body.type).toBe("/problems/unknown-parameter");
    expect(body.allowed).toEqual(["lang"]);
  });
});

describe("a second release", () => {
  it("is listed first, pages by seq, and records what it added, changed and removed", async () => {
    const first = await currentVersion();
    // The modified dataset: one fact removed, one added, one entity's description changed.
    const next: Dataset = structuredClone(d);
    const removed = next.facts.shift() as Fact;
    const added: Fact = { ...structuredClone(removed), id: "zz-test-only-fact", text: { en: "A test-only fact." } };
    next.facts.push(added);
    const vivo = next.entities.find((e) => e.id === "vivo");
    if (!vivo) throw new Error("no vivo");
    vivo.description = { ...vivo.description, en: `${vivo.description.en} (edited)` };

    const result = await publishDataset(d1Executor(env.DB), next);
    try {
      expect(result).toMatchObject({ status: "published", previous: first });
      const second = result.release.version;
      workerState.release.forget(); // the worker's app looks the release up again: it now serves the new one

      const { body } = await getDocumented<{ data: { version: string }[]; meta: { release: string } }>("/v1/releases");
      expect(body.meta.release).toBe(second);
      expect(body.data).toEqual([
        await expectedRelease(second, first, next, { added: 1, changed: 1, removed: 1 }),
        await expectedRelease(first, null, d, { added: total, changed: 0, removed: 0 }),
      ]);

      // Pages of one: newest first, no duplicates, no gaps.
      const p1 = await getDocumented<{ data: { version: string }[]; links: { next: string | null } }>(
        "/v1/releases?limit=1",
      );
      expect(p1.body.data.map((r) => r.version)).toEqual([second]);
      expect(p1.res.headers.get("Link")).toBe(`<${p1.body.links.next}>; rel="next"`);
      const p2 = await getDocumented<{ data: { version: string }[]; links: { next: string | null } }>(
        (p1.body.links.next as string).replace(BASE, ""),
      );
      expect(p2.body.data.map((r) => r.version)).toEqual([first]);
      expect(p2.body.links.next).toBeNull();

      const detail = await getDocumented<{ data: { changes: unknown[]; previous: string } }>(`/v1/releases/${second}`);
      expect(detail.body.data.previous).toBe(first);
      expect(detail.body.data.changes).toEqual(
        [
          { change: "changed", kind: "entity", id: "vivo" },
          { change: "removed", kind: "fact", id: removed.id },
          { change: "added", kind: "fact", id: added.id },
        ].sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : 1)),
      );

      // The first release is still described, with its own change log.
      const old = await getDocumented<{ data: { changes: unknown[] } }>(`/v1/releases/${first}`);
      expect(old.body.data.changes).toEqual(allAdded(d));

      // The facts collection now serves the new release.
      const fact = await request(`/v1/facts/${added.id}`);
      expect(fact.status).toBe(200);
      expect((await request(`/v1/facts/${removed.id}`)).status).toBe(404);
    } finally {
      // Each test file gets fresh storage (the first test checks it starts with one release), so nothing is
      // restored; the memoized release is forgotten so nothing after this test reuses it.
      workerState.release.forget();
    }
  });
});
