/** The OpenAPI 3.1 document, generated from the route definitions once per isolate (never per request). */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { INT32_MAX, RELEASE_EXAMPLE } from "./schemas";

export const API_VERSION = "1.0.0";

export const TAGS = [
  { name: "Index", description: "Where to start: the release serving now and the collections." },
  { name: "Stories", description: "The news stories the dataset is curated from." },
  { name: "Sources", description: "Publications and documents every fact, figure and event cites." },
  {
    name: "Entities",
    description: "Companies, people, models, devices, frameworks, regulators, regulations, publications and places.",
  },
  {
    name: "Figures",
    description: "Typed numbers — parameter counts, memory, latency, market share — with conditions and provenance.",
  },
  {
    name: "Budgets",
    description: "Limit profiles models are judged against, budget checks and the weight-memory calculator.",
  },
  { name: "Partnerships", description: "Who courted whom, with status history, reasons and timeline." },
  { name: "Events", description: "Dated happenings with date precision and certainty." },
  { name: "Facts", description: "Atomic, citable statements with status and sources." },
  { name: "Search", description: "Ranked search across entities, facts, events and sources in en, ja and zh." },
  {
    name: "Claims",
    description: "Check a sentence against the stored figures and facts: supported, contradicted, disputed or unknown.",
  },
  { name: "Releases", description: "Published versions of the dataset and what each changed." },
  { name: "Meta", description: "The spec, the docs and the health check." },
];

/**
 * The document the routes generate. `unbounded` receives the string parameters whose zod schema declares no
 * length bound (see boundParameters).
 */
export function openApiDocument(
  app: OpenAPIHono<AppEnv>,
  serverUrl = "/",
  unbounded: string[] = [],
): Record<string, unknown> {
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Alliance Facts API",
      version: API_VERSION,
      description: [
        "A read-only JSON API of citable facts about the Apple × Alibaba AI partnership in China: the entities of the story, its model-budget figures and the partnership history, curated from one article and the reports it cites.",
        "",
        "- **Versioning**: the major version is in the path (`/v1`); v1 changes only additively. Every body carries `meta.release`, the content hash of the dataset release that answered.",
        '- **Pagination**: collections use opaque keyset cursors (`cursor`, `limit` 1–100, default 20), `meta.next_cursor` and a `Link: rel="next"` header.',
        "- **Languages**: English (`en`), Japanese (`ja`), Simplified Chinese (`zh`) and Traditional Chinese (`zh-Hant`, converted from the Simplified text at publish with OpenCC, Taiwan phrasing). `?lang=` wins over `Accept-Language`; both take BCP 47 tags, matched case-insensitively: `zh`, `zh-Hans`, `zh-CN`, `zh-SG` → Simplified; `zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant-TW` → Traditional; `ja-JP` → ja; `en-US` → en. Default en. `Content-Language` names the variant that answered (`en`, `ja`, `zh-Hans`, `zh-Hant`), `meta.lang` its key; a text missing in the asked language is served in English and listed in the record's `fallback`. Chinese and Japanese texts use full-width punctuation and no space next to CJK text.",
        "- **Errors**: RFC 9457 `application/problem+json` with a `type` per error (see the Problem schema), the offending parameter and a request id.",
        "- **Citing**: every fact, figure and event names its sources; quote the record's text and cite the sources' publishers and dates.",
        "- **Checking**: `GET /v1/claims/check?text=…` checks one sentence in en, ja or zh against the stored figures and facts (supported, contradicted, disputed or unknown), deterministically, with the records compared.",
        '- **For LLM agents**: a Model Context Protocol server at `/mcp` (Streamable HTTP, stateless; protocol 2026-07-28 and 2025-era clients) with read-only tools over these operations — `search`, `get_fact`, `list_facts`, `get_entity`, `get_figure`, `check_budget`, `estimate_budget`, `list_partnerships`, `timeline`, `check_claim` — and every fact, entity, figure and partnership as a resource at its permalink. Add it to an MCP client with `{"mcpServers":{"alliance-facts":{"type":"http","url":"https://<this host>/mcp"}}}`; `GET /v1` gives the entry with this host filled in.',
      ].join("\n"),
      license: { name: "CC BY 4.0 (data), MIT (code)", url: "https://creativecommons.org/licenses/by/4.0/" },
      contact: { name: "Alliance Facts API" },
    },
    servers: [
      {
        url: serverUrl,
        description:
          "This deployment: production on Cloudflare, or local under wrangler dev (same origin as this document)",
        "x-internal": false,
      } as { url: string; description: string },
    ],
    tags: TAGS,
  }) as unknown as Record<string, unknown>;
  // A public, read-only API without authentication: said explicitly, so tools do not assume a forgotten scheme.
  doc.security = [];
  documentHeaders(doc);
  requestHeaders(doc);
  boundParameters(doc, unbounded);
  integerFormats(doc);
  typedSchemas(doc);
  return doc;
}

