/** HTTP behaviour shared by every answer: caching, conditional requests, CORS, security headers, limits. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { d1Executor, publishDataset } from "../src/dataset/publish";
import { currentVersion, request, workerState } from "./helpers";

/** Each call a limit no other request in this file uses (never the default 20), so the answer is not cached yet. */
let nextLimit = 60;
const freshLimit = () => nextLimit++;
const uncachedPath = () => `/v1/entities?limit=${freshLimit()}`;

describe("caching", () => {
  it("sends a strong ETag bound to the release and answers If-None-Match with 304, strong or weak", async () => {
    const path = uncachedPath();
    const res = await request(path);
    expect(res.status).toBe(200);
    const etag = res.headers.get("ETag") as string;
    expect(etag).toMatch(new RegExp(`^"${await currentVersion()}-[0-9a-f]{20}"$`));
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await request(path, { headers: { "If-None-Match": inm } });
      expect(again.status, inm).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("ETag")).toBe(etag);
      expect(again.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(again.headers.get("Cache-Control")).toContain("max-age=");
    }
    const other = await request(path, { headers: { "If-None-Match": '"nope"' } });
    expect(other.status).toBe(200);
  });

  it("gives a different ETag per language, representation-relevant parameter and release", async () => {
    const a = (await request("/v1/entities?type=model")).headers.get("ETag");
    const b = (await request("/v1/entities?type=model&lang=ja")).headers.get("ETag");
    const c = (await request("/v1/entities?type=person")).headers.get("ETag");
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it("misses, stores, then hits, with Cache-Status (RFC 9211)", async () => {
    const path = uncachedPath();
    const first = await request(path);
    expect(first.headers.get("Cache-Status")).toMatch(/^alliance-facts; fwd=uri-miss; stored; ttl=300$/);
    const body = await first.text();
    const second = await request(path);
    expect(second.headers.get("Cache-Status")).toMatch(/^alliance-facts; hit; ttl=\d+$/);
    expect(await second.text()).toBe(body);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    // Shareable answers carry nothing of one request (test/shared-cache.test.ts): no id, no timing.
    for (const res of [first, second]) {
      expect(res.headers.get("X-Request-Id")).toBeNull();
      expect(res.headers.get("Server-Timing")).toBeNull();
    }
  });

  it("shares one entry between equivalent requests (parameter order, explicit defaults, language)", async () => {
    const n = freshLimit();
    const first = await request(`/v1/entities?type=model&limit=${n}`);
    expect(first.headers.get("Cache-Status")).toContain("stored");
    // Parameter order does not matter; Accept-Language does not split the entry of an explicit ?lang=.
    for (const [path, headers] of [
      [`/v1/entities?limit=${n}&type=model`, {}],
      [`/v1/entities?limit=${n}&type=model`, { "Accept-Language": "en-GB,en;q=0.9" }],
    ] as [string, Record<string, string>][]) {
      expect((await request(path, { headers })).headers.get("Cache-Status"), path).toMatch(/; hit;/);
    }
    const ja = await request(`/v1/entities?lang=ja&limit=${n}&type=model`, { headers: { "Accept-Language": "en" } });
    expect(ja.headers.get("Cache-Status")).toContain("fwd=uri-miss");
    await ja.text();
    const jaAgain = await request(`/v1/entities?type=model&limit=${n}&lang=ja`, {
      headers: { "Accept-Language": "zh" },
    });
    expect(jaAgain.headers.get("Cache-Status")).toMatch(/; hit;/);
    // A default page size is the same request as none, but only where the operation has that default.
    await (await request("/v1/entities?type=device")).text();
    expect((await request("/v1/entities?limit=20&type=device")).headers.get("Cache-Status")).toMatch(/; hit;/);
    await (await request("/v1/search?q=Alibaba")).text();
    expect((await request("/v1/search?q=Alibaba&limit=10")).headers.get("Cache-Status")).toMatch(/; hit;/);
    const twenty = await request("/v1/search?q=Alibaba&limit=20");
    expect(twenty.headers.get("Cache-Status")).toContain("fwd=uri-miss");
    expect(((await twenty.json()) as { meta: { limit: number } }).meta.limit).toBe(20);
  });

  it("keeps the links of a cached page right for every client that shares it", async () => {
    const n = freshLimit() % 5 || 2;
    const viaHeader = await request(`/v1/facts?limit=${n}`, { headers: { "Accept-Language": "ja" } });
    const next = ((await viaHeader.json()) as { links: { next: string } }).links.next;
    expect(next).not.toContain("lang=");
    const viaParam = await request(`/v1/facts?limit=${n}&lang=ja`);
    expect(viaParam.headers.get("Cache-Status")).toContain("fwd=uri-miss");
    expect(((await viaParam.json()) as { links: { next: string } }).links.next).toContain("lang=ja");
  });

  it("never stores errors: no-store on 400, 404 and 405; a short lifetime on 308", async () => {
    const bad = await request("/v1/entities?limit=0");
    expect(bad.headers.get("Cache-Control")).toBe("no-store");
    expect(bad.headers.get("Cache-Status")).toBe("alliance-facts; fwd=uri-miss");
    const again = await request("/v1/entities?limit=0");
    expect(again.status).toBe(400);
    const notFound = await request("/v1/entities/nobody-at-all");
    expect(notFound.headers.get("Cache-Control")).toBe("no-store");
    const redirect = await request("/v1/entities/aliyun", { redirect: "manual" });
    expect(redirect.headers.get("Cache-Control")).toBe("public, max-age=3600");
    const health = await request("/healthz");
    expect(health.headers.get("Cache-Control")).toBe("no-store");
    const post = await request("/v1/entities", { method: "POST" });
    expect(post.headers.get("Cache-Control")).toBe("no-store");
  });

  it("keeps an invalid language out of the cache entry of the default language", async () => {
    await (await request("/v1/entities?type=framework")).text();
    const res = await request("/v1/entities?type=framework&lang=fr");
    expect(res.status).toBe(400);
  });

  it("sends Cache-Control with stale-while-revalidate and stale-if-error, CDN-Cache-Control and Cache-Tag", async () => {
    const res = await request("/v1/entities/apple");
    expect(res.headers.get("Cache-Control")).toBe(
      "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400",
    );
    expect(res.headers.get("CDN-Cache-Control")).toBe(
      "public, max-age=86400, stale-while-revalidate=86400, stale-if-error=604800",
    );
    const version = await currentVersion();
    expect(res.headers.get("Cache-Tag")).toBe(
      `alliance-facts,alliance-facts:release:${version},alliance-facts:kind:entities`,
    );
    expect(res.headers.get("Vary")).toContain("Accept-Language");
  });

  it("changes the ETag with the release and never serves the old release's body", async () => {
    const path = "/v1/entities/apple?lang=ja";
    const before = await request(path);
    const oldEtag = before.headers.get("ETag") as string;
    expect(((await before.json()) as { meta: { release: string } }).meta.release).toBe(await currentVersion());
    expect((await request(path)).headers.get("Cache-Status")).toMatch(/; hit;/);

    const dataset = structuredClone(env.TEST_DATASET);
    const apple = dataset.entities.find((e) => e.id === "apple");
    if (!apple) throw new Error("no apple");
    apple.description = { ...apple.description, ja: "新しい説明。" };
    const next = (await publishDataset(d1Executor(env.DB), dataset)).release.version;
    workerState.release.forget();
    try {
      const after = await request(path);
      expect(after.headers.get("Cache-Status")).toContain("fwd=uri-miss");
      const etag = after.headers.get("ETag") as string;
      expect(etag).not.toBe(oldEtag);
      expect(etag).toContain(next);
      const body = (await after.json()) as { data: { description: string }; meta: { release: string } };
      expect(body.meta.release).toBe(next);
      expect(body.data.description).toBe("新しい説明。");
      const stale = await request(path, { headers: { "If-None-Match": oldEtag } });
      expect(stale.status).toBe(200);
    } finally {
      await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
      workerState.release.forget();
    }
  });

  it("answers HEAD like GET without a body", async () => {
    const get = await request("/v1/entities/apple");
    const head = await request("/v1/entities/apple", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(head.headers.get("ETag")).toBe(get.headers.get("ETag"));
    expect(head.headers.get("Content-Type")).toBe(get.headers.get("Content-Type"));
  });
});

describe("CORS, security headers, request ids", () => {
  it("allows any origin on 200, 304, 4xx, and answers preflight", async () => {
    const headers = { Origin: "https://app.example" };
    const ok = await request("/v1/entities/apple", { headers });
    const notModified = await request("/v1/entities/apple", {
      headers: { ...headers, "If-None-Match": ok.headers.get("ETag") as string },
    });
    const bad = await request("/v1/entities?limit=0", { headers });
    for (const res of [ok, notModified, bad]) {
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(res.headers.get("Access-Control-Expose-Headers")).toContain("ETag");
      expect(res.headers.get("Access-Control-Expose-Headers")).toContain("RateLimit");
      expect(res.headers.get("Access-Control-Expose-Headers")).toContain("X-Request-Id");
    }
    const preflight = await request("/v1/entities", {
      method: "OPTIONS",
      headers: { ...headers, "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET,HEAD,OPTIONS");
  });

  it("sends security headers on every answer and no X-Powered-By", async () => {
    for (const path of ["/v1", "/v1/entities?limit=0", "/healthz", "/nowhere"]) {
      const res = await request(path);
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(res.headers.get("Cross-Origin-Resource-Policy"), path).toBe("cross-origin");
      expect(res.headers.get("Strict-Transport-Security"), path).toContain("max-age=");
      expect(res.headers.get("Referrer-Policy"), path).toBe("no-referrer");
      expect(res.headers.get("X-Powered-By"), path).toBeNull();
    }
  });

  it("puts a strict CSP on HTML pages", async () => {
    const res = await request("/docs");
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await res.text()).not.toMatch(/https?:\/\/(?!creativecommons)/);
  });

  it("sends a request id, honouring a sane one from the client", async () => {
    // On answers no cache stores (a shareable answer names no request: test/shared-cache.test.ts).
    const own = await request("/healthz", { headers: { "X-Request-Id": "client-chosen-1234" } });
    expect(own.headers.get("X-Request-Id")).toBe("client-chosen-1234");
    const insane = await request("/healthz", { headers: { "X-Request-Id": "<script>" } });
    expect(insane.headers.get("X-Request-Id")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("answers any other method with 405 and Allow", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await request("/v1/entities/apple", { method, headers: { Origin: "https://app.example" } });
      expect(res.status).toBe(405);
      expect(res.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
  });
});

describe("rate limits", () => {
  it("sends RateLimit headers and a 429 problem with Retry-After past the limit", async () => {
    const headers = { "CF-Connecting-IP": "203.0.113.7" };
    // The client's state on an answer no cache stores; the policy alone on a shareable one.
    const first = await request("/healthz", { headers });
    expect(first.status).toBe(200);
    expect(first.headers.get("RateLimit-Policy")).toBe('"default";q=30;w=60');
    expect(first.headers.get("RateLimit")).toMatch(/^"default";r=29;t=\d+$/);
    const shared = await request("/v1", { headers });
    expect(shared.headers.get("RateLimit-Policy")).toBe('"default";q=30;w=60');
    expect(shared.headers.get("RateLimit")).toBeNull();
    let limited: Response | undefined;
    // Enough requests to pass the quota even if a window boundary falls inside the loop.
    for (let i = 0; i < 100 && !limited; i++) {
      const res = await request("/v1", { headers });
      if (res.status === 429) limited = res;
    }
    if (!limited) throw new Error("the limit was never reached");
    expect(limited.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(limited.headers.get("RateLimit")).toMatch(/^"default";r=0;t=\d+$/);
    expect(limited.headers.get("Cache-Control")).toBe("no-store");
    expect(((await limited.json()) as { type: string }).type).toBe("/problems/rate-limited");
    const other = await request("/v1", { headers: { "CF-Connecting-IP": "198.51.100.9" } });
    expect(other.status).toBe(200);
  });
});
