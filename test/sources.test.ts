import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Source } from "../src/dataset/schema";
import { BASE, currentVersion, tagOf, withDataset } from "./helpers";
import { getDocumented, walkPages } from "./spec";

type Lang = "en" | "ja" | "zh";
type Localized = { en: string; ja?: string; zh?: string };
type Rec = { id: string; fallback: string[]; [k: string]: unknown };
type Page = {
  data: Rec[];
  included?: { entities?: Rec[]; sources?: Rec[] };
  meta: { next_cursor: string | null; limit: number };
  links: { self: string; next: string | null };
};
type Problem = {
  type: string;
  detail: string;
  errors?: { parameter: string }[];
  allowed?: string[];
  suggestions?: string[];
};

const d = env.TEST_DATASET;
const sorted = () => [...d.sources].sort((a, b) => (a.id < b.id ? -1 : 1));
const source = (id: string) => d.sources.find((s) => s.id === id) as Source;
const precisionOf = (v: string) => (v.length === 4 ? "year" : v.length === 7 ? "month" : "day");

function expected(s: Source, lang: Lang = "en") {
  const fallback: string[] = [];
  const pick = (field: string, t: Localized | undefined) => {
    if (!t) return null;
    if (t[lang]) return t[lang];
    fallback.push(field);
    return t.en;
  };
  const publisher = d.entities.find((e) => e.id === s.publisher);
  if (!publisher) throw new Error(`no publisher ${s.publisher}`);
  return {
    id: s.id,
    kind: s.kind,
    title: pick("title", s.title),
    publisher: {
      id: publisher.id,
      type: publisher.type,
      name: pick("publisher.name", publisher.name),
      href: `${BASE}/v1/entities/${publisher.id}`,
    },
    author: s.author ?? null,
    date: { value: s.date, precision: precisionOf(s.date), certainty: s.certainty, phrase: s.phrase ?? null },
    language: s.language,
    url: s.url ?? null,
    via: s.via ?? null,
    description: pick("description", s.description),
    href: `${BASE}/v1/sources/${s.id}`,
    fallback,
  };
}

