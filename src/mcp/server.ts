/**
 * The Model Context Protocol server: read-only tools and resources over the same answers the REST API gives.
 * Every tool is a call of a REST operation made in-process (through the app, its hot path and its caches, not
 * over the network), so nothing is presented twice: a tool's structured result is the operation's JSON body,
 * validated against the schema the OpenAPI document gives it, with its `citation` and permalink; a bad
 * argument is a tool error (the SDK's validation, or the operation's own problem document), never a 5xx.
 * Resources are the records addressed by their permalinks. Loaded lazily by src/routes/mcp.
 */
import { McpServer, ProtocolError, ProtocolErrorCode, ResourceTemplate } from "@modelcontextprotocol/server";
import { z } from "zod";
import { checkBudget, estimateBudget } from "../routes/budgets/budgets.routes";
import { checkClaim } from "../routes/claims/claims.routes";
import { getEntity, listEntityRelations } from "../routes/entities/entities.routes";
import { listEvents } from "../routes/events/events.routes";
import { FACT_STATUSES, FACT_TOPICS, LANGS, PARTNERSHIP_STATUSES, SEARCH_KINDS } from "../domain";
import { getFact, listFacts } from "../routes/facts/facts.routes";
import { getFigure } from "../routes/figures/figures.routes";
import { listPartnerships } from "../routes/partnerships/partnerships.routes";
import { search } from "../routes/search/search.routes";

/** A GET of the REST API, answered in-process: the status and the body as text. */
export type Api = (path: string, accept?: string) => Promise<{ status: number; body: string }>;

/** What the cache hints promise: the REST answers' own max-age; results name the release that answered. */
const TTL_MS = 300_000;
const RELEASE_META = "alliance-facts/release";

const lang = z.enum(LANGS).optional().describe("Language of the texts: en (default), ja, zh (Simplified), zh-Hant.");
const id = (what: string, example: string) =>
  z.string().min(1).max(200).describe(`The ${what}'s id (aliases and former ids work too), e.g. ${example}.`);
const limit = z.number().int().min(1).max(100).optional().describe("Page size, 1–100 (default 20).");
const cursor = z.string().min(1).max(500).optional().describe("`meta.next_cursor` of the previous page.");

