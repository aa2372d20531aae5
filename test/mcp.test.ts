/**
 * `/mcp` through the SDK's own client over its Streamable HTTP transport, against the worker in workerd, in
 * both protocol eras (2026-07-28, and the 2025 `initialize` handshake): discovery, tools and resources listed,
 * every tool called with valid input (its structured result is the REST operation's whole body) and with
 * invalid input (a tool error, never a 5xx), resources listed page by page and read. Then the endpoint's
 * HTTP behaviour: Origin and Host validation, methods, rate limiting.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MCP_TOOLS } from "../src/mcp/catalog";
import { BASE, currentVersion, request } from "./helpers";

const ERAS = { modern: { mode: { pin: "2026-07-28" } }, legacy: { mode: "legacy" } } as const;
type Era = keyof typeof ERAS;

async function connect(era: Era) {
  const client = new Client({ name: "test", version: "1.0.0" }, { versionNegotiation: ERAS[era] as never });
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    fetch: (url, init) => {
      const u = new URL(String(url));
      return request(`${u.pathname}${u.search}`, init as RequestInit);
    },
  });
  await client.connect(transport);
  return client;
}

const rest = async (path: string, accept = "application/json") => {
  const res = await request(path, { headers: { Accept: accept } });
  expect(res.status, path).toBe(200);
  return accept === "application/json" ? ((await res.json()) as Record<string, unknown>) : await res.text();
};

/** A JSON-RPC request of the 2025 era, sent by hand (for a single page of a list). */
async function rpc(method: string, params: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await request("/mcp", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      "MCP-Protocol-Version": "2025-06-18",
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const text = await res.text();
  const json = text.startsWith("{") ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? "null");
  return { res, body: JSON.parse(json) as { result?: Record<string, unknown>; error?: { code: number } } };
}

const TOOLS = [
  "search",
  "get_fact",
  "list_facts",
  "get_entity",
  "get_figure",
  "check_budget",
  "estimate_budget",
  "list_partnerships",
  "timeline",
  "check_claim",
];

/** Valid calls: the tool's arguments and the REST request(s) whose body its structured result is. */
const VALID: [string, Record<string, unknown>, () => Promise<unknown>][] = [
  ["search", { q: "Bacchus", limit: 3 }, () => rest("/v1/search?q=Bacchus&limit=3")],
  ["list_facts", { topic: "model_budget", limit: 5 }, () => rest("/v1/facts?topic=model_budget&limit=5")],
  [
    "get_entity",
    { id: "aliyun", lang: "ja" },
    async () => ({
      entity: await rest("/v1/entities/alibaba-cloud?lang=ja"),
      relations: await rest("/v1/entities/alibaba-cloud/relations?lang=ja"),
    }),
  ],
  ["get_figure", { id: "apple-china-smartphone-rank" }, () => rest("/v1/figures/apple-china-smartphone-rank")],
  [
    "check_budget",
    { model: "qwen-2-2b-pruned", budget: "apple-core-ml-on-device-model-budget" },
    () => rest("/v1/budget-checks?model=qwen-2-2b-pruned&budget=apple-core-ml-on-device-model-budget"),
  ],
  [
    "estimate_budget",
    { parameters: "2.2B", bits: "FP16" },
    () => rest("/v1/budget-estimate?parameters=2.2B&bits=FP16"),
  ],
  ["list_partnerships", { party: "apple" }, () => rest("/v1/partnerships?party=apple")],
  ["timeline", { from: "2024", to: "2025" }, () => rest("/v1/events?from=2024&to=2025")],
  [
    "check_claim",
    { text: "Apple ranked second in China" },
    () => rest(`/v1/claims/check?text=${encodeURIComponent("Apple ranked second in China")}`),
  ],
];

/** Invalid calls: the tool error's text (the SDK's validation, or the REST operation's problem). */
const INVALID: [string, Record<string, unknown>, string][] = [
  [
    "search",
    { q: "" },
    "Input validation error: Invalid arguments for tool search: q: Too small: expected string to have >=1 characters",
  ],
  ["get_fact", { id: "apple-selected-baidu" }, 'Not found: No fact has the id "apple-selected-baidu".'],
  [
    "list_facts",
    { topic: "weather" },
    "Input validation error: Invalid arguments for tool list_facts: topic: Invalid option",
  ],
  ["get_entity", { id: "nobody-at-all" }, 'Not found: No entity has the id "nobody-at-all".'],
  [
    "get_figure",
    { id: 7 },
    "Input validation error: Invalid arguments for tool get_figure: id: Invalid input: expected string, received number",
  ],
  ["check_budget", { model: "apple", budget: "apple-core-ml-on-device-model-budget" }, "Invalid parameter: model"],
  ["estimate_budget", { parameters: "lots", bits: "FP16" }, "Invalid parameter: parameters must be a parameter count"],
  ["list_partnerships", { cursor: "not-a-cursor" }, "Invalid cursor"],
  ["timeline", { from: "2025-02-30" }, "Invalid parameter: from must be a real calendar date"],
  [
    "check_claim",
    { text: "x".repeat(501) },
    "Input validation error: Invalid arguments for tool check_claim: text: Too big",
  ],
];

