/**
 * The generated client (client/, from openapi/v1.json) calls every operation of the spec against the worker,
 * with real ids from data/*.yaml. The calls are type-checked (npm run typecheck), so a contract change that
 * breaks v1 clients fails the build; the table below must name every (method, path) the worker's live
 * /openapi.json documents, so a new operation without a client call fails this test. Every answer is verified
 * on the way (`verify`: Content-Digest and the RFC 9421 signature against the published keys).
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type AllianceClient, createAllianceClient, type PublishedKey, publishedKeys, verify } from "../client";
import { isStreamed } from "../src/lib/streamed";
import { BASE, currentVersion, request } from "./helpers";

const worker = (req: Request) =>
  (exports as unknown as { default: { fetch(r: Request): Promise<Response> } }).default.fetch(req);

let keys: PublishedKey[] | undefined;
/** Every answer the client gets is verified (digest and signature, against the published keys) before it is read. */
const api: AllianceClient = createAllianceClient(BASE, async (req) => {
  const res = await worker(req);
  // The streamed whole-release answers carry no digest (src/lib/streamed.ts): verify says so.
  if (isStreamed(new URL(req.url).pathname)) {
    expect(res.headers.has("Content-Digest"), req.url).toBe(false);
    keys ??= await publishedKeys(BASE, worker);
    expect(await verify(res.clone(), { request: req, keys }), req.url).toMatchObject({
      valid: false,
      reason: "no Content-Digest",
    });
  } else if (res.status === 200 || res.headers.has("Content-Digest")) {
    keys ??= await publishedKeys(BASE, worker);
    expect(await verify(res, { request: req, keys }), req.url).toMatchObject({ valid: true });
  }
  return res;
});

// Real ids from data/*.yaml.
const STORY = "apple-alibaba-ai-alliance-china";
const SOURCE = "the-information-apple-alibaba-report";
const ENTITY = "alibaba-cloud";
const FIGURE = "qwen-2-2b-pruned-parameter-count";
const BUDGET = "apple-core-ml-on-device-model-budget";
const MODEL = "qwen-2-2b-pruned";
const PARTNERSHIP = "apple-alibaba-apple-intelligence-china";
const EVENT = "apple-alibaba-submit-to-cac";
const FACT = "apple-selected-alibaba-china-ai-partner";

