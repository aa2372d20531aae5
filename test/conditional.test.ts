/**
 * The spec says which request headers change an answer, and the worker does what it says. For every GET
 * operation of the served /openapi.json, called with its documented examples:
 * - it documents a 304 and `If-None-Match` exactly when it sends an ETag, and its own ETag sent back gets a 304;
 * - where it documents `Accept-Language`, `Accept-Language: ja` answers in Japanese (`Content-Language: ja`);
 * - where it documents `Accept`, each media type it documents for its 200 is answered in that type.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, currentVersion, request } from "./helpers";
import { RELEASE_EXAMPLE } from "../src/openapi/schemas";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown };
}
interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}

let doc: Doc;
/**
 * The one example the spec cannot give: oEmbed wants a URL of this origin. (The release examples are the
 * serving release's: the served document replaces the stand-in.)
 */
const override = (path: string, name: string): string | undefined =>
  path === "/oembed" && name === "url" ? `${BASE}/facts/apple-selected-alibaba-china-ai-partner` : undefined;

beforeAll(async () => {
  doc = (await (await request("/openapi.json")).json()) as Doc;
});

const resolve = (p: Parameter | { $ref: string }): Parameter =>
  "$ref" in p ? (doc.components.parameters[p.$ref.replace("#/components/parameters/", "")] as Parameter) : p;

/** Every GET operation: its path, its parameters resolved, and a URL built from its examples. */
function operations() {
  return Object.entries(doc.paths).map(([path, item]) => {
    const op = item.get as Operation;
    const parameters = (op.parameters ?? []).map(resolve);
    const example = (p: Parameter) => String(override(path, p.name) ?? p.example ?? p.schema?.example);
    let url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const p = parameters.find((x) => x.in === "path" && x.name === name);
      if (!p) throw new Error(`${path}: no path parameter ${name}`);
      return encodeURIComponent(example(p));
    });
    const query = parameters.filter((p) => p.in === "query" && p.required);
    if (query.length) url += `?${query.map((p) => `${p.name}=${encodeURIComponent(example(p))}`).join("&")}`;
    const headers = new Set(parameters.filter((p) => p.in === "header").map((p) => p.name));
    return { path, op, url, headers };
  });
}

