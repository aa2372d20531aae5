import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Dataset, Fact, Lang, Localized } from "../src/dataset/schema";
import { esc } from "../src/routes/pages/html";
import { BASE, request } from "./helpers";
import { parsePage } from "./html";
import { getDocumented } from "./spec";

const d = env.TEST_DATASET;
const FACT = "apple-selected-alibaba-china-ai-partner";
const pick = (t: Localized, lang: Lang) => t[lang] ?? t.en;
const entity = (id: string) => d.entities.find((e) => e.id === id) as Dataset["entities"][number];
const source = (id: string) => d.sources.find((s) => s.id === id) as Dataset["sources"][number];
const fact = (id: string) => d.facts.find((f) => f.id === id) as Fact;
const oembed = (url: string, extra = "") => `/oembed?url=${encodeURIComponent(url)}${extra}`;

interface Card {
  type: string;
  version: string;
  title: string;
  author_name?: string;
  author_url?: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  thumbnail_url: string;
  html: string;
  width: number;
  height: number;
}
interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  request_id: string;
  errors?: { parameter: string; in: string }[];
  suggestions?: string[];
}

describe("GET /oembed", () => {
  it("answers a fact's permalink with a rich card (oEmbed 1.0)", async () => {
    const f = fact(FACT);
    const first = source(f.sources[0] as string);
    const { res, body } = await getDocumented<Card>(oembed(`${BASE}/facts/${FACT}`, "&format=json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json");
    expect(res.headers.get("Content-Language")).toBe("en");
    expect(body).toEqual({
      type: "rich",
      version: "1.0",
      title: f.text.en,
      author_name: entity(first.publisher).name.en,
      author_url: first.url ?? `${BASE}/v1/sources/${first.id}`,
      provider_name: "Alliance Facts API",
      provider_url: `${BASE}/`,
      cache_age: 300,
      thumbnail_url: `${BASE}/v1/facts/${FACT}/card.png`,
      thumbnail_width: 1200,
      thumbnail_height: 630,
      html: expect.any(String),
      width: 480,
      height: expect.any(Number),
    });
    expect(Number.isInteger(body.height) && body.height > 0).toBe(true);
    // The card: one blockquote with the statement, its sources and a link back; nothing to run or load.
    expect(body.html.startsWith('<blockquote class="alliance-facts-card" lang="en"')).toBe(true);
    expect(body.html.endsWith("</blockquote>")).toBe(true);
    expect(body.html).toContain(`<p>${esc(f.text.en)}</p>`);
    expect(body.html).not.toMatch(/<script|<iframe|<img|<style|\son\w+=/i);
    const card = await parsePage(body.html);
    expect(card.anchors.map((a) => a.href)).toContain(`${BASE}/facts/${FACT}`);
    for (const s of f.sources) {
      expect(card.anchors).toContainEqual({
        href: source(s).url ?? `${BASE}/v1/sources/${s}`,
        text: source(s).author ?? entity(source(s).publisher).name.en,
      });
    }
  });

  it("treats a missing format as json", async () => {
    const a = await (await request(oembed(`${BASE}/facts/${FACT}`))).json();
    const b = await (await request(oembed(`${BASE}/facts/${FACT}`, "&format=json"))).json();
    expect(a).toEqual(b);
  });

  it("honours maxwidth and maxheight", async () => {
    const narrow = (await (await request(oembed(`${BASE}/facts/${FACT}`, "&maxwidth=300"))).json()) as Card;
    expect(narrow.width).toBe(300);
    expect(narrow.html).toContain("max-width:300px");
    const wide = (await (await request(oembed(`${BASE}/facts/${FACT}`, "&maxwidth=2000"))).json()) as Card;
    expect(wide.width).toBe(480);
    // Narrower cards wrap into more lines.
    expect(narrow.height).toBeGreaterThan(wide.height);
    const low = (await (await request(oembed(`${BASE}/facts/${FACT}`, "&maxheight=50&maxwidth=200"))).json()) as Card;
    expect(low.width).toBe(200);
    expect(low.height).toBeLessThanOrEqual(50);
  });

  it("answers entities and partnerships, in the permalink's language", async () => {
    const e = entity("alibaba-group");
    const ent = await getDocumented<Card>(oembed(`${BASE}/entities/alibaba-group?lang=ja`));
    expect(ent.res.headers.get("Content-Language")).toBe("ja");
    expect(ent.body.title).toBe(pick(e.name, "ja"));
    expect(ent.body.html).toContain(`lang="ja"`);
    expect(ent.body.html).toContain(`${BASE}/entities/alibaba-group?lang=ja`);

    const id = "apple-alibaba-apple-intelligence-china";
    const p = d.partnerships.find((x) => x.id === id) as Dataset["partnerships"][number];
    const part = await getDocumented<Card>(oembed(`${BASE}/partnerships/${id}`, "&lang=zh"));
    expect(part.res.headers.get("Content-Language")).toBe("zh-Hans");
    expect(part.body.title).toBe(
      `${pick(entity(p.parties[0]).name, "zh")} × ${pick(entity(p.parties[1]).name, "zh")}：${pick(p.subject, "zh")}——待审批`,
    );
  });

  it("follows an entity alias to the canonical record", async () => {
    const { res, body } = await getDocumented<Card>(oembed(`${BASE}/entities/aliyun`));
    expect(res.status).toBe(200);
    expect(body.title).toBe(entity("alibaba-cloud").name.en);
  });

  it("is advertised by every permalink page, and the advertised URL answers", async () => {
    for (const path of [
      `/facts/${FACT}?lang=ja`,
      "/entities/apple",
      "/partnerships/apple-baidu-apple-intelligence-china",
    ]) {
      const page = await parsePage(await (await request(path)).text());
      const link = page.links.find((l) => l.type === "application/json+oembed");
      expect(link, path).toBeDefined();
      const res = await request(String(link?.href).slice(BASE.length));
      expect(res.status, path).toBe(200);
      const card = (await res.json()) as Card;
      expect(card.title).toBe(page.meta["og:title"]);
      expect(card.thumbnail_url).toBe(page.meta["og:image"]);
    }
  });

  it("answers format=xml with 501 Not Implemented", async () => {
    const res = await request(oembed(`${BASE}/facts/${FACT}`, "&format=xml"));
    expect(res.status).toBe(501);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(await res.json()).toEqual({
      type: "/problems/not-implemented",
      title: "Not implemented",
      status: 501,
      detail: "Only format=json is implemented; oEmbed allows a provider to answer 501 for xml.",
      instance: `/oembed?url=${encodeURIComponent(`${BASE}/facts/${FACT}`)}&format=xml`,
      request_id: res.headers.get("X-Request-Id"),
      errors: [{ parameter: "format", in: "query", detail: "must be json" }],
    });
  });

  it("answers URLs that are not our permalinks with 404", async () => {
    for (const url of [
      "https://elsewhere.example/facts/apple-selected-alibaba-china-ai-partner",
      `${BASE}/v1/facts/${FACT}`,
      `${BASE}/sources/the-information-apple-alibaba-report`,
      `${BASE}/facts/${FACT}/extra`,
      `${BASE}/`,
      "not a url",
    ]) {
      const { res, body } = await getDocumented<Problem>(oembed(url));
      expect(res.status, url).toBe(404);
      expect(body.type).toBe("/problems/not-found");
      expect(body.detail).toContain("is not a permalink of this API");
    }
  });

  it("answers an unknown id with 404 and close ids", async () => {
    const { res, body } = await getDocumented<Problem>(oembed(`${BASE}/facts/apple-selected-alibaba`));
    expect(res.status).toBe(404);
    expect(body).toMatchObject({
      type: "/problems/not-found",
      detail: 'No fact has the id "apple-selected-alibaba".',
      suggestions: [FACT],
    });
    const ent = await getDocumented<Problem>(oembed(`${BASE}/entities/zzzzzzzzzz`));
    expect(ent.body.detail).toBe('No entity has the id "zzzzzzzzzz".');
  });

  it("answers a missing url and bad parameters with 400 naming them", async () => {
    const missing = await getDocumented<Problem>("/oembed?format=json");
    expect(missing.res.status).toBe(400);
    expect(missing.body.type).toBe("/problems/invalid-parameter");
    expect(missing.body.errors).toEqual([{ parameter: "url", in: "query", detail: expect.any(String) }]);
    for (const [query, parameter] of [
      ["&maxwidth=0", "maxwidth"],
      ["&maxheight=abc", "maxheight"],
      ["&format=yaml", "format"],
      ["&lang=fr", "lang"],
    ]) {
      const { res, body } = await getDocumented<Problem>(oembed(`${BASE}/facts/${FACT}`, query));
      expect(res.status, query).toBe(400);
      expect(body.errors?.map((e) => e.parameter)).toEqual([parameter]);
    }
    const unknown = await getDocumented<Problem & { allowed: string[] }>(
      oembed(`${BASE}/facts/${FACT}`, "&callback=x"),
    );
    expect(unknown.res.status).toBe(400);
    expect(unknown.body.allowed).toEqual(["format", "lang", "maxheight", "maxwidth", "url"]);
  });
});
