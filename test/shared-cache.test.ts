/**
 * Nothing per-client in a shared cache: for every cacheable operation, what the worker sends (what Workers Cache
 * in front of it stores in production), what it puts into the Cache API layer and into the hot LRU, and what
 * it serves from each of them carries no request id, no rate-limit state and no timing, in headers or body.
 * Every request sends its own recognisable `X-Request-Id` and a client IP (so the rate limiter is live).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { PER_CLIENT_HEADERS } from "../src/lib/shared";
import { isStreamed } from "../src/lib/streamed";
import { canonicalKey, layerKey } from "../src/middleware/cache";
import { isDayBound, utcDay } from "../src/middleware/negotiate";
import { BASE, currentVersion, operationExamples } from "./helpers";

const PER_CLIENT: string[] = PER_CLIENT_HEADERS.map((name) => name.toLowerCase());
const { fetch, state } = createApp();
let ip = 0;
let traced = 0;

/** A request as one client sends it: its own request id and IP. */
async function send(path: string, headers: Record<string, string> = {}) {
  const id = `tracer-${String(++traced).padStart(8, "0")}`;
  const ctx = createExecutionContext();
  const res = await fetch(
    new Request(`${BASE}${path}`, {
      headers: { "X-Request-Id": id, "CF-Connecting-IP": `192.0.2.${++ip % 250}`, ...headers },
      redirect: "manual",
    }),
    env as never,
    ctx,
  );
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return { res, text, id };
}

