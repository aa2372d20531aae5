/**
 * `/mcp`: the Model Context Protocol endpoint (Streamable HTTP, stateless: a fresh server per request, no
 * session), serving the 2026-07-28 revision and 2025-era clients (the SDK's `createMcpHandler`). Loaded lazily
 * like every router, with the SDK, on the first request for `/mcp`.
 *
 * DNS rebinding (the protocol's Streamable HTTP guidance): a request from a browser (with `Origin`) is served
 * only from an allowed origin — localhost, `PUBLIC_ORIGIN`'s host, or one listed in `MCP_ALLOWED_ORIGINS` — and,
 * when `MCP_ALLOWED_HOSTS` or `PUBLIC_ORIGIN` names the server's hosts, `Host` must be one of them (or localhost).
 * Clients without `Origin` (agents, SDKs) pass. Rate limits are the app's, as for REST: one MCP request counts
 * once; the REST calls a tool makes in-process are not counted again.
 */
import {
  createMcpHandler,
  localhostAllowedHostnames,
  originValidationResponse,
  validateHostHeader,
} from "@modelcontextprotocol/server";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { createRouter } from "../../lib/router";
import { origin } from "../../lib/urls";
import { MCP_PATH, MCP_PROTOCOL_VERSIONS, MCP_TOOLS, mcpClientConfig } from "../../mcp/catalog";
import { type Api, buildServer } from "../../mcp/server";

const list = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** The 403 for a request from a host or origin this server does not serve, or undefined. */
function rejected(c: Context<AppEnv>): Response | undefined {
  const local = localhostAllowedHostnames();
  const publicHost = c.env.PUBLIC_ORIGIN ? [new URL(c.env.PUBLIC_ORIGIN).hostname] : [];
  const hosts = [...publicHost, ...list(c.env.MCP_ALLOWED_HOSTS)];
  const request = c.req.raw;
  if (hosts.length) {
    // Workers put the Host in the URL (a constructed Request may carry no Host header).
    const host = validateHostHeader(request.headers.get("Host") ?? new URL(request.url).host, [...local, ...hosts]);
    if (!host.ok) {
      return Response.json(
        { jsonrpc: "2.0", error: { code: -32000, message: host.message }, id: null },
        { status: 403 },
      );
    }
  }
  return originValidationResponse(request, [...local, ...publicHost, ...list(c.env.MCP_ALLOWED_ORIGINS)]);
}

const router = createRouter();

router.all("/mcp", async (c) => {
  const refused = rejected(c);
  if (refused) return refused;
  // A GET that does not ask for an event stream (a browser, a link checker) gets what the endpoint is.
  const method = c.req.method;
  if ((method === "GET" || method === "HEAD") && !(c.req.header("Accept") ?? "").includes("text/event-stream")) {
    const at = origin(c);
    return c.json({
      name: "Alliance Facts API (Model Context Protocol)",
      description:
        "POST JSON-RPC here with an MCP client (Streamable HTTP, stateless). Read-only tools and resources over the /v1 API; every result carries its citation and permalink.",
      url: `${at}${MCP_PATH}`,
      transport: "streamable-http",
      protocol_versions: MCP_PROTOCOL_VERSIONS,
      tools: MCP_TOOLS,
      client_config: mcpClientConfig(at),
      docs: `${at}/docs`,
    });
  }
  const state = c.get("state");
  const base = new URL(c.req.url).origin;
  let ctx: ExecutionContext | undefined;
  try {
    ctx = c.executionCtx as ExecutionContext;
  } catch {
    ctx = undefined;
  }
  const api: Api = async (path, accept = "application/json") => {
    let url = `${base}${path}`;
    // Aliases and former ids answer a 308 to the record: follow it (twice at most).
    for (let hop = 0; hop < 3; hop++) {
      const res = await state.appFetch(new Request(url, { headers: { Accept: accept } }), c.env, ctx);
      const location = res.headers.get("Location");
      if (res.status === 308 && location) {
        url = new URL(location, url).href;
        continue;
      }
      return { status: res.status, body: await res.text() };
    }
    return { status: 508, body: "" };
  };
  const handler = createMcpHandler(() => buildServer(api, origin(c)));
  return handler.fetch(c.req.raw);
});

export default router;
