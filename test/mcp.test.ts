import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { BASE, request } from "./helpers";

const ERAS = { modern: { mode: { pin: "2026-07-28" } }, legacy: { mode: "legacy" } } as const;

async function connect(era: keyof typeof ERAS) {
  const client = new Client({ name: "test", version: "1.0.0" }, { versionNegotiation: ERAS[era] as never });
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    fetch: (url, init) => request(new URL(String(url)).pathname, init as RequestInit),
  });
  await client.connect(transport);
  return client;
}

describe("/mcp", () => {
  for (const era of ["modern", "legacy"] as const) {
    it(`${era}: lists and calls tools`, async () => {
      const client = await connect(era);
      expect(client.getProtocolEra()).toBe(era);
      const { tools } = await client.listTools();
      console.log(tools.map((t) => t.name).join(","));
      const r = await client.callTool({ name: "get_figure", arguments: { id: "apple-china-smartphone-rank" } });
      console.log(JSON.stringify(r).slice(0, 500));
      const bad = await client.callTool({ name: "get_figure", arguments: { id: "" } });
      console.log(JSON.stringify(bad).slice(0, 500));
      const nf = await client.callTool({ name: "get_figure", arguments: { id: "nope" } });
      console.log(JSON.stringify(nf).slice(0, 500));
      const res = await client.listResources();
      console.log(res.resources.length, res.nextCursor, JSON.stringify(res).slice(0, 300));
      const read = await client.readResource({ uri: res.resources[0]?.uri as string });
      console.log(JSON.stringify(read).slice(0, 300));
      await client.close();
    });
  }
});
