/**
 * What `/v1`, `/llms.txt` and the docs say of the MCP server, without loading it: its path, the protocol
 * revisions it answers, its tools (the names src/mcp/server.ts registers; test/mcp.test.ts holds them equal)
 * and a client configuration.
 */
export const MCP_PATH = "/mcp";

/** 2026-07-28, and the 2025-era revisions the SDK's stateless fallback answers. */
export const MCP_PROTOCOL_VERSIONS = [
  "2026-07-28",
  "2025-11-25",
  "2025-06-18",
  "2025-03-26",
  "2024-11-05",
  "2024-10-07",
];

export const MCP_TOOLS: { name: string; summary: string }[] = [
  { name: "search", summary: "ranked hits across entities, facts, events and sources, in en, ja or zh" },
  { name: "get_fact", summary: "one citable fact, as JSON, text or Markdown" },
  { name: "list_facts", summary: "facts filtered by entity, topic, status or source" },
  { name: "get_entity", summary: "an entity with its names, aliases and relations" },
  { name: "get_figure", summary: "one typed number with its conditions and provenance" },
  { name: "check_budget", summary: "a model's figures against an on-device budget" },
  { name: "estimate_budget", summary: "weight memory from a parameter count and a precision" },
  { name: "list_partnerships", summary: "who courted whom, with status" },
  { name: "timeline", summary: "events between two dates" },
  {
    name: "check_claim",
    summary: "a sentence's verdict against the record: supported, contradicted, disputed or unknown",
  },
];

/** The `mcpServers` entry a client configuration takes (Claude Desktop, Cursor, VS Code…). */
export const mcpClientConfig = (origin: string) => ({
  mcpServers: { "alliance-facts": { type: "http" as const, url: `${origin}${MCP_PATH}` } },
});
