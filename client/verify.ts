/**
 * Verifying an answer of the Alliance Facts API: its `Content-Digest` (RFC 9530) against the body, and its
 * HTTP Message Signature (RFC 9421, Ed25519) against the keys the API publishes at
 * `/.well-known/http-message-signatures-directory`. What is hashed is the body as the client reads it (decoded:
 * `fetch` undoes any gzip or brotli the edge applied), which is the identity-encoded content the worker sent.
 *
 *   const result = await verify(response, { fetch });   // { valid: true, keyid, created } or { valid: false, reason }
 *
 * Standard WebCrypto (Ed25519, SHA-256) and the `http-message-sig` library: runs in browsers, Node 22 and Workers.
 */
import { component, isSignatureError, verifySignature, webcrypto } from "http-message-sig";
import { parseDictionary } from "structured-headers";

/** The signature's label, and what it must cover (the API signs exactly these). */
const LABEL = "alliance";
const REQUIRED = [
  "@status",
  "content-type",
  "content-digest",
  component("@path", { req: true }),
  component("@query", { req: true }),
];

/** A published public key (JWK). */
export interface PublishedKey {
  kty: string;
  crv: string;
  x: string;
  kid: string;
}

export type Verification =
  | { valid: true; keyid: string; created: number; reason?: undefined }
  | { valid: false; reason: string };

export interface VerifyOptions {
  /** The request the answer is to, when `response.url` does not say (a Response built by hand or by a test). */
  request?: Request | string;
  /** The keys to trust; by default the directory of the answer's origin is fetched (once per origin and call site). */
  keys?: PublishedKey[];
  /** How to fetch the directory (a test, a service binding); default the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
}

const DIRECTORY = "/.well-known/http-message-signatures-directory";

const toBase64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** Whether the `sha-256` member of a `Content-Digest` field is the digest of `body`. */
async function digestMatches(field: string, body: ArrayBuffer): Promise<boolean> {
  const member = parseDictionary(field).get("sha-256");
  const given = member?.[0];
  if (!(given instanceof ArrayBuffer)) return false;
  return toBase64(given) === toBase64(await crypto.subtle.digest("SHA-256", body));
}

/** The published keys of `origin` (the HTTP message signatures directory). */
export async function publishedKeys(
  origin: string,
  fetcher: (request: Request) => Promise<Response> = (r) => fetch(r),
): Promise<PublishedKey[]> {
  const res = await fetcher(new Request(`${origin}${DIRECTORY}`));
  if (!res.ok) throw new Error(`${origin}${DIRECTORY} answered ${res.status}`);
  return ((await res.json()) as { keys: PublishedKey[] }).keys;
}

/** Checks an answer's digest and signature. Reads a clone of the body; `response` stays readable. */
export async function verify(response: Response, options: VerifyOptions = {}): Promise<Verification> {
  const target =
    typeof options.request === "string" ? options.request : (options.request?.url ?? (response.url || undefined));
  if (!target) return { valid: false, reason: "the request's URL is unknown: pass options.request" };
  const digest = response.headers.get("Content-Digest");
  if (!digest) return { valid: false, reason: "no Content-Digest" };
  try {
    if (!(await digestMatches(digest, await response.clone().arrayBuffer()))) {
      return { valid: false, reason: "Content-Digest does not match the body" };
    }
  } catch {
    return { valid: false, reason: "Content-Digest is malformed" };
  }
  if (!response.headers.has("Signature")) return { valid: false, reason: "no Signature" };
  const keys = options.keys ?? (await publishedKeys(new URL(target).origin, options.fetch));
  try {
    const verified = await verifySignature(
      {
        kind: "response",
        status: response.status,
        fields: [...response.headers].map(([name, value]) => ({ name, value })),
        request: { kind: "request", method: "GET", targetUri: target.split("#")[0] ?? target, fields: [] },
      },
      {
        label: LABEL,
        policy: { algorithms: ["ed25519"], requiredComponents: REQUIRED, requiredParameters: ["created", "keyid"] },
        async resolveVerifier(candidate) {
          const key = keys.find((k) => k.kid === candidate.parameters.keyid);
          if (!key) throw new Error(`no published key has the id ${candidate.parameters.keyid}`);
          const imported = await crypto.subtle.importKey(
            "jwk",
            { kty: key.kty, crv: key.crv, x: key.x },
            { name: "Ed25519" },
            false,
            ["verify"],
          );
          return webcrypto.verifier(imported);
        },
      },
    );
    return { valid: true, keyid: String(verified.parameters.keyid), created: Number(verified.parameters.created) };
  } catch (error) {
    const reason = isSignatureError(error) ? `${error.code}: ${error.message}` : String(error);
    return { valid: false, reason };
  }
}
