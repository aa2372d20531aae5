/**
 * Answers a client can verify: `Content-Digest` (RFC 9530, sha-256 of the content as the worker sends it,
 * identity-encoded) and an HTTP Message Signature (RFC 9421, Ed25519 through WebCrypto, by the
 * `http-message-sig` library) on every 200 (JSON, text, Markdown, HTML, Atom, NDJSON) and every other JSON or
 * text answer with a body (problems, a degraded health check). HEAD answers carry neither. The signature covers
 * `@status`, `content-type`, `content-digest` and the request's `@path` and `@query` (`;req`), with `created`,
 * `keyid` (the key's RFC 7638 JWK thumbprint) and `alg`.
 *
 * Signed once per answer, not per hit: the digest and the signature of an answer with an ETag are held by the
 * app (per origin, ETag, status, type and exact path and query) and repeated on every later hit, from the hot
 * path, the Cache API layer or the app. Answers without an ETag (problems, the health check) are signed each
 * time; they are not cached.
 *
 * Keys: `SIGNING_KEY` (a Worker secret: the private Ed25519 JWK) signs; the public keys are published at
 * `/.well-known/http-message-signatures-directory` and `/.well-known/jwks.json`, with any others still valid
 * during a rotation (`SIGNING_PUBLIC_KEYS`, a JSON array of public JWKs). Without a key (a run with no secret
 * and no .dev.vars) the app makes one of its own, valid for its lifetime only.
 */
import { component, createSignature, webcrypto } from "http-message-sig";
import { serializeDictionary } from "structured-headers";
import { AnswerBodies } from "./bodies";
import { isStreamed } from "./streamed";

/** The bindings signing reads (see src/env.ts; not imported from there: env.ts names the app state). */
interface Bindings {
  SIGNING_KEY?: string;
  SIGNING_PUBLIC_KEYS?: string;
}

/** The signature's label in `Signature-Input` and `Signature`. */
export const SIGNATURE_LABEL = "alliance";

/** What every signature covers, in this order. */
export const COVERED_COMPONENTS = [
  "@status",
  "content-type",
  "content-digest",
  component("@path", { req: true }),
  component("@query", { req: true }),
];

/** A public key as the directories publish it. */
export interface PublicKey {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
}

export interface SigningKeys {
  keyid: string;
  privateKey: CryptoKey;
  /** Every key valid now: the signing one first, then the others of a rotation. */
  published: PublicKey[];
}

const base64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

/** The RFC 7638 thumbprint of an Ed25519 public key (its `kid` and the signatures' `keyid`). */
export async function thumbprint(x: string): Promise<string> {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${x}"}`;
  return base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical)));
}

async function publicKey(x: string): Promise<PublicKey> {
  return { kty: "OKP", crv: "Ed25519", x, kid: await thumbprint(x), alg: "EdDSA", use: "sig" };
}

/** A new Ed25519 key as a private JWK (for a development key, or a run without one). */
export async function generateSigningJwk(): Promise<JsonWebKey> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d };
}

/** The keys from the bindings: the signing key and the published ones. */
export async function loadSigningKeys(
  env: Pick<Bindings, "SIGNING_KEY" | "SIGNING_PUBLIC_KEYS">,
): Promise<SigningKeys> {
  const jwk = env.SIGNING_KEY ? (JSON.parse(env.SIGNING_KEY) as JsonWebKey) : await generateSigningJwk();
  if (!jwk.x || !jwk.d) throw new Error("SIGNING_KEY must be an Ed25519 private JWK (with x and d)");
  const privateKey = await crypto.subtle.importKey(
    "jwk",
    { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d },
    { name: "Ed25519" },
    false,
    ["sign"],
  );
  const current = await publicKey(jwk.x);
  const others = (JSON.parse(env.SIGNING_PUBLIC_KEYS || "[]") as { x: string }[]).filter((k) => k.x !== jwk.x);
  return {
    keyid: current.kid,
    privateKey,
    published: [current, ...(await Promise.all(others.map((k) => publicKey(k.x))))],
  };
}

/** The `Content-Digest` field of a content: `sha-256=:…:`. */
export async function contentDigest(body: ArrayBuffer): Promise<string> {
  return serializeDictionary({ "sha-256": await crypto.subtle.digest("SHA-256", body) });
}

interface SignedFields {
  digest: string;
  signatureInput: string;
  signature: string;
}