/** A share card asked for through the client: its PNG bytes. */
const cardOf = (id: string) => ({
  params: { path: { id }, query: { lang: "ja" as const } },
  parseAs: "arrayBuffer" as const,
});
function expectCard({ data, response }: { data?: ArrayBuffer; response: Response }) {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("image/png");
  expect([...new Uint8Array(data ?? new ArrayBuffer(0)).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
}

type Call = (version: string) => Promise<void>;

/** One call per operation, keyed `METHOD path` exactly as the spec spells them. */
const calls: Record<string, Call> = {
  "GET /": async () => {
    const { data, response } = await api.GET("/", { params: { header: { Accept: "application/json" } } });
    expect(response.status).toBe(200);
    expect(data?.links).toEqual({
      api: `${BASE}/v1`,
      openapi: `${BASE}/openapi.json`,
      docs: `${BASE}/docs`,
      llms: `${BASE}/llms.txt`,
    });
  },
  "GET /v1": async (version) => {
    const { data, response } = await api.GET("/v1", { params: { query: { lang: "ja" } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.meta.lang).toBe("ja");
    expect(data?.data.release.version).toBe(version);
  },
  "GET /v1/stories": async (version) => {
    const { data, response } = await api.GET("/v1/stories", { params: { query: { include: "sources", limit: 5 } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.map((s) => s.id)).toEqual([STORY]);
    expect(data?.included?.sources?.length).toBeGreaterThan(0);
  },
  "GET /v1/stories/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/stories/{id}", { params: { path: { id: STORY } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.id).toBe(STORY);
    expect(data?.data.headline.length).toBeGreaterThan(0);
  },
  "GET /v1/facts/{id}/card.png": async () => expectCard(await api.GET("/v1/facts/{id}/card.png", cardOf(FACT))),
  "GET /v1/figures/{id}/card.png": async () => expectCard(await api.GET("/v1/figures/{id}/card.png", cardOf(FIGURE))),
  "GET /v1/entities/{id}/card.png": async () => expectCard(await api.GET("/v1/entities/{id}/card.png", cardOf(ENTITY))),
  "GET /v1/partnerships/{id}/card.png": async () =>
    expectCard(await api.GET("/v1/partnerships/{id}/card.png", cardOf(PARTNERSHIP))),
  "GET /v1/stories/{id}/timeline.svg": async () => {
    const { data, response } = await api.GET("/v1/stories/{id}/timeline.svg", {
      params: { path: { id: STORY }, query: { lang: "ja" } },
      parseAs: "text",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(data).toContain('<title id="timeline-title">提携のタイムライン：');
  },
  "GET /v1/sources": async (version) => {
    const { data, response } = await api.GET("/v1/sources", {
      params: { query: { kind: "news_report", limit: 100 } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.map((s) => s.id)).toContain(SOURCE);
    expect(data?.data.every((s) => s.kind === "news_report")).toBe(true);
  },
  "GET /v1/sources/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/sources/{id}", { params: { path: { id: SOURCE } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.id).toBe(SOURCE);
    expect(data?.data.publisher.id).toBe("the-information");
  },
  "GET /v1/entities": async (version) => {
    const { data, response } = await api.GET("/v1/entities", {
      params: { query: { type: "organization", q: "Alibaba", limit: 100 } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.map((e) => e.id)).toContain(ENTITY);
    expect(data?.data.every((e) => e.type === "organization")).toBe(true);
  },
  "GET /v1/entities/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/entities/{id}", {
      params: { path: { id: ENTITY }, query: { lang: "zh" } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta).toEqual({ release: version, lang: "zh" });
    expect(data?.data.id).toBe(ENTITY);
    expect(data?.data.type).toBe("organization");
  },
  "GET /v1/entities/{id}/relations": async (version) => {
    const { data, response } = await api.GET("/v1/entities/{id}/relations", { params: { path: { id: ENTITY } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.length).toBeGreaterThan(0);
  },
  "GET /v1/figures": async (version) => {
    const { data, response } = await api.GET("/v1/figures", {
      params: { query: { entity: MODEL, metric: "parameter_count", limit: 100 } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.map((f) => f.id)).toContain(FIGURE);
    expect(data?.data.every((f) => f.metric === "parameter_count")).toBe(true);
  },
  "GET /v1/figures/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/figures/{id}", {
      params: { path: { id: FIGURE }, query: { include: "sources" } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data).toMatchObject({ id: FIGURE, metric: "parameter_count", value: 2.2e9 });
  },
  "GET /v1/budgets": async (version) => {
    const { data, response } = await api.GET("/v1/budgets", {});
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.map((b) => b.id)).toContain(BUDGET);
  },
  "GET /v1/budgets/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/budgets/{id}", { params: { path: { id: BUDGET } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.id).toBe(BUDGET);
    expect(data?.data.limits.length).toBe(2);
  },
  "GET /v1/budget-checks": async (version) => {
    const { data, response } = await api.GET("/v1/budget-checks", {
      params: { query: { model: MODEL, budget: BUDGET } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.budget.id).toBe(BUDGET);
    expect(data?.data.checks.length).toBeGreaterThan(0);
    expect(data?.data.citations.length).toBeGreaterThan(0);
  },
  "GET /v1/budget-checks.svg": async () => {
    const { data, response } = await api.GET("/v1/budget-checks.svg", {
      params: { query: { model: MODEL, budget: BUDGET } },
      parseAs: "text",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(data).toContain("4.4 GB ≠ 2.1 GB");
  },
  "GET /v1/budget-estimate": async (version) => {
    const { data, response } = await api.GET("/v1/budget-estimate", {
      params: { query: { parameters: "2.2B", bits: "FP16" } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data).toMatchObject({ parameters: 2.2e9, bits: 16, weight_memory_gb: 4.4, verdict: "exceeds" });
  },
  "GET /v1/partnerships": async (version) => {
    const { data, response } = await api.GET("/v1/partnerships", {
      params: { query: { party: "alibaba-group", limit: 10 } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.map((p) => p.id)).toContain(PARTNERSHIP);
  },
  "GET /v1/partnerships/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/partnerships/{id}", {
      params: { path: { id: PARTNERSHIP }, query: { include: "sources,entities" } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.id).toBe(PARTNERSHIP);
    expect(data?.data.history.length).toBeGreaterThan(0);
    expect(data?.included?.sources?.length).toBeGreaterThan(0);
  },
  "GET /v1/events": async (version) => {
    const { data, response } = await api.GET("/v1/events", {
      params: { query: { partnership: PARTNERSHIP, limit: 100 } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.map((e) => e.id)).toContain(EVENT);
  },
  "GET /v1/events/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/events/{id}", { params: { path: { id: EVENT } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.id).toBe(EVENT);
  },
  "GET /v1/facts": async (version) => {
    const { data, response } = await api.GET("/v1/facts", {
      params: { query: { entity: "alibaba-group", topic: "partnership", limit: 100 } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.map((f) => f.id)).toContain(FACT);
    expect(data?.data.every((f) => f.topic === "partnership")).toBe(true);
  },
  "GET /v1/facts/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/facts/{id}", {
      params: { path: { id: FACT }, query: { lang: "ja" } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta).toEqual({ release: version, lang: "ja" });
    expect(data?.data.id).toBe(FACT);
    expect(data?.data.text.length).toBeGreaterThan(0);
  },
  "GET /v1/search": async (version) => {
    const { data, response } = await api.GET("/v1/search", { params: { query: { q: "Qwen", limit: 5 } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.length).toBeGreaterThan(0);
    expect(data?.data.length).toBeLessThanOrEqual(5);
  },
  "GET /v1/claims/check": async (version) => {
    const { data, response } = await api.GET("/v1/claims/check", {
      params: { query: { text: "Qwen was pruned to 3B parameters", lang: "ja" } },
    });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data && "data" in data ? [data.data.verdict, data.data.matches.map((m) => m.id)] : null).toEqual([
      "contradicted",
      [FIGURE],
    ]);
  },
  "GET /v1/releases": async (version) => {
    const { data, response } = await api.GET("/v1/releases", {});
    expect(response.status).toBe(200);
    expect(data?.data[0]?.version).toBe(version);
  },
  "GET /v1/releases/{version}": async (version) => {
    const { data, response } = await api.GET("/v1/releases/{version}", { params: { path: { version } } });
    expect(response.status).toBe(200);
    expect(data?.data.version).toBe(version);
  },
  "GET /v1/releases/{version}/{collection}": async (version) => {
    const { data, response } = await api.GET("/v1/releases/{version}/{collection}", {
      params: { path: { version, collection: "facts" }, query: { limit: 2 } },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(data?.meta.release).toBe(version);
    expect(data?.data.length).toBe(2);
    expect(data?.links.next).toMatch(`${BASE}/v1/releases/${version}/facts?`);
  },
  "GET /v1/releases/{version}/{collection}/{id}": async (version) => {
    const { data, response } = await api.GET("/v1/releases/{version}/{collection}/{id}", {
      params: { path: { version, collection: "facts", id: FACT }, query: { lang: "ja" } },
    });
    expect(response.status).toBe(200);
    expect(data?.data.id).toBe(FACT);
    expect(data?.meta).toEqual({ release: version, lang: "ja" });
    expect(data?.links.self).toMatch(`${BASE}/v1/releases/${version}/facts/${FACT}`);
  },
  "GET /v1/releases/{version}/changes": async (version) => {
    const { data, response } = await api.GET("/v1/releases/{version}/changes", {
      params: { path: { version }, query: { kind: "fact", limit: 2 } },
    });
    expect(response.status).toBe(200);
    expect(data?.data.map((x) => [x.change, x.kind])).toEqual([
      ["added", "fact"],
      ["added", "fact"],
    ]);
    expect(data?.links.next).toMatch(`${BASE}/v1/releases/${version}/changes?`);
  },
  "GET /v1/changes": async (version) => {
    const { data, response } = await api.GET("/v1/changes", { params: { query: { limit: 5 } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(data?.data.length).toBeGreaterThan(0);
  },
  "GET /v1/changes.atom": async (version) => {
    const { data, response } = await api.GET("/v1/changes.atom", { parseAs: "text" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/atom\+xml/);
    expect(data).toContain("<feed");
    expect(data).toContain(version);
  },
  "GET /v1/export": async (version) => {
    const { data, response } = await api.GET("/v1/export", {});
    expect(response.status).toBe(200);
    expect(data?.release.version).toBe(version);
    expect(data?.meta.release).toBe(version);
    expect(Object.keys(data?.data ?? {})).toContain("facts");
  },
  "GET /v1/export.ndjson": async (version) => {
    const { data, response } = await api.GET("/v1/export.ndjson", { parseAs: "text" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/x-ndjson/);
    const lines = (data ?? "").trim().split("\n");
    expect(lines.length).toBeGreaterThan(1);
    expect(JSON.stringify(JSON.parse(lines[0] ?? "null"))).toContain(version);
  },
  "GET /v1/facts/today": async (version) => {
    const { data, response } = await api.GET("/v1/facts/today", { params: { query: { lang: "en" } } });
    expect(response.status).toBe(200);
    expect(data?.meta.release).toBe(version);
    expect(env.TEST_DATASET.facts.map((f) => f.id)).toContain(data?.data.id);
  },
  "GET /facts/{id}": async () => {
    const { data, response } = await api.GET("/facts/{id}", {
      params: { path: { id: FACT }, query: { lang: "ja" } },
      parseAs: "text",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(data).toContain('<html lang="ja">');
    expect(data).toContain(`<link rel="canonical" href="${BASE}/facts/${FACT}`);
  },
  "GET /entities/{id}": async () => {
    const { data, response } = await api.GET("/entities/{id}", { params: { path: { id: ENTITY } }, parseAs: "text" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(data).toContain("Alibaba Cloud");
    expect(data).toContain(`<link rel="canonical" href="${BASE}/entities/${ENTITY}">`);
  },
  "GET /partnerships/{id}": async () => {
    const { data, response } = await api.GET("/partnerships/{id}", {
      params: { path: { id: PARTNERSHIP } },
      parseAs: "text",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(data).toContain(`<link rel="canonical" href="${BASE}/partnerships/${PARTNERSHIP}">`);
  },
  "GET /oembed": async () => {
    const { data, response } = await api.GET("/oembed", {
      params: { query: { url: `${BASE}/facts/${FACT}`, maxwidth: 600 } },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ type: "rich", version: "1.0", provider_name: "Alliance Facts API" });
    expect(data?.width).toBeLessThanOrEqual(600);
    expect(data?.html).toContain(`${BASE}/facts/${FACT}`);
  },
  "GET /llms.txt": async () => {
    const { data, response } = await api.GET("/llms.txt", { parseAs: "text" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/markdown/);
    expect(data).toMatch(/^# /);
    expect(data).toContain(`${BASE}/openapi.json`);
  },
  "GET /llms-full.txt": async (version) => {
    const { data, response } = await api.GET("/llms-full.txt", { parseAs: "text" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/markdown/);
    expect(data).toContain(version);
    expect(data).toContain(env.TEST_DATASET.facts.find((f) => f.id === FACT)?.text.en);
  },
  "GET /openapi.json": async () => {
    const { data, response } = await api.GET("/openapi.json", {});
    expect(response.status).toBe(200);
    expect(data?.openapi).toBe("3.1.0");
  },
  "GET /healthz": async (version) => {
    const { data, response } = await api.GET("/healthz", {});
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ status: "ok", d1: "ok", release: version });
  },
  "GET /.well-known/http-message-signatures-directory": async () => {
    const { data, response } = await api.GET("/.well-known/http-message-signatures-directory", { parseAs: "text" });
    expect(response.status).toBe(200);
    const body = JSON.parse(data ?? "") as { keys: PublishedKey[] };
    expect(body.keys.length).toBe(2);
    expect(body.keys[0]?.kid).toBe(keys?.[0]?.kid);
  },
  "GET /.well-known/jwks.json": async () => {
    const { data, response } = await api.GET("/.well-known/jwks.json", { parseAs: "text" });
    expect(response.status).toBe(200);
    const body = JSON.parse(data ?? "") as { keys: PublishedKey[] };
    expect(body.keys.map((k) => k.kid)).toEqual(keys?.map((k) => k.kid));
  },
  "GET /problems/{type}": async () => {
    const { data, response } = await api.GET("/problems/{type}", { params: { path: { type: "not-found" } } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ type: "/problems/not-found", status: 404, title: "Not found" });
  },
};

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation the worker documents, as `METHOD path`. */
async function documentedOperations(): Promise<string[]> {
  const doc = (await (await request("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((m) => [m, path] as const))
    .filter(([m]) => METHODS.includes(m))
    .map(([m, path]) => `${m.toUpperCase()} ${path}`)
    .sort();
}

describe("the generated client", () => {
  it("has a call for every operation the worker documents, and none for an operation it does not", async () => {
    const documented = await documentedOperations();
    const missing = documented.filter((op) => !(op in calls));
    const extra = Object.keys(calls).filter((op) => !documented.includes(op));
    // When this fails: add a call for each missing operation to `calls` (after npm run openapi:write and
    // npm run client:generate, so the client knows the new path).
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it("answers typed bodies for a problem (404) as the error side", async () => {
    const { data, error, response } = await api.GET("/v1/facts/{id}", { params: { path: { id: "no-such-fact" } } });
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ type: "/problems/not-found", status: 404, title: "Not found" });
  });

  it("sends the documented request headers: If-None-Match gets a 304, Accept-Language picks the language", async () => {
    const first = await api.GET("/v1/entities/{id}", { params: { path: { id: ENTITY } } });
    const etag = first.response.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await api.GET("/v1/entities/{id}", {
      params: { path: { id: ENTITY }, header: { "If-None-Match": etag } },
    });
    expect(again.response.status).toBe(304);
    const ja = await api.GET("/v1/entities/{id}", {
      params: { path: { id: ENTITY }, header: { "Accept-Language": "ja-JP,ja;q=0.9" } },
    });
    expect(ja.response.status).toBe(200);
    expect(ja.response.headers.get("Content-Language")).toBe("ja");
    expect(ja.data?.meta.lang).toBe("ja");
    const markdown = await api.GET("/v1/facts/{id}", {
      params: { path: { id: FACT }, header: { Accept: "text/markdown" } },
      parseAs: "text",
    });
    expect(markdown.response.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
  });

  for (const [op, call] of Object.entries(calls)) {
    // The first share card loads the renderer (wasm, fonts) into the isolate: allow it the time.
    it(`calls ${op}`, async () => {
      await call(await currentVersion());
    }, 60_000);
  }
});