for (const era of ["modern", "legacy"] as const) {
  describe(`/mcp, ${era} era`, () => {
    let client: Client;
    beforeAll(async () => {
      client = await connect(era);
    });
    afterAll(async () => {
      await client.close();
    });

    it("connects in its era and says who it is", () => {
      expect(client.getProtocolEra()).toBe(era);
      expect(client.getServerVersion()).toEqual({
        name: "alliance-facts",
        title: "Alliance Facts API",
        version: "1.0.0",
        websiteUrl: "http://api.test/",
      });
      expect(client.getInstructions()).toContain("check_claim");
      expect(client.getServerCapabilities()?.tools).toBeDefined();
      expect(client.getServerCapabilities()?.resources).toBeDefined();
    });

    it("lists its read-only tools, each with input and output schemas", async () => {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(TOOLS);
      for (const t of tools) {
        expect(t.annotations, t.name).toMatchObject({ readOnlyHint: true, destructiveHint: false });
        expect(t.description?.length, t.name).toBeGreaterThan(40);
        expect(t.inputSchema.type).toBe("object");
        expect(t.outputSchema?.type, t.name).toBe("object");
      }
    });

    for (const [name, args, expected] of VALID) {
      it(`calls ${name}: the structured result is the REST body`, async () => {
        const result = await client.callTool({ name, arguments: args });
        expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
        const want = await expected();
        expect(result.structuredContent).toEqual(want);
        expect(JSON.parse((result.content as { text: string }[])[0]?.text ?? "")).toEqual(want);
      });
    }

    it("get_fact answers text and markdown as the REST representations, with the JSON record beside", async () => {
      const id = "apple-selected-alibaba-china-ai-partner";
      for (const [format, accept] of [
        ["text", "text/plain"],
        ["markdown", "text/markdown"],
      ] as const) {
        const result = await client.callTool({ name: "get_fact", arguments: { id, format, lang: "ja" } });
        expect(result.content).toEqual([{ type: "text", text: await rest(`/v1/facts/${id}?lang=ja`, accept) }]);
        expect(result.structuredContent).toEqual(await rest(`/v1/facts/${id}?lang=ja`));
      }
      const json = await client.callTool({ name: "get_fact", arguments: { id } });
      const body = (json.structuredContent as { data: { citation: { permalink: string } } }).data;
      expect(body.citation.permalink).toBe(`http://api.test/facts/${id}`);
    });

    for (const [name, args, text] of INVALID) {
      it(`calls ${name} with invalid input: a tool error`, async () => {
        const result = await client.callTool({ name, arguments: args });
        expect(result.isError).toBe(true);
        expect((result.content as { text: string }[])[0]?.text).toContain(text);
      });
    }

    it("lists every fact, entity, figure and partnership as a resource at its permalink, and reads them", async () => {
      const { resources } = await client.listResources();
      const index = (await rest("/v1")) as { data: { collections: { name: string; count: number }[] } };
      const count = (name: string) => index.data.collections.find((x) => x.name === name)?.count ?? 0;
      expect(count("facts")).toBeGreaterThan(50);
      expect(resources.length).toBe(count("facts") + count("entities") + count("figures") + count("partnerships"));
      const uris = resources.map((r) => r.uri);
      for (const uri of [
        "http://api.test/facts/apple-selected-alibaba-china-ai-partner",
        "http://api.test/entities/alibaba-cloud",
        "http://api.test/v1/figures/apple-china-smartphone-rank",
        "http://api.test/partnerships/apple-alibaba-apple-intelligence-china",
      ])
        expect(uris).toContain(uri);
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual([
        "http://api.test/facts/{id}",
        "http://api.test/entities/{id}",
        "http://api.test/v1/figures/{id}",
        "http://api.test/partnerships/{id}",
      ]);
      const read = await client.readResource({ uri: "http://api.test/entities/alibaba-cloud" });
      expect(read.contents).toEqual([
        {
          uri: "http://api.test/entities/alibaba-cloud",
          mimeType: "application/json",
          text: JSON.stringify(await rest("/v1/entities/alibaba-cloud")),
        },
      ]);
      expect(read._meta?.["alliance-facts/release"]).toBe(await currentVersion());
      await expect(client.readResource({ uri: "http://api.test/facts/no-such-fact" })).rejects.toThrow(/not found/i);
    });
  });
}

