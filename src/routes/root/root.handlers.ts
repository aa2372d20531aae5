import type { RouteHandler } from "@hono/zod-openapi";
import { LANG_TAGS, LANGS, type Lang } from "../../dataset/schema";
import type { AppEnv } from "../../env";
import { orm } from "../../queries/common";
import { absolute, origin } from "../../lib/urls";
import { MCP_PATH, MCP_PROTOCOL_VERSIONS, MCP_TOOLS, mcpClientConfig } from "../../mcp/catalog";
import { countReleases } from "../../queries/releases";
import { COLLECTIONS, type getIndex } from "./root.routes";

const LANGUAGE_NAMES: Record<Lang, string> = {
  en: "English",
  ja: "Japanese",
  zh: "Simplified Chinese",
  "zh-Hant": "Traditional Chinese (converted from Simplified at publish)",
};

export const index: RouteHandler<typeof getIndex, AppEnv> = async (c) => {
  const release = c.get("release");
  const releases = await countReleases(orm(c.get("d1")));
  return c.json(
    {
      data: {
        name: "Alliance Facts API",
        description:
          "Citable facts about AI alliances: the Apple × Alibaba partnership in China, its entities, model-budget figures and partnership history.",
        release: {
          version: release.version,
          published_at: release.publishedAt,
          href: absolute(c, `/v1/releases/${release.version}`),
        },
        collections: COLLECTIONS.map((name) => ({
          name,
          href: absolute(c, `/v1/${name}`),
          count: name === "releases" ? releases : (release.counts[name] ?? 0),
        })),
        languages: LANGS.map((lang) => ({ lang, tag: LANG_TAGS[lang], name: LANGUAGE_NAMES[lang] })),
        links: {
          openapi: absolute(c, "/openapi.json"),
          docs: absolute(c, "/docs"),
          search: absolute(c, "/v1/search?q=Qwen"),
          claim_check: absolute(c, "/v1/claims/check?text=Apple%20ranked%20second%20in%20China"),
          mcp: absolute(c, MCP_PATH),
          health: absolute(c, "/healthz"),
        },
        mcp: {
          url: absolute(c, MCP_PATH),
          transport: "streamable-http",
          protocol_versions: MCP_PROTOCOL_VERSIONS,
          tools: MCP_TOOLS.map((t) => t.name),
          client_config: mcpClientConfig(origin(c)),
        },
      },
      meta: { release: release.version, lang: c.get("lang") },
      links: { self: absolute(c, "/v1") },
    },
    200,
  );
};
