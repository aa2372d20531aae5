/**
 * Content-Digest (RFC 9530) and HTTP Message Signatures (RFC 9421, Ed25519) on the answers, the key directory,
 * and the client's verify(): it accepts what the worker signed and rejects a one-byte change of the body, of a
 * covered header and of the request it answered.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type PublishedKey, verify } from "../client";
import { Signatures, withSignatures } from "../src/lib/signing";
import { BASE, request } from "./helpers";

const FACT = "apple-selected-alibaba-china-ai-partner";
const worker = (r: Request) =>
  (exports as unknown as { default: { fetch(r: Request): Promise<Response> } }).default.fetch(r);

const base64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
const kidOf = async (x: string) =>
  base64url(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`)),
  );

/** The keys the tests' bindings hold: the signing one, then the second one of a rotation. */
async function expectedKeys(): Promise<PublishedKey[]> {
  const xs = [
    (JSON.parse(env.SIGNING_KEY) as { x: string }).x,
    ...(JSON.parse(env.SIGNING_PUBLIC_KEYS) as { x: string }[]).map((k) => k.x),
  ];
  return Promise.all(
    xs.map(async (x) => ({ kty: "OKP", crv: "Ed25519", x, kid: await kidOf(x), alg: "EdDSA", use: "sig" })),
  );
}

const sha256Field = async (body: ArrayBuffer) =>
  `sha-256=:${btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", body))))}:`;

/** A copy of an answer with its body or headers changed. */
function altered(res: Response, body: ArrayBuffer, headers: Record<string, string> = {}) {
  const h = new Headers(res.headers);
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  return new Response(body, { status: res.status, headers: h });
}