describe("/mcp over HTTP", () => {
  it("pages resources/list with nextCursor, a kind at a time; a bad cursor is an invalid-params error", async () => {
    const first = await rpc("resources/list", {});
    expect(first.res.status).toBe(200);
    const page1 = first.body.result as { resources: { uri: string }[]; nextCursor: string };
    expect(page1.resources.length).toBeGreaterThan(0);
    expect(page1.resources.every((r) => r.uri.startsWith("http://api.test/facts/"))).toBe(true);
    const all: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { body } = await rpc("resources/list", cursor ? { cursor } : {});
      const page = body.result as { resources: { uri: string }[]; nextCursor?: string };
      all.push(...page.resources.map((r) => r.uri));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(new Set(all).size).toBe(all.length);
    const bad = await rpc("resources/list", { cursor: "nonsense" });
    expect(bad.res.status).toBe(200);
    expect(bad.body.error?.code).toBe(-32602);
  });

  it("modern results carry cache hints bound to the release", async () => {
    const client = await connect("modern");
    const res = await client.request({
      method: "resources/read",
      params: { uri: "http://api.test/v1/figures/apple-china-smartphone-rank" },
    } as never);
    expect(res).toMatchObject({
      ttlMs: 300_000,
      cacheScope: "public",
      _meta: { "alliance-facts/release": await currentVersion() },
    });
    await client.close();
  });

  it("refuses a browser page from another origin and a Host it does not serve (DNS rebinding)", async () => {
    const evil = await rpc("tools/list", {}, { Origin: "https://evil.example" });
    expect(evil.res.status).toBe(403);
    const local = await rpc("tools/list", {}, { Origin: "http://localhost:6274" });
    expect(local.res.status).toBe(200);
    const none = await rpc("tools/list", {});
    expect(none.res.status).toBe(200);
    const { exports } = await import("cloudflare:workers");
    const rebound = await (exports as unknown as { default: { fetch(r: Request): Promise<Response> } }).default.fetch(
      new Request("http://evil.test/mcp", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
      }),
    );
    expect(rebound.status).toBe(403);
  });

  it("takes POST for JSON-RPC: a plain GET says what the endpoint is, an event-stream GET and DELETE are 405", async () => {
    const about = await request("/mcp");
    expect(about.status).toBe(200);
    expect(await about.json()).toEqual({
      name: "Alliance Facts API (Model Context Protocol)",
      description:
        "POST JSON-RPC here with an MCP client (Streamable HTTP, stateless). Read-only tools and resources over the /v1 API; every result carries its citation and permalink.",
      url: "http://api.test/mcp",
      transport: "streamable-http",
      protocol_versions: ["2026-07-28", ...SUPPORTED_PROTOCOL_VERSIONS],
      tools: MCP_TOOLS,
      client_config: { mcpServers: { "alliance-facts": { type: "http", url: "http://api.test/mcp" } } },
      docs: "http://api.test/docs",
    });
    expect(MCP_TOOLS.map((t) => t.name)).toEqual(TOOLS);
    expect((await request("/mcp", { headers: { Accept: "text/event-stream" } })).status).toBe(405);
    expect((await request("/mcp", { method: "DELETE" })).status).toBe(405);
    const put = await request("/mcp", { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    const preflight = await request("/mcp", {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:6274",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, mcp-protocol-version",
      },
    });
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET,POST,DELETE,OPTIONS");
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toBe("content-type,mcp-protocol-version");
    // Its answers expose the MCP session header too (the app-wide CORS fields do not list it).
    const { res } = await rpc("tools/list", {});
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Expose-Headers")?.split(",")).toEqual(
      expect.arrayContaining(["Mcp-Session-Id", "RateLimit", "ETag"]),
    );
  });

  it("is rate limited like REST: one MCP request counts once", async () => {
    const { res } = await rpc(
      "tools/call",
      { name: "get_figure", arguments: { id: "apple-china-smartphone-rank" } },
      {
        "CF-Connecting-IP": "203.0.113.77",
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("RateLimit")).toMatch(/^"default";r=29;t=\d+$/);
  });
});
