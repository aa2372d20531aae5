/**
 * A typed client of the Alliance Facts API: openapi-fetch over the types generated from the spec snapshot
 * (client/schema.d.ts, `npm run client:generate`).
 *
 *   const api = createAllianceClient("https://alliance-facts.example.workers.dev");
 *   const { data, error } = await api.GET("/v1/facts/{id}", { params: { path: { id: "apple-selected-alibaba-china-ai-partner" } } });
 *   if (data) console.log(data.data.text, data.data.citation);
 *
 * `verify(response)` checks an answer's Content-Digest and signature against the keys the API publishes
 * (client/verify.ts).
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "./schema";

export type { components, operations, paths };
export { type PublishedKey, publishedKeys, type Verification, type VerifyOptions, verify } from "./verify";
/**
 * The media types whose bodies the client parses as JSON and types: the default representation and problems.
 * Other representations (Markdown, plain text, HTML, Atom, NDJSON) are read with `parseAs: "text"`.
 */
export type JsonMedia = "application/json" | "application/problem+json";
export type AllianceClient = Client<paths, JsonMedia>;

/** A client for the API at `baseUrl`; pass `fetch` to route requests elsewhere (a test, a service binding). */
export function createAllianceClient(
  baseUrl: string,
  fetch?: (request: Request) => Promise<Response>,
): AllianceClient {
  return createClient<paths, JsonMedia>({ baseUrl, ...(fetch ? { fetch } : {}) });
}
