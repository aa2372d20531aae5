/**
 * The spec says which request headers change an answer, and the worker does what it says. For every GET
 * operation of the served /openapi.json, called with its documented examples:
 * - it documents a 304 and `If-None-Match` exactly when it sends an ETag, and its own ETag sent back gets a 304;
 * - where it documents `Accept-Language`, `Accept-Language: ja` answers in Japanese (`Content-Language: ja`);
 * - where it documents `Accept`, each media type it documents for its 200 is answered in that type.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, currentVersion, request } from "./helpers";

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
let version: string;
/** Examples that cannot be fixed in the spec: the release id changes with the data, oEmbed wants this origin. */
const override = (path: string, name: string): string | undefined =>
  path === "/v1/releases/{version}" && name === "version"
    ? version
    : path === "/oembed" && name === "url"
      ? `${BASE}/facts/apple-selected-alibaba-china-ai-partner`
      : undefined;

beforeAll(async () => {
  doc = (await (await request("/openapi.json")).json()) as Doc;
  version = await currentVersion();
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
      ["/", "/v1/budget-checks", "/v1/budget-estimate", "/v1/facts/today", "/v1/facts/{id}"].sort(),
    );
  });
});
