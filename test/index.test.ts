import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, currentVersion, getJson, request } from "./helpers";

describe("GET /v1", () => {
  it("answers the index with the release and a count per collection, read from D1", async () => {
    const version = await currentVersion();
    const d = env.TEST_DATASET;
    const { res, body } = await getJson("/v1");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json");
    expect(res.headers.get("Content-Language")).toBe("en");
    const published = await env.DB.prepare("SELECT published_at FROM releases WHERE version = ?")
      .bind(version)
      .first<{ published_at: string }>();
    const count = (name: string, n: number) => ({ name, href: `${BASE}/v1/${name}`, count: n });
    // The releases count is what GET /v1/releases lists (one page holds them all here).
    const listed = (await getJson<{ data: unknown[]; links: { next: string | null } }>("/v1/releases?limit=100")).body;
    expect(listed.links.next).toBeNull();
    expect(listed.data.length).toBeGreaterThanOrEqual(1);
    expect(body).toEqual({
      data: {
        name: "Alliance Facts API",
        description: expect.any(String),
        release: { version, published_at: published?.published_at, href: `${BASE}/v1/releases/${version}` },
        collections: [
          count("stories", d.stories.length),
          count("sources", d.sources.length),
          count("entities", d.entities.length),
          count("figures", d.figures.length),
          count("budgets", d.budgets.length),
          count("partnerships", d.partnerships.length),
          count("events", d.events.length),
          count("facts", d.facts.length),
          count("releases", listed.data.length),
        ],
        languages: [
          { lang: "en", tag: "en", name: "English" },
          { lang: "ja", tag: "ja", name: "Japanese" },
          { lang: "zh", tag: "zh-Hans", name: "Simplified Chinese" },
          { lang: "zh-Hant", tag: "zh-Hant", name: "Traditional Chinese (converted from Simplified at publish)" },
        ],
        links: {
          openapi: `${BASE}/openapi.json`,
          docs: `${BASE}/docs`,
          search: `${BASE}/v1/search?q=Qwen`,
          claim_check: `${BASE}/v1/claims/check?text=Apple%20ranked%20second%20in%20China`,
          mcp: `${BASE}/mcp`,
          health: `${BASE}/healthz`,
        },
        mcp: {
          url: `${BASE}/mcp`,
          transport: "streamable-http",
          protocol_versions: ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", "2024-10-07"],
          tools: [
            "search",
            "get_fact",
            "list_facts",
            "get_entity",
            "get_figure",
            "check_budget",
            "estimate_budget",
            "list_partnerships",
            "timeline",
            "check_claim",
          ],
          client_config: { mcpServers: { "alliance-facts": { type: "http", url: `${BASE}/mcp` } } },
        },
      },
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}/v1` },
    });
  });

  it("rejects an unknown parameter with a problem that lists the allowed ones", async () => {
    const { res, body } = await getJson("/v1?limitt=3");
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(body).toEqual({
      type: "/problems/unknown-parameter",
      title: "Unknown parameter",
      status: 400,
      detail: "Unknown query parameter: limitt. Allowed: lang.",
      instance: "/v1?limitt=3",
      request_id: res.headers.get("X-Request-Id"),
      errors: [{ parameter: "limitt", in: "query", detail: "not a parameter of this operation" }],
      allowed: ["lang"],
    });
  });

  it("rejects a bad language with a problem naming the parameter", async () => {
    const { res, body } = await getJson("/v1?lang=fr");
    expect(res.status).toBe(400);
    expect(body).toMatchObject({
      type: "/problems/invalid-parameter",
      errors: [
        {
          parameter: "lang",
          in: "query",
          detail: 'must be one of "en", "ja", "zh", "zh-Hant" or a BCP 47 tag for one (zh-CN, zh-TW, zh-Hans, ja-JP…)',
        },
      ],
    });
  });

  it("answers in the language asked by Accept-Language when lang is absent", async () => {
    const res = await request("/v1", { headers: { "Accept-Language": "fr;q=0.9, ja;q=0.8, en;q=0.1" } });
    expect(res.headers.get("Content-Language")).toBe("ja");
    const res2 = await request("/v1?lang=zh", { headers: { "Accept-Language": "ja" } });
    expect(res2.headers.get("Content-Language")).toBe("zh-Hans");
  });

  it("refuses writes with 405 and Allow", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await request("/v1", { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
      expect(((await res.json()) as { type: string }).type).toBe("/problems/method-not-allowed");
    }
  });

  it("answers an unknown path with a not-found problem", async () => {
    const { res, body } = await getJson("/v2/nothing");
    expect(res.status).toBe(404);
    expect(body).toMatchObject({ type: "/problems/not-found", status: 404, instance: "/v2/nothing" });
  });
});