type Json = Record<string, unknown>;

/** Schemas of header values, bounded so clients (and linters) know what to expect. */
const str = (maxLength: number, extra: Json = {}) => ({ type: "string", maxLength, ...extra });

/**
 * The response headers the middleware sets (src/app.ts, src/middleware/*), declared once under
 * `components/headers` and referenced from every response they appear on.
 */
export const RESPONSE_HEADERS: Record<string, Json> = {
  "Access-Control-Allow-Origin": {
    description: "CORS: every origin may read every answer (the API is public and read-only).",
    schema: { type: "string", enum: ["*"] },
    example: "*",
  },
  "X-Request-Id": {
    description:
      "This request's id (the client's own `X-Request-Id` when it is 8–128 characters of `A-Z a-z 0-9 . _ : -`), also in every problem's `request_id`; quote it when reporting a problem. Sent only on answers no cache stores (problems, `/healthz`): an answer a shared cache may keep carries nothing of one request.",
    schema: str(128, { pattern: "^[A-Za-z0-9._:-]{8,128}$" }),
    example: "3f1c0e9a6b2d4c58",
  },
  RateLimit: {
    description:
      "The client's quota left in the current window (draft-ietf-httpapi-ratelimit-headers-11): `r` requests remaining (an estimate), `t` seconds until the window resets. Sent to requests that carry a client IP (`CF-Connecting-IP`): in production, and under `wrangler dev`, which sets it; only on answers no cache stores (problems, `/healthz`), since a shared cache would hand one client's state to others (a cacheable answer carries `RateLimit-Policy` alone).",
    schema: str(128, { pattern: '^"[a-z]+";r=\\d+;t=\\d+$' }),
    example: '"default";r=599;t=42',
  },
  "RateLimit-Policy": {
    description:
      "The rate-limit policy (draft-ietf-httpapi-ratelimit-headers-11): `q` requests per window of `w` seconds per client IP. Sent to requests that carry a client IP, with `RateLimit` on answers no cache stores.",
    schema: str(128, { pattern: '^"[a-z]+";q=\\d+;w=\\d+$' }),
    example: '"default";q=600;w=60',
  },
  "Retry-After": {
    description:
      "Seconds to wait before the next request: the rest of the rate-limit window (429), or until the database is tried again (503 service-unavailable).",
    schema: { type: "integer", format: "int32", minimum: 1, maximum: 86400 },
    example: 42,
  },
  ETag: {
    description:
      "Strong validator bound to the dataset release and the canonical request (parameter order, language and representation normalised). Send it back in `If-None-Match` for a 304.",
    schema: str(256, { pattern: '^"[^"]+"$' }),
    example: `"${RELEASE_EXAMPLE}-5f2a9c01e7b4"`,
  },
  "Cache-Control": {
    description:
      "How long the answer may be reused: release-bound answers are public with stale-while-revalidate and stale-if-error; problems are `no-store` (a 404 too: the body names its request).",
    schema: str(256),
    example: "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400",
  },
  "Cache-Status": {
    description:
      "RFC 9211: whether the worker's cache answered (`hit`) or the request was forwarded (`fwd=uri-miss`). `detail=stale-if-error` with a negative `ttl`: the database failed or overran its deadline, and a stale copy answered.",
    schema: str(256),
    example: "alliance-facts; hit; ttl=280",
  },
  "Content-Language": {
    description:
      "The BCP 47 tag of the language the answer's texts are in: `en`, `ja`, `zh-Hans` (Simplified Chinese, `lang=zh`) or `zh-Hant` (Traditional). Problems are in English.",
    schema: { type: "string", enum: ["en", "ja", "zh"] },
    example: "en",
  },
  "Content-Digest": {
    description:
      "RFC 9530: `sha-256` of the body as the worker sent it (identity-encoded). A client that received it compressed (`Content-Encoding: gzip` or `br`, added by Cloudflare's edge) hashes the decoded body, as `fetch` returns it. On every 200, and on every other JSON or text answer (problems); not on HEAD or 304.",
    schema: str(128, { pattern: "^sha-256=:[A-Za-z0-9+/]{43}=:$" }),
    example: "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
  },
  "Signature-Input": {
    description:
      "RFC 9421: what the signature `alliance` covers (`@status`, `content-type`, `content-digest`, and the request's `@path` and `@query`) and its parameters: `created`, `keyid` (the RFC 7638 thumbprint of a key published at `/.well-known/http-message-signatures-directory`) and `alg` (`ed25519`). Sent with `Content-Digest`.",
    schema: str(512),
    example:
      'alliance=("@status" "content-type" "content-digest" "@path";req "@query";req);created=1764460800;keyid="poqkLGiymh_W0uP6PZFw-dvez3QJT5SolqXBCW38r0U";alg="ed25519"',
  },
  Signature: {
    description:
      "RFC 9421: the Ed25519 signature `alliance` described by `Signature-Input`. Sent with `Content-Digest`.",
    schema: str(256),
    example: "alliance=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:",
  },
  Link: {
    description: 'RFC 8288: `rel="next"` with the URL of the next page, when there is one.',
    schema: str(4096),
    example: '<https://api.example/v1/entities?cursor=eyJrIjpbImFwcGxlIl19>; rel="next"',
  },
};

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

