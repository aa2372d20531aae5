/**
 * Pinned URLs (`/v1/releases/{version}/…`): a release's answers, forever. The setup's release (A) is recorded
 * while it serves; then a modified dataset (B) is published, and A's pinned URLs must answer exactly what A
 * answered: the same bytes, but for the envelope's own links (self, next), which stay in the release.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { d1Executor, publishDataset } from "../src/dataset/publish";
import { buildRelease } from "../src/dataset/release";
import type { Dataset } from "../src/dataset/schema";
import { BASE, currentVersion, getJson, request, workerState } from "./helpers";

const FACT = "apple-selected-alibaba-china-ai-partner";

/** One answer of each release-bound operation (collections, records, representations, filters, include). */
const PATHS = [
  "/v1/facts",
  "/v1/facts?lang=ja&limit=5",
  `/v1/facts/${FACT}`,
  `/v1/facts/${FACT}?format=markdown`,
  `/v1/facts/${FACT}?format=jsonld&lang=zh-Hant`,
  "/v1/entities?type=model",
  "/v1/entities/alibaba-cloud",
  "/v1/entities/alibaba-group/relations",
  "/v1/figures?entity=qwen-2-2b-pruned&include=sources",
  "/v1/budgets",
  "/v1/budget-checks?model=qwen-2-2b-pruned&budget=apple-core-ml-on-device-model-budget",
  "/v1/partnerships?party=apple",
  "/v1/partnerships/apple-alibaba-apple-intelligence-china",
  "/v1/events?from=2024&to=2025",
  "/v1/stories",
  "/v1/sources?limit=3",
  "/v1/search?q=Qwen",
  "/v1/export",
];

const IMMUTABLE = "public, max-age=31536000, immutable";

/** The pinned form of a living path or URL in `version`. */
const pin = (version: string, path: string) => path.replace("/v1/", `/v1/releases/${version}/`);

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

async function answer(path: string): Promise<Answer> {
  const res = await request(path);
  return { status: res.status, type: res.headers.get("Content-Type"), body: await res.text() };
}

/**
 * What the pinned URL must answer, given what the living one answered while `version` served: the same bytes,
 * with the envelope's own links (the last key of a JSON body) pinned.
 */
function pinnedAnswer(version: string, living: Answer): Answer {
  const at = living.body.lastIndexOf(',"links":{');
  if (!living.type?.startsWith("application/json") || at < 0) return living;
  const links = JSON.parse(living.body.slice(at + ',"links":'.length, -1)) as Record<string, string | null>;
  const pinned = Object.fromEntries(Object.entries(links).map(([k, v]) => [k, v === null ? null : pin(version, v)]));
  return { ...living, body: `${living.body.slice(0, at)},"links":${JSON.stringify(pinned)}}` };
}

function edited(d: Dataset) {
  const [changed] = d.facts;
  const removed = d.facts.at(-1);
  if (!changed || !removed) throw new Error("dataset too small");
  changed.text = { ...changed.text, en: `${changed.text.en} (corrected)` };
  d.facts = d.facts.slice(0, -1);
  return { changed: changed.id, removed: removed.id };
}