/** The signature of an answer (`status`, `contentType`, `digest`) to `request`. */
export async function signAnswer(
  keys: SigningKeys,
  request: Request,
  status: number,
  contentType: string,
  digest: string,
  created = Math.floor(Date.now() / 1000),
) {
  return createSignature(
    {
      kind: "response",
      status,
      fields: [
        { name: "content-type", value: contentType },
        { name: "content-digest", value: digest },
      ],
      // A fragment is never sent; a URL may still carry one (fetch keeps it on Request.url).
      request: { kind: "request", method: request.method, targetUri: request.url.split("#")[0] ?? "", fields: [] },
    },
    {
      label: SIGNATURE_LABEL,
      components: COVERED_COMPONENTS,
      parameters: { created, keyid: keys.keyid, alg: "ed25519" },
      signer: webcrypto.signer(keys.privateKey),
    },
  );
}

/** Answers other than 200 that are digested and signed: JSON (problems) and text. */
const signable = (type: string) => /^(application\/([a-z.+-]*\+)?json|text\/)/.test(type);

/** How many answers' fields an app instance holds. */
const HELD = 4096;

/** What an app instance keeps for signing: its keys (loaded once) and the fields of the answers it signed. */
export class Signatures {
  private keys: Promise<SigningKeys> | undefined;
  private readonly held = new Map<string, SignedFields>();

  /** `bodies`: where an answer's bytes are, when an earlier step read them whole. */
  constructor(private readonly bodies = new AnswerBodies()) {}

  keysFor(env: Bindings): Promise<SigningKeys> {
    this.keys ??= loadSigningKeys(env);
    return this.keys;
  }

  /** The digest and signature fields `res` (an answer to `request`) must carry, or null when it carries none. */
  async fieldsFor(env: Bindings, request: Request, res: Response): Promise<SignedFields | null> {
    if (request.method !== "GET" || res.body === null) return null;
    const type = res.headers.get("Content-Type") ?? "";
    const etag = res.headers.get("ETag");
    // Held fields first (every hit of a signed answer): the key is the exact URL as sent, fragment aside.
    const key = etag ? `${etag}\n${res.status}\n${type}\n${request.url.split("#")[0]}` : undefined;
    const hit = key ? this.held.get(key) : undefined;
    if (hit) {
      this.held.delete(key as string);
      this.held.set(key as string, hit);
      return hit;
    }
    if (res.status !== 200 && !signable(type)) return null;
    // A stream that stays open (server-sent events, /mcp) has no digest to wait for, and a streamed whole-release
    // answer is never held whole to digest it (src/lib/streamed.ts).
    if (type.startsWith("text/event-stream") || isStreamed(new URL(request.url).pathname)) return null;
    const digest = await contentDigest(await this.bodies.read(res));
    const signed = await signAnswer(await this.keysFor(env), request, res.status, type, digest);
    const fields = { digest, signatureInput: signed.signatureInput, signature: signed.signature };
    if (key) {
      this.held.set(key, fields);
      if (this.held.size > HELD) this.held.delete(this.held.keys().next().value as string);
    }
    return fields;
  }

  /** Adds the digest and signature fields to `res` (one the worker made: its headers are mutable). */
  async sign(env: Bindings, request: Request, res: Response) {
    const fields = await this.fieldsFor(env, request, res);
    if (fields) withFields(res.headers, fields);
  }
}

/**
 * The app's fetch with digests and signatures added to what it answers (the hot path's hits included): the
 * one place answers are signed.
 */
export function withSignatures<E extends Bindings>(
  fetch: (request: Request, env: E, ctx: ExecutionContext) => Promise<Response>,
  signatures: Signatures,
) {
  return async (request: Request, env: E, ctx: ExecutionContext): Promise<Response> => {
    const res = await fetch(request, env, ctx);
    // A hit of the hot path comes signed (Signatures.sign).
    if (res.headers.has("Signature")) return res;
    let fields: SignedFields | null;
    try {
      fields = await signatures.fieldsFor(env, request, res);
    } catch (error) {
      // A malformed SIGNING_KEY must not take the API down: the answer goes out unsigned, and the log says why.
      console.error(JSON.stringify({ level: "error", message: `answer not signed: ${String(error)}` }));
      return res;
    }
    if (!fields) return res;
    try {
      // The app's and the hot path's answers are the worker's own: their headers take the fields as they are.
      withFields(res.headers, fields);
      return res;
    } catch {
      // An answer with immutable headers (one a fetch or the Cache API handed back) is copied first.
      const out = new Response(res.body, res);
      withFields(out.headers, fields);
      return out;
    }
  };
}

function withFields(headers: Headers, fields: SignedFields) {
  headers.set("Content-Digest", fields.digest);
  headers.set("Signature-Input", fields.signatureInput);
  headers.set("Signature", fields.signature);
}