/**
 * Paths whose answers go through the release-bound cache layer (src/app.ts mounts `edgeCache` on them): a
 * strong ETag, a 304 for `If-None-Match`, `Cache-Status`. The API under /v1, the spec, the permalink pages,
 * oEmbed and the files for LLM agents.
 */
const RELEASE_BOUND = [
  /^\/v1(?:\/|$)/,
  /^\/openapi\.json$/,
  /^\/(?:facts|entities|partnerships)\/\{id\}$/,
  /^\/oembed$/,
  /^\/llms(?:-full)?\.txt$/,
];
export const releaseBound = (path: string) => RELEASE_BOUND.some((re) => re.test(path));

/**
 * Adds `components/headers` and, to every response of every operation, the headers it is sent with, so the
 * contract says what the middleware does: CORS, request id and rate-limit headers everywhere; `Retry-After`
 * on 429; on release-bound paths `ETag`, `Cache-Control` and `Cache-Status`, a documented 304 for
 * `If-None-Match`, `Content-Language`, and `Link` on paginated collections. Headers a route declares itself
 * (e.g. `Location` on a 308) are kept.
 */
export function documentHeaders(doc: Json): void {
  doc.components ??= {};
  const components = doc.components as Json;
  components.headers = { ...((components.headers as Json) ?? {}), ...RESPONSE_HEADERS };
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (method !== "get") continue;
      const responses = op.responses as Record<string, Json>;
      const bound = releaseBound(path);
      if (bound && !responses["304"]) {
        responses["304"] = {
          description:
            "Not modified: `If-None-Match` matched the current ETag (same release, same canonical request). No body.",
        };
      }
      const paginated = ((op.parameters as { name: string }[] | undefined) ?? []).some((p) => p.name === "cursor");
      for (const [status, response] of Object.entries(responses)) {
        // X-Request-Id and RateLimit are declared everywhere but sent only on answers no cache stores.
        const names = ["Access-Control-Allow-Origin", "X-Request-Id", "RateLimit", "RateLimit-Policy"];
        if (status === "429" || status === "503") names.push("Retry-After");
        const content = Object.keys((response.content as Json | undefined) ?? {});
        const localized = hasParameter(op, "lang", "query");
        if (path.startsWith("/v1") || localized || content.includes("application/problem+json"))
          names.push("Content-Language");
        if (bound && (status === "200" || status === "304")) names.push("ETag", "Cache-Control", "Cache-Status");
        else if (bound && ["308", "400", "404"].includes(status)) names.push("Cache-Control", "Cache-Status");
        if (paginated && status === "200") names.push("Link");
        if (status === "200" || (content.length > 0 && status !== "304"))
          names.push("Content-Digest", "Signature-Input", "Signature");
        const own = (response.headers as Json | undefined) ?? {};
        response.headers = { ...Object.fromEntries(names.map((n) => [n, ref(n)])), ...own };
      }
      // Reorder so statuses read in order (the 304 was appended).
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}

type Parameter = { name: string; in: string; [key: string]: unknown };