describe("GET /v1/sources", () => {
  it("lists every source ordered by id, with whole records", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<Page>("/v1/sources");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Language")).toBe("en");
    expect(body).toEqual({
      data: sorted().map((s) => expected(s)),
      meta: { release: version, lang: "en", limit: 20, next_cursor: null },
      links: { self: `${BASE}/v1/sources`, next: null },
    });
  });

  it("walks every page with no duplicate and no gap", async () => {
    const all = sorted().map((s) => s.id);
    for (const limit of [2, 3]) {
      const { ids, pages } = await walkPages(`/v1/sources?limit=${limit}`);
      expect(ids).toEqual(all);
      expect(new Set(ids).size).toBe(ids.length);
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
  });

  it("filters by kind", async () => {
    for (const kind of ["measurement", "analysis", "news_report"] as const) {
      const { ids } = await walkPages(`/v1/sources?kind=${kind}&limit=2`);
      const want = sorted().filter((s) => s.kind === kind);
      expect(want.length).toBeGreaterThan(0);
      expect(ids).toEqual(want.map((s) => s.id));
    }
    const { body } = await getDocumented<Page>("/v1/sources?kind=regulation");
    expect(body.data).toEqual(
      sorted()
        .filter((s) => s.kind === "regulation")
        .map((s) => expected(s)),
    );
  });

  it("filters by publisher, alone and with kind", async () => {
    const { body } = await getDocumented<Page>("/v1/sources?publisher=silicon-based-lab");
    const want = sorted().filter((s) => s.publisher === "silicon-based-lab");
    expect(want.length).toBeGreaterThan(1);
    expect(body.data).toEqual(want.map((s) => expected(s)));
    const both = await getDocumented<Page>("/v1/sources?publisher=silicon-based-lab&kind=interview");
    expect(both.body.data.map((r) => r.id)).toEqual(want.filter((s) => s.kind === "interview").map((s) => s.id));
    // An id that names nothing is a 400 naming the parameter (aliases resolve like paths).
    const none = await getDocumented<{ errors: { parameter: string }[] }>("/v1/sources?publisher=nobody-at-all");
    expect(none.res.status).toBe(400);
    expect(none.body.errors.map((e) => e.parameter)).toEqual(["publisher"]);
  });

  it("embeds the publishers with include=entities, deduplicated and sorted", async () => {
    const { body } = await getDocumented<Page>("/v1/sources?include=entities&limit=5");
    const publishers = [
      ...new Set(
        sorted()
          .slice(0, 5)
          .map((s) => s.publisher),
      ),
    ].sort();
    expect(body.included?.entities?.map((e) => e.id)).toEqual(publishers);
    expect(body.included?.sources).toBeUndefined();
    for (const e of body.included?.entities ?? []) {
      const one = await getDocumented<{ data: Rec }>(`/v1/entities/${e.id}`);
      expect(e).toEqual(one.body.data);
    }
    const plain = await getDocumented<Page>("/v1/sources?limit=5");
    expect(plain.body.included).toBeUndefined();
  });

  it("answers in each language, falling back to English and saying so", async () => {
    for (const lang of ["en", "ja", "zh"] as const) {
      const { res, body } = await getDocumented<Page>(`/v1/sources?lang=${lang}`);
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(body.data).toEqual(sorted().map((s) => expected(s, lang)));
    }
    // Every curated title is in every language: publish a copy where the Gate article has a Japanese title but no
    // Chinese one; zh serves the English title and says so.
    const gate = await withDataset(
      (data) => {
        for (const s of data.sources) if (s.id === "gate-kiki-apple-alibaba-ai-alliance") delete s.title.zh;
      },
      () => getDocumented<{ data: Rec }>("/v1/sources/gate-kiki-apple-alibaba-ai-alliance?lang=zh"),
    );
    expect(gate.body.data.title).toBe(source("gate-kiki-apple-alibaba-ai-alliance").title.en);
    expect(gate.body.data.fallback).toContain("title");
    const ja = await getDocumented<{ data: Rec }>("/v1/sources/gate-kiki-apple-alibaba-ai-alliance?lang=ja");
    expect(ja.body.data.title).toBe(source("gate-kiki-apple-alibaba-ai-alliance").title.ja);
    expect(ja.body.data.fallback).not.toContain("title");
  });

  it("rejects a bad kind, limit, cursor, include and an unknown parameter, naming the parameter", async () => {
    const bad = async (query: string, type: string, parameter: string) => {
      const { res, body } = await getDocumented<Problem>(`/v1/sources?${query}`);
      expect(res.status).toBe(400);
      expect(body.type).toBe(`/problems/${type}`);
      expect(body.errors?.map((e) => e.parameter)).toEqual([parameter]);
      return body;
    };
    await bad("kind=blog", "invalid-parameter", "kind");
    await bad("limit=0", "invalid-parameter", "limit");
    await bad("limit=101", "invalid-parameter", "limit");
    await bad("limit=two", "invalid-parameter", "limit");
    await bad("cursor=nonsense", "invalid-cursor", "cursor");
    await bad("include=figures", "invalid-parameter", "include");
    const unknown = await bad("publisherr=gate", "unknown-parameter", "publisherr");
    expect(unknown.allowed).toEqual(["cursor", "include", "kind", "lang", "limit", "publisher"]);
    // A cursor of another collection is refused too.
    const stories = await getDocumented<Page>("/v1/events?limit=1");
    await bad(`cursor=${stories.body.meta.next_cursor}`, "invalid-cursor", "cursor");
  });
});

describe("GET /v1/sources/{id}", () => {
  it("answers one source as a whole record", async () => {
    const version = await currentVersion();
    const id = "the-information-apple-alibaba-report";
    const { res, body } = await getDocumented(`/v1/sources/${id}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: expected(source(id)),
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}/v1/sources/${id}` },
    });
  });

  it("embeds the publisher with include=entities", async () => {
    const { body } = await getDocumented<{ data: Rec; included: { entities: Rec[] } }>(
      "/v1/sources/geek-park-qwen-iphone-15-pro-test?include=entities&lang=ja",
    );
    const publisher = await getDocumented<{ data: Rec }>(
      `/v1/entities/${source("geek-park-qwen-iphone-15-pro-test").publisher}?lang=ja`,
    );
    expect(body.included).toEqual({ entities: [publisher.body.data] });
    expect(body.data).toEqual(expected(source("geek-park-qwen-iphone-15-pro-test"), "ja"));
  });

  it("answers an unknown id with 404 and close ids", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/sources/the-information-apple-alibaba");
    expect(res.status).toBe(404);
    expect(body.type).toBe("/problems/not-found");
    expect(body.suggestions).toContain("the-information-apple-alibaba-report");
    const far = await getDocumented<Problem>("/v1/sources/zzzzzzzzzzzzzzzzzzzzzz");
    expect(far.res.status).toBe(404);
    expect(far.body.suggestions).toEqual([]);
  });

  it("rejects parameters the operation does not define", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/sources/gate-kiki-apple-alibaba-ai-alliance?limit=2");
    expect(res.status).toBe(400);
    expect(body.type).toBe("/problems/unknown-parameter");
    expect(body.allowed).toEqual(["include", "lang"]);
  });
});