/** The JSON schema the spec documents for an operation's 200 answer. */
// biome-ignore lint/suspicious/noExplicitAny: route contracts are typed per operation
const answerOf = (route: { responses: any }) => route.responses[200].content["application/json"].schema as z.ZodType;

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** `?a=1&b=2` from the defined values. */
function query(params: Record<string, string | number | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

type ToolResult = {
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

/** A problem document as a tool error the model can act on. */
function toolError(status: number, body: string): ToolResult {
  let text = `HTTP ${status}`;
  try {
    const p = JSON.parse(body) as { title?: string; detail?: string; suggestions?: string[] };
    text = `${p.title ?? text}: ${p.detail ?? ""}${p.suggestions?.length ? ` Close ids: ${p.suggestions.join(", ")}.` : ""}`;
  } catch {
    // not a problem document: the status says enough
  }
  return { content: [{ type: "text", text }], isError: true };
}

/** One REST GET as a tool result: its JSON body as structured content and as text. */
async function call(api: Api, path: string): Promise<ToolResult> {
  const { status, body } = await api(path);
  if (status !== 200) return toolError(status, body);
  return { content: [{ type: "text", text: body }], structuredContent: JSON.parse(body) as Record<string, unknown> };
}

const enc = encodeURIComponent;

/** The resource kinds: their permalink paths (as the records' `citation.permalink` names them), REST paths. */
const KINDS = [
  { name: "fact", page: "/facts/", rest: "/v1/facts", title: "Fact" },
  { name: "entity", page: "/entities/", rest: "/v1/entities", title: "Entity" },
  { name: "figure", page: "/v1/figures/", rest: "/v1/figures", title: "Figure" },
  { name: "partnership", page: "/partnerships/", rest: "/v1/partnerships", title: "Partnership" },
] as const;

interface ListCursor {
  k: number;
  c: string | null;
}
const encodeCursor = (x: ListCursor) => btoa(JSON.stringify(x));
function decodeCursor(s: string | undefined): ListCursor {
  if (s === undefined) return { k: 0, c: null };
  try {
    const x = JSON.parse(atob(s)) as ListCursor;
    if (Number.isInteger(x.k) && x.k >= 0 && x.k < KINDS.length && (x.c === null || typeof x.c === "string")) return x;
  } catch {
    // fall through
  }
  throw new ProtocolError(ProtocolErrorCode.InvalidParams, "Invalid cursor: pass nextCursor as it was given.");
}

const SERVER_INSTRUCTIONS =
  "Citable facts about the Apple × Alibaba AI partnership in China. Every result carries a `citation` (plain text, Markdown, permalink, sources): quote `citation.text` or `citation.markdown` and link the permalink. Before posting a sentence about this story, run `check_claim` on it. Everything is read-only.";

/** A fresh server for one request: tools and resources over `api`, links under `origin`. */
export function buildServer(api: Api, origin: string): McpServer {
  const server = new McpServer(
    { name: "alliance-facts", title: "Alliance Facts API", version: "1.0.0", websiteUrl: `${origin}/` },
    {
      instructions: SERVER_INSTRUCTIONS,
      capabilities: { tools: { listChanged: false }, resources: { listChanged: false } },
      cacheHints: {
        "tools/list": { ttlMs: TTL_MS, cacheScope: "public" },
        "resources/list": { ttlMs: TTL_MS, cacheScope: "public" },
        "resources/templates/list": { ttlMs: TTL_MS, cacheScope: "public" },
        "resources/read": { ttlMs: TTL_MS, cacheScope: "public" },
      },
    },
  );

  server.registerTool(
    "search",
    {
      title: "Search",
      description:
        "Ranked hits across entities, facts, events and sources for `q` in English, Japanese or Chinese (names, aliases and the source article's misspellings, texts, quotes). Every word must occur. Follow a hit's `href` with get_fact / get_entity for its citation.",
      inputSchema: z.object({
        q: z.string().trim().min(1).max(100).describe("What to look for, 1–100 characters, any language."),
        type: z.array(z.enum(SEARCH_KINDS)).min(1).optional().describe("Only these kinds of records."),
        lang,
        limit: z.number().int().min(1).max(50).optional().describe("The most hits, 1–50 (default 10)."),
      }),
      outputSchema: answerOf(search),
      annotations: { title: "Search", ...READ_ONLY },
    },
    ({ q, type, lang, limit }) => call(api, `/v1/search${query({ q, type: type?.join(","), lang, limit })}`),
  );

  server.registerTool(
    "get_fact",
    {
      title: "Get a fact",
      description:
        "One citable fact: its statement, status (reported, analysis, inferred, disputed), entities, figures, sources and `citation`. `format` picks the text content: json (default), text (one quotable line with sources and permalink) or markdown (a quote with linked sources); the structured result is always the JSON record.",
      inputSchema: z.object({
        id: id("fact", "apple-selected-alibaba-china-ai-partner"),
        format: z.enum(["json", "text", "markdown"]).optional().describe("The text content's format (default json)."),
        lang,
      }),
      outputSchema: answerOf(getFact),
      annotations: { title: "Get a fact", ...READ_ONLY },
    },
    async ({ id, format, lang }) => {
      const path = `/v1/facts/${enc(id)}${query({ lang })}`;
      const json = await call(api, path);
      if (json.isError || !format || format === "json") return json;
      const { status, body } = await api(path, format === "text" ? "text/plain" : "text/markdown");
      if (status !== 200) return toolError(status, body);
      return { ...json, content: [{ type: "text", text: body }] };
    },
  );

  server.registerTool(
    "list_facts",
    {
      title: "List facts",
      description:
        "A page of facts, filtered like GET /v1/facts: by entity, topic, status or cited source. Page with `cursor` (`meta.next_cursor`).",
      inputSchema: z.object({
        entity: z.string().min(1).max(80).optional().describe("Only facts about this entity (id or alias)."),
        topic: z.enum(FACT_TOPICS).optional().describe("Only facts of this topic."),
        status: z.enum(FACT_STATUSES).optional().describe("Only facts with this status."),
        source: z.string().min(1).max(80).optional().describe("Only facts citing this source (id)."),
        lang,
        limit,
        cursor,
      }),
      outputSchema: answerOf(listFacts),
      annotations: { title: "List facts", ...READ_ONLY },
    },
    (args) => call(api, `/v1/facts${query(args)}`),
  );

  server.registerTool(
    "get_entity",
    {
      title: "Get an entity",
      description:
        "A company, person, model, product, device, regulator or publication: names in every language, aliases (including the article's misspellings), description, and its relations (subsidiary_of, partner_of, derived_from…) with the other entity of each.",
      inputSchema: z.object({ id: id("entity", "alibaba-cloud"), lang }),
      outputSchema: z.object({ entity: answerOf(getEntity), relations: answerOf(listEntityRelations) }),
      annotations: { title: "Get an entity", ...READ_ONLY },
    },
    async ({ id, lang }) => {
      const entity = await call(api, `/v1/entities/${enc(id)}${query({ lang })}`);
      if (entity.isError) return entity;
      const canonical = (entity.structuredContent as { data: { id: string } }).data.id;
      const relations = await call(api, `/v1/entities/${enc(canonical)}/relations${query({ lang })}`);
      if (relations.isError) return relations;
      const structuredContent = { entity: entity.structuredContent, relations: relations.structuredContent };
      return { content: [{ type: "text", text: JSON.stringify(structuredContent) }], structuredContent };
    },
  );

  server.registerTool(
    "get_figure",
    {
      title: "Get a figure",
      description:
        "One typed number (parameter count, memory footprint, latency, market share or rank…) with its unit, conditions (device, precision), date, kind (reported, measured, recommended_limit, derived), the sentence it was read from and its `citation`.",
      inputSchema: z.object({ id: id("figure", "qwen-2-2b-fp16-memory-iphone-15-pro"), lang }),
      outputSchema: answerOf(getFigure),
      annotations: { title: "Get a figure", ...READ_ONLY },
    },
    ({ id, lang }) => call(api, `/v1/figures/${enc(id)}${query({ lang })}`),
  );

  server.registerTool(
    "check_budget",
    {
      title: "Check a model against a budget",
      description:
        "Whether a model's stored figures fit an on-device budget's limits (e.g. qwen-2-2b-pruned against apple-core-ml-on-device-model-budget): a verdict (fits, exceeds, unknown) per limit and overall, with the figures compared and their citations.",
      inputSchema: z.object({
        model: id("model", "qwen-2-2b-pruned"),
        budget: id("budget", "apple-core-ml-on-device-model-budget"),
        lang,
      }),
      outputSchema: answerOf(checkBudget),
      annotations: { title: "Check a model against a budget", ...READ_ONLY },
    },
    ({ model, budget, lang }) => call(api, `/v1/budget-checks${query({ model, budget, lang })}`),
  );

  server.registerTool(
    "estimate_budget",
    {
      title: "Estimate weight memory",
      description:
        "The memory a model's weights need at a precision (parameters × bits ÷ 8), compared with a budget's memory limit when one is given.",
      inputSchema: z.object({
        parameters: z.string().min(1).max(200).describe("Parameter count: 2.2B, 7e9, 500M…"),
        bits: z.string().min(1).max(200).describe("Bits per weight (1–64) or FP32, FP16, BF16, INT8, INT4."),
        budget: z.string().min(1).max(200).optional().describe("A budget id to compare with."),
        lang,
      }),
      outputSchema: answerOf(estimateBudget),
      annotations: { title: "Estimate weight memory", ...READ_ONLY },
    },
    (args) => call(api, `/v1/budget-estimate${query(args)}`),
  );

  server.registerTool(
    "list_partnerships",
    {
      title: "List partnerships",
      description:
        "Courtships and partnerships in the story (who Apple courted in China, when, and how each ended), filtered by party or status, with their citations.",
      inputSchema: z.object({
        party: z.string().min(1).max(80).optional().describe("Only partnerships with this party (entity id or alias)."),
        status: z.enum(PARTNERSHIP_STATUSES).optional().describe("Only partnerships with this status."),
        lang,
        limit,
        cursor,
      }),
      outputSchema: answerOf(listPartnerships),
      annotations: { title: "List partnerships", ...READ_ONLY },
    },
    (args) => call(api, `/v1/partnerships${query(args)}`),
  );

  server.registerTool(
    "timeline",
    {
      title: "Timeline",
      description:
        "Events between two dates (inclusive; YYYY, YYYY-MM or YYYY-MM-DD), by date, optionally about one entity or partnership, with their citations.",
      inputSchema: z.object({
        from: z.string().min(4).max(10).optional().describe("Only events on or after this date, e.g. 2024."),
        to: z.string().min(4).max(10).optional().describe("Only events on or before this date, e.g. 2025-02."),
        entity: z.string().min(1).max(80).optional().describe("Only events about this entity."),
        partnership: z.string().min(1).max(80).optional().describe("Only events of this partnership."),
        lang,
        limit,
        cursor,
      }),
      outputSchema: answerOf(listEvents),
      annotations: { title: "Timeline", ...READ_ONLY },
    },
    (args) => call(api, `/v1/events${query(args)}`),
  );

  server.registerTool(
    "check_claim",
    {
      title: "Check a claim",
      description:
        "Checks one sentence in English, Japanese or Chinese against the stored figures and facts, deterministically: supported, contradicted (a stored figure about the same subject and metric has another value), disputed (the matching record is flagged) or unknown. Each match carries the record and its citation, and for numbers the values compared. Run it before posting a sentence about this story.",
      inputSchema: z.object({
        text: z.string().trim().min(1).max(500).describe("The sentence, 1–500 characters."),
        lang: lang.describe("Language of the records returned (the sentence's own language is detected)."),
      }),
      outputSchema: answerOf(checkClaim),
      annotations: { title: "Check a claim", ...READ_ONLY },
    },
    ({ text, lang }) => call(api, `/v1/claims/check${query({ text, lang })}`),
  );

  // Resources: every fact, entity, figure and partnership at its permalink.
  for (const kind of KINDS) {
    server.registerResource(
      kind.name,
      new ResourceTemplate(`${origin}${kind.page}{id}`, { list: undefined }),
      {
        title: `${kind.title}`,
        description: `A ${kind.name} as JSON (GET ${kind.rest}/{id}), with its citation.`,
        mimeType: "application/json",
      },
      async (uri, variables) => {
        const value = variables.id;
        const rid = Array.isArray(value) ? value[0] : value;
        const { status, body } = await api(`${kind.rest}/${enc(decodeURIComponent(rid ?? ""))}`);
        if (status !== 200) {
          throw new ProtocolError(-32002 as ProtocolErrorCode, `Resource not found: ${uri.href}`, { uri: uri.href });
        }
        const release = (JSON.parse(body) as { meta: { release: string } }).meta.release;
        return {
          contents: [{ uri: uri.href, mimeType: "application/json", text: body }],
          _meta: { [RELEASE_META]: release },
        };
      },
    );
  }
  // The listing, paginated: each kind in turn, a REST page at a time.
  server.server.setRequestHandler("resources/list", async (request) => {
    const at = decodeCursor(request.params?.cursor);
    const kind = KINDS[at.k] as (typeof KINDS)[number];
    const { status, body } = await api(`${kind.rest}${query({ limit: 100, cursor: at.c ?? undefined })}`);
    if (status !== 200) throw new ProtocolError(ProtocolErrorCode.InvalidParams, "Invalid cursor.");
    const page = JSON.parse(body) as {
      data: { id: string; name?: string; text?: string; title?: string; display?: string }[];
      meta: { release: string; next_cursor: string | null };
    };
    const next: ListCursor | null = page.meta.next_cursor
      ? { k: at.k, c: page.meta.next_cursor }
      : at.k + 1 < KINDS.length
        ? { k: at.k + 1, c: null }
        : null;
    return {
      resources: page.data.map((r) => ({
        uri: `${origin}${kind.page}${r.id}`,
        name: r.id,
        title: r.name ?? r.title ?? r.text ?? r.id,
        mimeType: "application/json",
      })),
      ...(next ? { nextCursor: encodeCursor(next) } : {}),
      _meta: { [RELEASE_META]: page.meta.release },
    };
  });
  return server;
}