const hasParameter = (op: Json, name: string, where: string) =>
  ((op.parameters as Parameter[] | undefined) ?? []).some((p) => p.name === name && p.in === where);

/** Request headers that change the answer, declared once under `components/parameters`. */
export const REQUEST_HEADERS: Record<string, Parameter> = {
  IfNoneMatch: {
    name: "If-None-Match",
    in: "header",
    required: false,
    description:
      'The `ETag` of an earlier answer (strong, or weak as `W/"…"`; several comma-separated): when one matches the current answer (same release, same canonical request), the answer is a `304` with no body, before any database query. `*` (RFC 9110 §13.1.2) is a `304` whenever the record exists, and the answer it would otherwise get (a `404`, a `308` for an alias) when not.',
    schema: str(2048, { pattern: '^(?:W/)?"[^"]*"(?:\\s*,\\s*(?:W/)?"[^"]*")*$|^\\*$' }),
    example: `"${RELEASE_EXAMPLE}-5f2a9c01e7b4"`,
  },
  AcceptLanguage: {
    name: "Accept-Language",
    in: "header",
    required: false,
    description:
      "Preferred languages (RFC 9110), each range matched as BCP 47 says, case-insensitively: `ja-JP` → ja; `zh`, `zh-CN`, `zh-SG`, `zh-Hans` → zh (Simplified); `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`, `zh-Hant-TW` → zh-Hant (Traditional); `en-US` → en; q-values honoured, ranges naming no served language skipped. Used when `lang` is not given (`lang` wins); default en. `Content-Language` names the variant that answered.",
    schema: str(1024),
    example: "ja-JP,ja;q=0.9,en;q=0.5",
  },
};

const paramRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** The media types an operation answers in (its 200, else its first 2xx). */
function mediaTypes(op: Json): string[] {
  const responses = op.responses as Record<string, Json>;
  const ok = responses["200"] ?? Object.entries(responses).find(([s]) => s.startsWith("2"))?.[1];
  return Object.keys((ok?.content as Json | undefined) ?? {});
}

/**
 * Declares the request headers that change an operation's answer, as header parameters:
 * - `If-None-Match` where a 304 is documented (release-bound answers);
 * - `Accept-Language` where `lang` is (the language middleware reads it when `lang` is absent);
 * - `Accept` where the operation answers in more than one media type (negotiated; `format` wins where an
 *   operation has it). An operation can declare its own `Accept` (e.g. `/`, which redirects browsers).
 */
export function requestHeaders(doc: Json): void {
  doc.components ??= {};
  const components = doc.components as Json;
  components.parameters = { ...((components.parameters as Json) ?? {}), ...REQUEST_HEADERS };
  for (const item of Object.values(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (method !== "get") continue;
      const parameters = ((op.parameters as Parameter[] | undefined) ?? []) as (Parameter | { $ref: string })[];
      const declares = (name: string) => parameters.some((p) => "name" in p && p.name === name && p.in === "header");
      const types = mediaTypes(op);
      if (types.length > 1 && !declares("Accept")) {
        const format = hasParameter(op, "format", "query");
        parameters.push({
          name: "Accept",
          in: "header",
          required: false,
          description: `The representation to answer in: ${types.map((t) => `\`${t}\``).join(", ")} (q-values honoured; \`*/*\` or none gets \`${types[0]}\`).${format ? " `format` wins over it." : ""} An \`Accept\` that allows none of them is a 406.`,
          schema: str(1024),
          example: types[1],
        });
      }
      if ((op.responses as Json)["304"] && !declares("If-None-Match")) parameters.push(paramRef("IfNoneMatch"));
      if (hasParameter(op, "lang", "query") && !declares("Accept-Language"))
        parameters.push(paramRef("AcceptLanguage"));
      if (parameters.length > 0) op.parameters = parameters;
    }
  }
}

/** The longest value a string parameter is documented to take when its schema declares no bound. */
export const PARAMETER_MAX_LENGTH = 200;

/**
 * Every string parameter gets a documented length bound (OWASP API4: resource consumption). Parameters whose zod
 * schema declares none are added to `unbounded` (as `GET /path name`): their values are parsed by the route (ids
 * are at most 200 characters), so the document states `maxLength: 200` for them; the route should declare it
 * with `.max()` so the server enforces it.
 */
