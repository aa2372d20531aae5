/**
 * The cost of a bad request is bounded: a 404's suggestions read at most 50 rows however large the release
 * (shown on a release with 70,000 more facts than the real one, through D1's own rows_read), and the URL's
 * length, the headers' size and the number of query parameters are limited (414, 431, 400 problems).
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { BASE, currentVersion, getJson, metered, request } from "./helpers";

const SYNTHETIC = 70_000;

describe("a 404 reads at most 50 rows, at 1,000× the facts", () => {
  let version = "";
  const { fetch } = createApp();
  const measured = (path: string) => metered<{ type: string; suggestions?: string[] }>(fetch, path);

  beforeAll(async () => {
    version = await currentVersion();
    // 70,000 facts (about 1,000× the real 69), in one statement: ids synthetic-fact-00000 … synthetic-fact-69999.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?2 - 1)
       INSERT INTO documents (release, kind, id, lang, sort, body)
       SELECT ?1, 'fact', printf('synthetic-fact-%05d', i), 'en', printf('synthetic-fact-%05d', i), '{}' FROM n`,
    )
      .bind(version, SYNTHETIC)
      .run();
    const { count } = (await env.DB.prepare(
      "SELECT count(*) AS count FROM documents WHERE release = ?1 AND kind = 'fact' AND lang = 'en'",
    )
      .bind(version)
      .first<{ count: number }>()) as { count: number };
    expect(count).toBeGreaterThan(SYNTHETIC);
  });

  afterAll(async () => {
    await env.DB.prepare("DELETE FROM documents WHERE release = ?1 AND id LIKE 'synthetic-fact-%'").bind(version).run();
  });

  it("suggests close ids from the ids next to the missing one", async () => {
    const typo = await measured("/v1/facts/synthetic-fact-3456");
    expect(typo.res.status).toBe(404);
    expect(typo.body.type).toBe("/problems/not-found");
    expect(typo.body.suggestions).toEqual(["synthetic-fact-34560", "synthetic-fact-34561", "synthetic-fact-34562"]);
    expect(typo.rowsRead).toBeGreaterThan(0);
    expect(typo.rowsRead).toBeLessThanOrEqual(50);
    // The real data's close ids are found among 70,000 others.
    const real = await measured("/v1/facts/apple-rumoured-with-seven-companies");
    expect(real.body.suggestions).toContain("apple-rumoured-with-seven-plus-companies");
    expect(real.rowsRead).toBeLessThanOrEqual(50);
    // An unknown id filter reads as little.
    const filter = await measured("/v1/facts?source=no-such-source");
    expect(filter.res.status).toBe(400);
    expect(filter.rowsRead).toBeLessThanOrEqual(50);
    console.log(
      `bounds: rows read with ${SYNTHETIC} more facts: a 404 ${typo.rowsRead} and ${real.rowsRead}, an unknown filter id ${filter.rowsRead}`,
    );
  });
});

describe("limits on the request", () => {
  it("answers a URL over 4,096 characters with a 414 problem", async () => {
    const path = `/v1/search?q=${"a".repeat(4100)}`;
    const { res, body } = await getJson(path);
    expect(res.status).toBe(414);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(body).toEqual({
      type: "/problems/uri-too-long",
      title: "URI too long",
      status: 414,
      detail: `The URL is ${BASE.length + path.length} characters long; at most 4096 are accepted.`,
      instance: path,
      request_id: res.headers.get("X-Request-Id"),
    });
  });

  it("answers request headers over 16 KiB with a 431 problem, also for an answer the hot path holds", async () => {
    await (await request("/v1/entities/apple")).text();
    expect((await request("/v1/entities/apple")).headers.get("Cache-Status")).toMatch(/; hit;/);
    const headers = { "X-Padding": "x".repeat(16 * 1024) };
    const { res, body } = await getJson("/v1/entities/apple", { headers });
    expect(res.status).toBe(431);
    expect(body).toEqual({
      type: "/problems/header-fields-too-large",
      title: "Request header fields too large",
      status: 431,
      detail: expect.stringMatching(/^The request headers take \d+ bytes; at most 16384 are accepted\.$/),
      instance: "/v1/entities/apple",
      request_id: res.headers.get("X-Request-Id"),
    });
  });

  it("answers more than 32 query parameters with a 400 problem; 32 are judged one by one", async () => {
    const many = Array.from({ length: 33 }, (_, i) => `p${i}=1`).join("&");
    const { res, body } = await getJson(`/v1/facts?${many}`);
    expect(res.status).toBe(400);
    expect(body).toEqual({
      type: "/problems/too-many-parameters",
      title: "Too many parameters",
      status: 400,
      detail: "The query has 33 parameters; at most 32 are accepted.",
      instance: `/v1/facts?${many}`,
      request_id: res.headers.get("X-Request-Id"),
    });
    const enough = await getJson(`/v1/facts?${Array.from({ length: 32 }, (_, i) => `p${i}=1`).join("&")}`);
    expect(enough.body.type).toBe("/problems/unknown-parameter");
  });
});