describe("signed answers", () => {
  it("publishes the keys: the directory and the JWKS, both keys of a rotation, the signing one first", async () => {
    const keys = await expectedKeys();
    for (const [path, type] of [
      ["/.well-known/http-message-signatures-directory", "application/http-message-signatures-directory+json"],
      ["/.well-known/jwks.json", "application/jwk-set+json"],
    ] as const) {
      const res = await request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
      expect(await res.json()).toEqual({ keys });
    }
  });

  it("digests every 200 (sha-256 of the body) and signs it, covering status, type, digest, path and query", async () => {
    const [signing] = await expectedKeys();
    for (const path of [
      `/v1/facts/${FACT}?lang=ja`,
      `/v1/facts/${FACT}?format=markdown`,
      `/facts/${FACT}`,
      "/v1/changes.atom",
      "/llms.txt",
      "/",
    ]) {
      const res = await request(path);
      expect(res.status, path).toBe(200);
      const body = await res.clone().arrayBuffer();
      expect(res.headers.get("Content-Digest"), path).toBe(await sha256Field(body));
      const input = res.headers.get("Signature-Input") ?? "";
      expect(input, path).toMatch(
        new RegExp(
          `^alliance=\\("@status" "content-type" "content-digest" "@path";req "@query";req\\);created=\\d+;keyid="${signing?.kid}";alg="ed25519"$`,
        ),
      );
      expect(res.headers.get("Signature"), path).toMatch(/^alliance=:[A-Za-z0-9+/]{86}==:$/);
      expect(await verify(res, { request: `${BASE}${path}`, fetch: worker }), path).toEqual({
        valid: true,
        keyid: signing?.kid,
        created: Number(/created=(\d+)/.exec(input)?.[1]),
      });
    }
  });

  it("signs an answer once: later hits repeat its signature; another query string is signed for itself", async () => {
    const path = `/v1/facts?topic=model_budget&lang=ja`;
    const first = await request(path);
    expect(first.status).toBe(200);
    const second = await request(path);
    expect(second.headers.get("Cache-Status")).toMatch(/hit/);
    expect(second.headers.get("Signature")).toBe(first.headers.get("Signature"));
    expect(second.headers.get("Signature-Input")).toBe(first.headers.get("Signature-Input"));
    const reordered = await request(`/v1/facts?lang=ja&topic=model_budget`);
    expect(reordered.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(reordered.headers.get("Content-Digest")).toBe(first.headers.get("Content-Digest"));
    expect(reordered.headers.get("Signature")).not.toBe(first.headers.get("Signature"));
    const keys = await expectedKeys();
    expect((await verify(reordered, { request: `${BASE}/v1/facts?lang=ja&topic=model_budget`, keys })).valid).toBe(
      true,
    );
    // The first answer's signature does not hold for the other query string: @query is covered.
    expect(await verify(first, { request: `${BASE}/v1/facts?lang=ja&topic=model_budget`, keys })).toEqual({
      valid: false,
      reason: expect.stringMatching(/^VerificationFailed/),
    });
  });

  it("signs problems too, and leaves HEAD answers and 304s without either", async () => {
    const keys = await expectedKeys();
    const missing = await request("/v1/facts/no-such-fact");
    expect(missing.status).toBe(404);
    expect((await verify(missing, { request: `${BASE}/v1/facts/no-such-fact`, keys })).valid).toBe(true);
    const head = await request(`/v1/facts/${FACT}`, { method: "HEAD" });
    expect(head.headers.has("Content-Digest")).toBe(false);
    expect(head.headers.has("Signature")).toBe(false);
    const etag = head.headers.get("ETag") ?? "";
    const not = await request(`/v1/facts/${FACT}`, { headers: { "If-None-Match": etag } });
    expect(not.status).toBe(304);
    expect(not.headers.has("Signature")).toBe(false);
  });

  it("lets verify() detect a one-byte change of the body, of a covered header, and of the request", async () => {
    const keys = await expectedKeys();
    const path = `/v1/facts/${FACT}`;
    const res = await request(path);
    const body = await res.clone().arrayBuffer();
    const target = `${BASE}${path}`;
    expect((await verify(res, { request: target, keys })).valid).toBe(true);
    // One byte of the body.
    const bytes = new Uint8Array(body.slice(0));
    bytes[42] = (bytes[42] ?? 0) ^ 1;
    expect(await verify(altered(res, bytes.buffer), { request: target, keys })).toEqual({
      valid: false,
      reason: "Content-Digest does not match the body",
    });
    // The body and its digest changed together: the signature covers the digest.
    const digest = await sha256Field(bytes.buffer);
    expect(
      (await verify(altered(res, bytes.buffer, { "Content-Digest": digest }), { request: target, keys })).reason,
    ).toMatch(/^VerificationFailed/);
    // One byte of a covered header.
    const type = res.headers.get("Content-Type") ?? "";
    expect(
      (await verify(altered(res, body, { "Content-Type": type.replace("json", "jsoN") }), { request: target, keys }))
        .reason,
    ).toMatch(/^VerificationFailed/);
    // A fragment is not part of the request target.
    expect((await verify(res, { request: `${target}#citation`, keys })).valid).toBe(true);
    const fragment = await request(`${path}#citation`);
    expect((await verify(fragment, { request: target, keys })).valid).toBe(true);
    // A header that is not covered may change (a cache's Age).
    expect((await verify(altered(res, body, { Age: "99" }), { request: target, keys })).valid).toBe(true);
    // The same answer presented as the answer to another path.
    expect((await verify(res, { request: `${BASE}/v1/facts/${FACT}x`, keys })).reason).toMatch(/^VerificationFailed/);
    // A key that is not published.
    expect(await verify(res, { request: target, keys: keys.slice(1) })).toEqual({
      valid: false,
      reason: expect.stringMatching(/^ResolverFailed/),
    });
    // No digest at all.
    expect(await verify(new Response(body, { headers: { "Content-Type": type } }), { request: target, keys })).toEqual({
      valid: false,
      reason: "no Content-Digest",
    });
  });

  it("signs with a key of its own when none is configured, and answers unsigned when the key is malformed", async () => {
    const answer = async () =>
      new Response('{"ok":true}', { status: 200, headers: { "Content-Type": "application/json" } });
    const ctx = {} as ExecutionContext;
    const target = `${BASE}/v1/x?y=1`;
    const own = new Signatures();
    const signed = await withSignatures(answer, own)(new Request(target), {}, ctx);
    const keys = (await own.keysFor({})).published;
    expect(keys).toHaveLength(1);
    expect((await verify(signed, { request: target, keys })).valid).toBe(true);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const broken = await withSignatures(answer, new Signatures())(new Request(target), { SIGNING_KEY: "{}" }, ctx);
      expect(broken.status).toBe(200);
      expect(broken.headers.has("Signature")).toBe(false);
      expect(await broken.text()).toBe('{"ok":true}');
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([
      [
        JSON.stringify({
          level: "error",
          message: "answer not signed: Error: SIGNING_KEY must be an Ed25519 private JWK (with x and d)",
        }),
      ],
    ]);
  });
});