describe("the request headers the spec documents", () => {
  it("covers every GET operation, each answering 200 to its examples", async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(30);
    const failing: string[] = [];
    for (const { url } of ops) {
      const res = await request(url, { headers: { Accept: "application/json" } });
      if (res.status !== 200) failing.push(`${url} → ${res.status}`);
      await res.arrayBuffer();
    }
    expect(failing).toEqual([]);
  });

  it("documents a 304 and If-None-Match exactly where the answer has an ETag, and that ETag gets a 304", async () => {
    const wrong: string[] = [];
    let conditional = 0;
    for (const { url, op, headers } of operations()) {
      const documented = "304" in op.responses;
      if (documented !== headers.has("If-None-Match")) wrong.push(`${url}: 304 and If-None-Match disagree`);
      const res = await request(url);
      await res.arrayBuffer();
      const etag = res.headers.get("ETag");
      if (!documented) {
        if (etag) wrong.push(`${url}: an ETag, but no 304 documented`);
        continue;
      }
      if (!etag) {
        wrong.push(`${url}: a 304 documented, but no ETag`);
        continue;
      }
      const again = await request(url, { headers: { "If-None-Match": etag } });
      if (again.status !== 304) wrong.push(`${url}: If-None-Match: ${etag} → ${again.status}`);
      else if ((await again.text()) !== "") wrong.push(`${url}: a 304 with a body`);
      else conditional++;
    }
    expect(wrong).toEqual([]);
    // The API, the spec, the permalink pages, oEmbed and llms*.txt.
    expect(conditional).toBeGreaterThanOrEqual(34);
  });

  it("answers in the language Accept-Language asks for wherever it is documented", async () => {
    const wrong: string[] = [];
    let localized = 0;
    for (const { url, headers } of operations()) {
      if (!headers.has("Accept-Language")) continue;
      localized++;
      const res = await request(url, { headers: { "Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5" } });
      await res.arrayBuffer();
      if (res.headers.get("Content-Language") !== "ja") {
        wrong.push(`${url}: Content-Language ${res.headers.get("Content-Language")}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(localized).toBeGreaterThanOrEqual(30);
  });

  it("answers each media type Accept asks for wherever Accept is documented", async () => {
    const wrong: string[] = [];
    const negotiated: string[] = [];
    for (const { path, url, op, headers } of operations()) {
      const types = Object.keys(op.responses["200"]?.content ?? {});
      if (types.length > 1 && !headers.has("Accept")) wrong.push(`${path}: ${types.join(", ")} but no Accept`);
      if (!headers.has("Accept")) continue;
      negotiated.push(path);
      for (const type of types) {
        const res = await request(url, { headers: { Accept: type } });
        await res.arrayBuffer();
        const got = (res.headers.get("Content-Type") ?? "").split(";")[0];
        if (res.status !== 200 || got !== type) wrong.push(`${url} Accept: ${type} → ${res.status} ${got}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(negotiated.sort()).toEqual(
      ["/", "/v1/budget-checks", "/v1/budget-estimate", "/v1/claims/check", "/v1/facts/today", "/v1/facts/{id}"].sort(),
    );
  });
});

describe("the examples of the served spec", () => {
  it("name the serving release, never a stand-in or a stale one", async () => {
    const version = await currentVersion();
    const text = JSON.stringify(doc);
    expect(text).not.toContain(RELEASE_EXAMPLE);
    expect(text).not.toContain("d8c110615b3e");
    const param = (doc.paths["/v1/releases/{version}"]?.get?.parameters ?? [])
      .map(resolve)
      .find((p) => p.name === "version");
    expect(param?.schema?.example ?? param?.example).toBe(version);
    const hash = await env.DB.prepare("SELECT content_hash FROM releases WHERE version = ?")
      .bind(version)
      .first<{ content_hash: string }>();
    expect(text).toContain(`"example":"${hash?.content_hash}"`);
    expect(text).toContain(`"example":"https://api.example/v1/releases/${version}"`);
  });
});

describe("If-None-Match: * (RFC 9110 §13.1.2)", () => {
  it("is a 304 for GET and HEAD wherever the answer exists, with the 200's ETag and no body", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { url, op } of operations()) {
      if (!("304" in op.responses)) continue;
      const ok = await request(url);
      await ok.arrayBuffer();
      for (const method of ["GET", "HEAD"]) {
        // Twice: once answered by the handler or the cache layer, once surely from the cache.
        for (const attempt of [1, 2]) {
          const res = await request(url, { method, headers: { "If-None-Match": "*" } });
          const body = await res.text();
          const where = `${method} ${url} (${attempt})`;
          if (res.status !== 304) wrong.push(`${where} → ${res.status}`);
          else if (body !== "") wrong.push(`${where}: a 304 with a body`);
          else if (res.headers.get("ETag") !== ok.headers.get("ETag")) wrong.push(`${where}: ETag differs`);
          else if (res.headers.has("Content-Type")) wrong.push(`${where}: Content-Type on a 304`);
          else if (res.headers.get("Cache-Control") !== ok.headers.get("Cache-Control"))
            wrong.push(`${where}: Cache-Control differs`);
          else if (res.headers.get("Access-Control-Allow-Origin") !== "*") wrong.push(`${where}: no CORS`);
          else checked++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(34 * 4);
  });

  it("leaves a missing record its 404, an alias its 308 and a bad request its 400", async () => {
    const cases: [string, number][] = [
      ["/v1/facts/no-such-fact", 404],
      ["/v1/entities/no-such-entity", 404],
      ["/v1/releases/000000000000", 404],
      ["/facts/no-such-fact", 404],
      ["/partnerships/no-such-partnership", 404],
      ["/v1/entities/aliyun", 308],
      ["/entities/aliyun", 308],
      ["/v1/entities?limit=500", 400],
      ["/v1/search", 400],
    ];
    const got = [];
    for (const [url] of cases) {
      const res = await request(url, { headers: { "If-None-Match": "*" }, redirect: "manual" });
      await res.arrayBuffer();
      got.push([url, res.status]);
    }
    expect(got).toEqual(cases);
    // The 404 is the ordinary problem, body and all.
    const plain = await request("/v1/facts/no-such-fact");
    const star = await request("/v1/facts/no-such-fact", { headers: { "If-None-Match": "*" } });
    const withoutId = (b: Record<string, unknown>) => ({ ...b, request_id: undefined });
    expect(withoutId(await star.json())).toEqual(withoutId(await plain.json()));
  });

  it("is not a wildcard inside a list, nor on an answer that has no ETag", async () => {
    const res = await request("/v1/entities/apple", { headers: { "If-None-Match": '"nope", *' } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const health = await request("/healthz", { headers: { "If-None-Match": "*" } });
    expect(health.status).toBe(200);
    await health.arrayBuffer();
  });
});