/** Names of per-client headers present, and whether the body names the request id. */
function perClient(headers: Iterable<[string, string]>, body: string, id: string) {
  const found = [...headers].map(([name]) => name.toLowerCase()).filter((name) => PER_CLIENT.includes(name));
  if (body.includes(id)) found.push("the request id in the body");
  // A problem document's own request_id (the spec and llms-full.txt merely describe the field).
  if (/^\{"type":"\/problems\//.test(body) && "request_id" in JSON.parse(body)) found.push("request_id in body");
  return found;
}

let paths: string[] = [];
let version = "";

beforeAll(async () => {
  version = await currentVersion();
  // Every GET operation, the ones that are not release-bound included (the spec, the problem catalogue, /).
  paths = await operationExamples();
});

describe("nothing per-client in what a shared cache may store", () => {
  it("every cacheable operation: the answer sent, its Cache API copy, its hot LRU copy, and their hits", async () => {
    const checked: string[] = [];
    const notStored: string[] = [];
    const streamed: string[] = [];
    for (const path of paths) {
      const first = await send(path);
      const cacheControl = first.res.headers.get("Cache-Control") ?? "";
      const shareable = /public/.test(cacheControl) && !/no-store|private/.test(cacheControl);
      if (!shareable) {
        // Not stored anywhere: the per-client headers are there.
        expect(first.res.headers.get("X-Request-Id"), path).toBe(first.id);
        notStored.push(`${path} ${cacheControl}`);
        continue;
      }
      expect(perClient(first.res.headers, first.text, first.id), `${path} as sent`).toEqual([]);
      const url = new URL(`${BASE}${path}`);
      if (first.res.headers.has("ETag") && first.res.status === 200) {
        const canonical = canonicalKey(url, "en", "json", isDayBound(url.pathname) ? utcDay() : undefined);
        if (isStreamed(url.pathname)) {
          // Streamed whole-release answers are kept only by the caches in front (src/lib/streamed.ts).
          expect(await caches.default.match(layerKey(version, canonical)), path).toBeUndefined();
          expect(state.hot.get(`${version}${canonical}`), path).toBeUndefined();
          streamed.push(path);
          checked.push(path);
          continue;
        }
        const layer = await caches.default.match(layerKey(version, canonical));
        expect(layer, `${path} in the Cache API layer`).toBeDefined();
        const layerText = await (layer as Response).text();
        expect(perClient(layer?.headers ?? [], layerText, first.id), `${path} in the Cache API layer`).toEqual([]);
        const hot = state.hot.get(`${version}${canonical}`);
        expect(hot, `${path} in the hot LRU`).toBeDefined();
        const hotText = new TextDecoder().decode(hot?.body);
        expect(perClient(hot?.headers ?? [], hotText, first.id), `${path} in the hot LRU`).toEqual([]);
        expect(hotText, path).toBe(first.text);
        // Served again (a hot hit), by another client.
        const again = await send(path);
        expect(again.res.headers.get("Cache-Status"), path).toMatch(/; hit;/);
        expect(perClient(again.res.headers, again.text, again.id), `${path} hit`).toEqual([]);
        expect(again.text).toBe(first.text);
        // And a 304 for it, which updates a stored copy's headers.
        const etag = first.res.headers.get("ETag") as string;
        const notModified = await send(path, { "If-None-Match": etag });
        expect(notModified.res.status, path).toBe(304);
        expect(perClient(notModified.res.headers, "", notModified.id), `${path} 304`).toEqual([]);
      }
      checked.push(path);
    }
    // Every operation was cacheable and checked but the health check.
    expect(notStored).toEqual(["/healthz no-store"]);
    expect(streamed.sort()).toEqual(["/llms-full.txt", "/v1/export", "/v1/export.ndjson"]);
    expect(paths.length).toBeGreaterThan(30);
    // About 3 s on a quiet machine (every operation, several requests each); under load it can pass the default 5 s.
  }, 30_000);

  it("a Cache API layer hit, and the hot entry kept from it, carry the layer's Cache-Status, not the Cache API's mark", async () => {
    const path = "/v1/facts?lang=ja&limit=7";
    await send(path);
    // Another app instance: its hot LRU is empty, so the layer answers, and its hot path keeps that answer.
    const other = createApp();
    const ask = async () => {
      const ctx = createExecutionContext();
      const res = await other.fetch(new Request(`${BASE}${path}`), env as never, ctx);
      await res.arrayBuffer();
      await waitOnExecutionContext(ctx);
      return res;
    };
    const layerHit = await ask();
    expect(layerHit.headers.get("Cache-Status")).toMatch(/^alliance-facts; hit; ttl=\d+$/);
    expect(layerHit.headers.get("CF-Cache-Status")).toBeNull();
    const key = `${version}${canonicalKey(new URL(`${BASE}${path}`), "ja", "json")}`;
    expect(other.state.hot.get(key)?.headers.map(([name]) => name)).not.toContain("cf-cache-status");
    const hotHit = await ask();
    expect(hotHit.headers.get("Cache-Status")).toMatch(/^alliance-facts; hit; ttl=\d+$/);
    expect(hotHit.headers.get("CF-Cache-Status")).toBeNull();
    expect(hotHit.headers.get("ETag")).toBe(layerHit.headers.get("ETag"));
  });

  it("a permalink page's HTML 404 (kept a minute) and a redirect name no request", async () => {
    const page = await send("/entities/no-such-entity");
    expect(page.res.status).toBe(404);
    expect(page.res.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(perClient(page.res.headers, page.text, page.id)).toEqual([]);
    const redirect = await send("/v1/entities/aliyun");
    expect(redirect.res.status).toBe(308);
    expect(perClient(redirect.res.headers, redirect.text, redirect.id)).toEqual([]);
    const stored = await caches.default.match(
      layerKey(version, canonicalKey(new URL(`${BASE}/v1/entities/aliyun`), "en", "json")),
    );
    expect(stored?.status).toBe(308);
    expect(perClient(stored?.headers ?? [], (await stored?.text()) ?? "", redirect.id)).toEqual([]);
  });

  it("reads a miss's body once: the bytes the layer stored are the ones the hot LRU keeps and the digest hashes", async () => {
    // A miss of every layer (a language no other test asks this path in).
    const { res, text } = await send("/v1/entities/alibaba-cloud?lang=zh-Hant");
    expect(res.headers.get("Cache-Status")).toMatch(/fwd=uri-miss; stored/);
    // The answer that left the app is the Response the layer built from the bytes it read (no step cloned it).
    expect(state.bodies.holds(res)).toBe(true);
    const held = await state.bodies.read(res);
    expect(new TextDecoder().decode(held)).toBe(text);
    // Held bytes are read without reading the body again: a Response whose body is something else still gives them.
    const other = state.bodies.hold(new Response("not these"), held);
    expect(await state.bodies.read(other)).toBe(held);
    expect(other.bodyUsed).toBe(false);
    // An answer no step read is read from a clone, so it can still be sent.
    const fresh = new Response("fresh");
    expect(new TextDecoder().decode(await state.bodies.read(fresh))).toBe("fresh");
    expect(await fresh.text()).toBe("fresh");
  });

  it("keeps the per-client headers on answers no cache stores", async () => {
    // Problems (a 404 too: never stored, since the body names the request) and the health check.
    for (const path of ["/v1/entities?limit=0", "/v1/facts/no-such-fact", "/nowhere", "/healthz"]) {
      const { res, text, id } = await send(path);
      expect(res.headers.get("Cache-Control"), path).toBe("no-store");
      expect(res.headers.get("X-Request-Id"), path).toBe(id);
      expect(res.headers.get("RateLimit"), path).toMatch(/^"default";r=\d+;t=\d+$/);
      expect(res.headers.get("Server-Timing"), path).toMatch(/total;dur=/);
      if (res.status !== 200) expect(JSON.parse(text).request_id, path).toBe(id);
    }
  });
});