export function boundParameters(doc: Json, unbounded: string[]): void {
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      for (const p of (op.parameters as { name: string; schema?: Json }[] | undefined) ?? []) {
        const schema = p.schema;
        if ("$ref" in p) continue;
        if (schema?.type !== "string") continue;
        if (schema.maxLength !== undefined || schema.enum !== undefined || schema.const !== undefined) continue;
        schema.maxLength = PARAMETER_MAX_LENGTH;
        unbounded.push(`${method.toUpperCase()} ${path} ${p.name}`);
      }
    }
  }
}

/**
 * Integer formats and bounds, where a route did not declare them (`z.number().int().min().max()` is emitted
 * without a format, and zod's own int32 helper as a plain number): an integer whose declared bounds fit in 32
 * bits is an int32; any other integer gets the bounds zod 4 enforces for `.int()` — the safe-integer range —
 * where it has none, and is an int64. Prefer declaring real bounds with `int32()` from ./schemas.
 */
export function integerFormats(node: unknown): void {
  if (Array.isArray(node)) {
    for (const x of node) integerFormats(x);
    return;
  }
  if (!node || typeof node !== "object") return;
  const schema = node as Json;
  const type = schema.type;
  const integer = type === "integer" || (Array.isArray(type) && type.includes("integer"));
  if (integer && schema.format === undefined) {
    const low = schema.minimum ?? schema.exclusiveMinimum;
    const high = schema.maximum ?? schema.exclusiveMaximum;
    if (typeof low === "number" && typeof high === "number" && low >= -INT32_MAX - 1 && high <= INT32_MAX) {
      schema.format = "int32";
    } else {
      if (low === undefined) schema.minimum = Number.MIN_SAFE_INTEGER;
      if (high === undefined) schema.maximum = Number.MAX_SAFE_INTEGER;
      schema.format = "int64";
    }
  }
  for (const value of Object.values(schema)) integerFormats(value);
}

/** The JSON type(s) a schema's instances have, following `$ref`s into `components/schemas`; [] when unknown. */
function typesOf(schema: Json | undefined, schemas: Record<string, Json>, seen = new Set<string>()): string[] {
  if (!schema) return [];
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    if (seen.has(name)) return [];
    return typesOf(schemas[name], schemas, new Set([...seen, name]));
  }
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  const branches = (schema.allOf ?? schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (!branches) return [];
  const each = branches.map((b) => typesOf(b, schemas, seen));
  if (each.some((t) => t.length === 0)) return [];
  if (schema.allOf) return each.reduce((a, b) => a.filter((t) => b.includes(t)));
  return [...new Set(each.flat())];
}

/** Keywords that only annotate a schema: beside a `$ref`, they describe the use without changing the type. */
const ANNOTATIONS = new Set(["description", "example", "examples", "title", "deprecated", "readOnly", "writeOnly"]);

/**
 * Schemas every tool reads the same way, Scalar's strict reader included (it rejected 13 schemas of the
 * generated document with "Expected union value"), without changing what any schema accepts:
 * - a `$ref` with a use-specific description, which the generator wraps as `allOf: [{$ref}, {description}]`,
 *   becomes the `$ref` with the description beside it (OpenAPI 3.1 allows siblings of `$ref` in a schema);
 * - a composition (`allOf`, `anyOf`, `oneOf`: an extended object, a nullable reference) states its `type`,
 *   read from its branches (`object`; `["object", "null"]`), so no schema is left without one.
 */
export function typedSchemas(doc: Json): void {
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) walk(x);
      return;
    }
    if (!node || typeof node !== "object") return;
    const schema = node as Json;
    for (const value of Object.values(schema)) walk(value);
    const allOf = schema.allOf as Json[] | undefined;
    const [first, second] = allOf ?? [];
    if (
      allOf?.length === 2 &&
      typeof first?.$ref === "string" &&
      Object.keys(first).length === 1 &&
      second &&
      Object.keys(second).every((k) => ANNOTATIONS.has(k))
    ) {
      delete schema.allOf;
      schema.$ref = first.$ref;
      for (const [k, v] of Object.entries(second)) if (!(k in schema)) schema[k] = v;
      return;
    }
    if ((schema.allOf || schema.anyOf || schema.oneOf) && schema.type === undefined) {
      const types = typesOf(schema, schemas);
      if (types.length === 1) schema.type = types[0];
      else if (types.length > 1) schema.type = types;
    }
  };
  walk(doc.components);
  walk(doc.paths);
}
