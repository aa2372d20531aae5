/**
 * The front door: `GET /` sends a browser to the docs and any other client a small JSON index of the entry
 * points; `GET /v1/` is a permanent redirect to `/v1`. Both are what the spec documents.
 */
import { describe, expect, it } from "vitest";
import { BASE, request } from "./helpers";
import { expectDocumented, spec } from "./spec";

/** What Chromium sends for a page load. */
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

const INDEX = {
  name: "Alliance Facts API",
  description:
    "Citable facts about AI alliances: the Apple × Alibaba partnership in China, its entities, model-budget figures and partnership history. Start at /v1; the interactive reference is at /docs.",
  links: {
    api: `${BASE}/v1`,
    openapi: `${BASE}/openapi.json`,
    docs: `${BASE}/docs`,
    llms: `${BASE}/llms.txt`,
  },
};

describe("GET /", () => {
  it.each([
    ["a browser", BROWSER],
    ["text/html alone", "text/html"],
    ["HTML above JSON", "application/json;q=0.5, text/html"],
  ])("redirects %s to /docs (303)", async (_, accept) => {
    const res = await request("/", { headers: { Accept: accept }, redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${BASE}/docs`);
    expect(res.headers.get("Vary")).toBe("Accept");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=3600");
    expect(await res.text()).toBe("");
    // …where the docs are.
    const docs = await request("/docs", { headers: { Accept: accept } });
    expect(docs.status).toBe(200);
    expect(docs.headers.get("Content-Type")).toMatch(/^text\/html/);
    await docs.arrayBuffer();
  });

  it.each([
    ["no Accept", undefined],
    ["*/*, as curl sends", "*/*"],
    ["application/json", "application/json"],
    ["JSON and HTML alike", "application/json, text/html"],
    ["HTML below JSON", "text/html;q=0.5, application/json"],
    ["HTML refused", "text/html;q=0, */*"],
  ])("answers a small JSON index of the entry points to %s", async (_, accept) => {
    const res = await request("/", accept ? { headers: { Accept: accept } } : undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json");
    expect(res.headers.get("Vary")).toBe("Accept");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=3600");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await res.json();
    expect(body).toEqual(INDEX);
    await expectDocumented("/", res, body);
  });

  it("every link of the index answers 200", async () => {
    for (const href of Object.values(INDEX.links)) {
      const res = await request(href.slice(BASE.length));
      expect(res.status, href).toBe(200);
      await res.arrayBuffer();
    }
  });

  it("answers HEAD without a body, and an unknown parameter with a 400 problem", async () => {
    const head = await request("/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const res = await request("/?utm_source=x");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({
      type: "/problems/unknown-parameter",
      title: "Unknown parameter",
      status: 400,
      detail: "Unknown query parameter: utm_source. Allowed: none.",
      instance: "/?utm_source=x",
      request_id: res.headers.get("X-Request-Id"),
      errors: [{ parameter: "utm_source", in: "query", detail: "not a parameter of this operation" }],
      allowed: [],
    });
    await expectDocumented("/?utm_source=x", res, body);
  });

  it("is documented: the JSON index, the 303 with Location, and the Accept header it varies on", async () => {
    const op = (await spec()).paths["/"]?.get as unknown as {
      parameters: { name: string; in: string }[];
      responses: Record<string, { headers?: Record<string, unknown> }>;
    };
    expect(Object.keys(op.responses)).toEqual(["200", "303", "400", "429", "500"]);
    expect(op.responses["303"]?.headers).toHaveProperty("Location");
    expect(op.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(["header Accept"]);
  });
});

describe("GET /v1/", () => {
  it.each([
    ["/v1/", `${BASE}/v1`],
    ["/v1/?lang=ja", `${BASE}/v1?lang=ja`],
  ])("%s → 308 %s, which answers 200", async (path, location) => {
    const res = await request(path, { redirect: "manual" });
    expect(res.status).toBe(308);
    expect(res.headers.get("Location")).toBe(location);
    await res.arrayBuffer();
    const target = await request(location.slice(BASE.length));
    expect(target.status).toBe(200);
    await target.arrayBuffer();
  });
});
