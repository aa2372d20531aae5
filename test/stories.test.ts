import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Story } from "../src/dataset/schema";
import { BASE, currentVersion, tagOf, withDataset } from "./helpers";
import { getDocumented } from "./spec";

type Lang = "en" | "ja" | "zh";
type Rec = { id: string; fallback: string[]; [k: string]: unknown };
type Page = {
  data: Rec[];
  included?: { sources?: Rec[] };
  meta: { next_cursor: string | null; limit: number };
  links: { self: string; next: string | null };
};
type Problem = { type: string; errors?: { parameter: string }[]; allowed?: string[]; suggestions?: string[] };

const d = env.TEST_DATASET;
const sorted = () => [...d.stories].sort((a, b) => (a.id < b.id ? -1 : 1));
const ID = "apple-alibaba-ai-alliance-china";
const story = (id: string) => d.stories.find((s) => s.id === id) as Story;
const precisionOf = (v: string) => (v.length === 4 ? "year" : v.length === 7 ? "month" : "day");

function expected(s: Story, lang: Lang = "en") {
  const fallback: string[] = [];
  const pick = (field: string, t: { en: string; ja?: string; zh?: string }) => {
    if (t[lang]) return t[lang];
    fallback.push(field);
    return t.en;
  };
  return {
    id: s.id,
    headline: pick("headline", s.headline),
    summary: pick("summary", s.summary),
    date: { value: s.date, precision: precisionOf(s.date), certainty: s.certainty, phrase: s.phrase ?? null },
    sources: [...new Set(s.sources)],
    href: `${BASE}/v1/stories/${s.id}`,
    fallback,
  };
}

/** The source records as /v1/sources serves them, by id. */
async function sourceRecords(lang: Lang) {
  const { body } = await getDocumented<Page>(`/v1/sources?limit=100&lang=${lang}`);
  return new Map(body.data.map((s) => [s.id, s]));
}

describe("GET /v1/stories", () => {
  it("lists the stories ordered by id, with whole records", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<Page>("/v1/stories");
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: sorted().map((s) => expected(s)),
      meta: { release: version, lang: "en", limit: 20, next_cursor: null },
      links: { self: `${BASE}/v1/stories`, next: null },
    });
  });

  it("walks every page with no duplicate and no gap", async () => {
    const ids: string[] = [];
    let next: string | null = "/v1/stories?limit=1";
    while (next) {
      const { res, body }: { res: Response; body: Page } = await getDocumented<Page>(next.replace(BASE, ""));
      expect(body.data.length).toBeLessThanOrEqual(1);
      if (body.links.next) expect(res.headers.get("Link")).toBe(`<${body.links.next}>; rel="next"`);
      ids.push(...body.data.map((s) => s.id));
      next = body.links.next;
    }
    expect(ids).toEqual(sorted().map((s) => s.id));
  });

  it("embeds the sources with include=sources, deduplicated and sorted", async () => {
    const { body } = await getDocumented<Page>("/v1/stories?include=sources&lang=ja");
    const all = await sourceRecords("ja");
    const ids = [...new Set(d.stories.flatMap((s) => s.sources))].sort();
    expect(body.included).toEqual({ sources: ids.map((id) => all.get(id)) });
    expect(body.data).toEqual(sorted().map((s) => expected(s, "ja")));
  });

  it("answers in each language, falling back to English and saying so", async () => {
    for (const lang of ["en", "ja", "zh"] as const) {
      const { res, body } = await getDocumented<Page>(`/v1/stories?lang=${lang}`);
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(body.data).toEqual(sorted().map((s) => expected(s, lang)));
    }
    // Every curated text is in every language: publish a copy where the story has no Chinese headline or summary;
    // zh answers in English and lists both.
    const { body } = await withDataset(
      (data) => {
        for (const s of data.stories) {
          if (s.id !== ID) continue;
          delete s.headline.zh;
          delete s.summary.zh;
        }
      },
      () => getDocumented<{ data: Rec }>(`/v1/stories/${ID}?lang=zh`),
    );
    expect(body.data.headline).toBe(story(ID).headline.en);
    expect(body.data.fallback).toEqual(["headline", "summary"]);
    const byHeader = await getDocumented<{ data: Rec }>(`/v1/stories/${ID}`, { headers: { "Accept-Language": "ja" } });
    expect(byHeader.body.data.headline).toBe(story(ID).headline.ja);
  });

  it("rejects a bad limit, cursor, include and an unknown parameter, naming the parameter", async () => {
    const bad = async (query: string, type: string, parameter: string) => {
      const { res, body } = await getDocumented<Problem>(`/v1/stories?${query}`);
      expect(res.status).toBe(400);
      expect(body.type).toBe(`/problems/${type}`);
      expect(body.errors?.map((e) => e.parameter)).toEqual([parameter]);
      return body;
    };
    await bad("limit=0", "invalid-parameter", "limit");
    await bad("limit=500", "invalid-parameter", "limit");
    await bad("cursor=%%%", "invalid-cursor", "cursor");
    await bad("include=entities", "invalid-parameter", "include");
    await bad("lang=fr", "invalid-parameter", "lang");
    const unknown = await bad("kind=news", "unknown-parameter", "kind");
    expect(unknown.allowed).toEqual(["cursor", "include", "lang", "limit"]);
  });
});

describe("GET /v1/stories/{id}", () => {
  it("answers one story as a whole record, with its sources in the curators' order", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented(`/v1/stories/${ID}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: expected(story(ID)),
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}/v1/stories/${ID}` },
    });
  });

  it("embeds its sources with include=sources", async () => {
    const { body } = await getDocumented<{ data: Rec; included: { sources: Rec[] } }>(
      `/v1/stories/${ID}?include=sources`,
    );
    const all = await sourceRecords("en");
    expect(body.included).toEqual({ sources: [...new Set(story(ID).sources)].sort().map((id) => all.get(id)) });
  });

  it("answers an unknown id with 404 and close ids", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/stories/apple-alibaba");
    expect(res.status).toBe(404);
    expect(body.type).toBe("/problems/not-found");
    expect(body.suggestions).toEqual([ID]);
  });

  it("rejects a bad include and unknown parameters", async () => {
    const inc = await getDocumented<Problem>(`/v1/stories/${ID}?include=sources,figures`);
    expect(inc.res.status).toBe(400);
    expect(inc.body.errors?.map((e) => e.parameter)).toEqual(["include"]);
    const unknown = await getDocumented<Problem>(`/v1/stories/${ID}?cursor=x`);
    expect(unknown.res.status).toBe(400);
    expect(unknown.body.allowed).toEqual(["include", "lang"]);
  });
});