describe("pinned URLs", () => {
  it("answer the serving release as its living URLs do, immutable, with the same ETag rules", async () => {
    const version = await currentVersion();
    for (const path of PATHS) {
      const living = await answer(path);
      expect(living.status, path).toBe(200);
      const res = await request(pin(version, path));
      const got = { status: res.status, type: res.headers.get("Content-Type"), body: await res.text() };
      expect(got, path).toEqual(pinnedAnswer(version, living));
      expect(res.headers.get("Cache-Control"), path).toBe(IMMUTABLE);
      expect(res.headers.get("CDN-Cache-Control"), path).toBe(IMMUTABLE);
      const etag = res.headers.get("ETag") ?? "";
      expect(etag, path).toMatch(new RegExp(`^"${version}-[0-9a-f]{20}"$`));
      const again = await request(pin(version, path), { headers: { "If-None-Match": etag } });
      expect(again.status, path).toBe(304);
    }
  }, 60_000);

  it("keep a release's answers byte for byte after a newer release is published", async () => {
    const a = await currentVersion();
    const before = new Map<string, Answer>();
    for (const path of PATHS) before.set(path, await answer(path));
    const changedFact = env.TEST_DATASET.facts[0]?.id as string;
    const removedFact = env.TEST_DATASET.facts.at(-1)?.id as string;
    before.set(`/v1/facts/${changedFact}`, await answer(`/v1/facts/${changedFact}`));
    before.set(`/v1/facts/${removedFact}`, await answer(`/v1/facts/${removedFact}`));

    const b = structuredClone(env.TEST_DATASET) as Dataset;
    const { changed, removed } = edited(b);
    const builtB = await buildRelease(b);
    await publishDataset(d1Executor(env.DB), b);
    workerState.release.forget();
    try {
      expect(await currentVersion()).toBe(builtB.version);
      // The living URL now answers B…
      const now = await getJson<{ data: { text: string; citation: { pinned: string } } }>(`/v1/facts/${changed}`);
      expect(now.body.data.text).toMatch(/\(corrected\)$/);
      expect(now.body.data.citation.pinned).toBe(`${BASE}/v1/releases/${builtB.version}/facts/${changed}`);
      expect((await request(`/v1/facts/${removed}`)).status).toBe(404);
      // …and A's pinned URLs answer exactly what A answered.
      for (const [path, living] of before) {
        const res = await request(pin(a, path));
        const got = { status: res.status, type: res.headers.get("Content-Type"), body: await res.text() };
        expect(got, path).toEqual(pinnedAnswer(a, living));
      }
      // The change log links each change to both pinned versions, and both answer.
      const { body: changes } = await getJson<{
        data: { version: string; changed: { id: string; before: string; after: string }[] }[];
      }>("/v1/changes");
      const entry = changes.data[0];
      expect(entry?.version).toBe(builtB.version);
      const change = entry?.changed.find((x) => x.id === changed);
      expect(change).toEqual({
        kind: "fact",
        id: changed,
        href: `${BASE}/v1/facts/${changed}`,
        before: `${BASE}/v1/releases/${a}/facts/${changed}`,
        after: `${BASE}/v1/releases/${builtB.version}/facts/${changed}`,
      });
      const old = await getJson<{ data: { text: string } }>(change?.before.slice(BASE.length) ?? "");
      const fresh = await getJson<{ data: { text: string } }>(change?.after.slice(BASE.length) ?? "");
      expect(`${old.body.data.text} (corrected)`).toBe(fresh.body.data.text);
    } finally {
      await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
      workerState.release.forget();
    }
  }, 60_000);

  it("answer a version never published with a 404 listing the published ones", async () => {
    const versions = (
      await env.DB.prepare("SELECT version FROM releases WHERE status = 'published' ORDER BY seq DESC").all<{
        version: string;
      }>()
    ).results.map((r) => r.version);
    const res = await request(`/v1/releases/000000000000/facts/${FACT}`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      type: "/problems/not-found",
      title: "Not found",
      status: 404,
      detail: `No published release has the version "000000000000". Published: ${versions.join(", ")}.`,
      instance: `/v1/releases/000000000000/facts/${FACT}`,
      request_id: res.headers.get("X-Request-Id"),
      suggestions: versions,
    });
  });

  it("answer an unknown record of a kept release with the usual 404, and paths that have no pinned form with 404", async () => {
    const version = await currentVersion();
    const res = await request(`/v1/releases/${version}/facts/no-such-fact`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { type: string }).type).toBe("/problems/not-found");
    // (`changes` there is the release's own change list, GET /v1/releases/{version}/changes.)
    for (const path of ["facts/today", "changes.atom", "releases", "budget-estimate?parameters=2B&bits=FP16"]) {
      const other = await request(`/v1/releases/${version}/${path}`);
      expect(other.status, path).toBe(404);
    }
  });

  it("answer a release dropped by retention with 410 Gone, linking the living record", async () => {
    const a = await currentVersion();
    const b = structuredClone(env.TEST_DATASET) as Dataset;
    edited(b);
    const c = structuredClone(env.TEST_DATASET) as Dataset;
    c.facts = c.facts.slice(2);
    const d = structuredClone(env.TEST_DATASET) as Dataset;
    d.facts = d.facts.slice(3);
    const builtB = await buildRelease(b);
    try {
      // Published releases are all kept by default…
      await publishDataset(d1Executor(env.DB), b);
      await publishDataset(d1Executor(env.DB), c);
      workerState.release.forget();
      const releases = await env.DB.prepare("SELECT COUNT(DISTINCT release) AS n FROM documents").first<{
        n: number;
      }>();
      expect(releases?.n).toBe(3);
      // …unless publishing is told to keep fewer: here the newest two (D, C); B and A are dropped.
      await publishDataset(d1Executor(env.DB), d, new Date(), 2);
      workerState.release.forget();
      // A fact D still has: the living record the answer links exists.
      const kept = env.TEST_DATASET.facts.at(-2)?.id as string;
      const path = `/v1/facts/${kept}?lang=ja`;
      const res = await request(`/v1/releases/${builtB.version}${path.slice(3)}`);
      expect(res.status).toBe(410);
      expect(res.headers.get("Link")).toBe(`<${BASE}${path}>; rel="latest-version"`);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(await res.json()).toEqual({
        type: "/problems/gone",
        title: "Gone",
        status: 410,
        detail: `Release ${builtB.version} is no longer kept; the record as it is now is at ${BASE}${path}.`,
        instance: `/v1/releases/${builtB.version}/facts/${kept}?lang=ja`,
        request_id: res.headers.get("X-Request-Id"),
        current: `${BASE}${path}`,
      });
      // The living record it links answers.
      expect((await request(path)).status).toBe(200);
    } finally {
      await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
      workerState.release.forget();
    }
    expect(await currentVersion()).toBe(a);
  }, 60_000);
});
