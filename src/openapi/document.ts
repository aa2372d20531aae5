/** The OpenAPI 3.1 document, generated from the route definitions once per isolate (never per request). */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";

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
  { name: "Releases", description: "Published versions of the dataset and what each changed." },
  { name: "Meta", description: "The spec, the docs and the health check." },
];

let cached: Record<string, unknown> | undefined;

export function openApiDocument(app: OpenAPIHono<AppEnv>, serverUrl = "/"): Record<string, unknown> {
  if (cached) return cached;
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
        "- **Languages**: `?lang=en|ja|zh` wins over `Accept-Language`; default en; `Content-Language` on every answer; a text missing in the asked language is served in English and listed in the record's `fallback`.",
        "- **Errors**: RFC 9457 `application/problem+json` with a `type` per error (see the Problem schema), the offending parameter and a request id.",
        "- **Citing**: every fact, figure and event names its sources; quote the record's text and cite the sources' publishers and dates.",
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
  cached = doc;
  return doc;
}
