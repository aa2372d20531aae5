import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Event, Partnership } from "../src/dataset/schema";
import { detailOf } from "../src/queries/documents";
import { BASE, currentVersion, tagOf, withDataset } from "./helpers";
import { getDocumented, walkPages } from "./spec";

type Lang = "en" | "ja" | "zh";
type Localized = { en: string; ja?: string; zh?: string };
type Rec = { id: string; fallback: string[]; [k: string]: unknown };
type Page = {
  data: Rec[];
  included?: { sources?: Rec[]; entities?: Rec[] };
  meta: { next_cursor: string | null; limit: number };
  links: { self: string; next: string | null };
};
type Problem = { type: string; errors?: { parameter: string }[]; allowed?: string[]; suggestions?: string[] };

const d = env.TEST_DATASET;
const sorted = () => [...d.partnerships].sort((a, b) => (a.id < b.id ? -1 : 1));
const partnership = (id: string) => d.partnerships.find((p) => p.id === id) as Partnership;
const precisionOf = (v: string) => (v.length === 4 ? "year" : v.length === 7 ? "month" : "day");
const dateOf = (x: { date: string; certainty: string; phrase?: string }) => ({
  value: x.date,
  precision: precisionOf(x.date),
  certainty: x.certainty,
  phrase: x.phrase ?? null,
});
const uniq = (list: string[]) => [...new Set(list)];

function localizer(lang: Lang) {
  const fallback: string[] = [];
  const pick = (field: string, t: Localized) => {
    if (t[lang]) return t[lang];
    fallback.push(field);
    return t.en;
  };
  const ref = (field: string, id: string) => {
    const e = d.entities.find((x) => x.id === id);
    if (!e) throw new Error(`no entity ${id}`);
    return { id, type: e.type, name: pick(field, e.name), href: `${BASE}/v1/entities/${id}` };
  };
  return { fallback, pick, ref };
}

function expectedEvent(e: Event, lang: Lang) {
  const l = localizer(lang);
  const title = l.pick("title", e.title);
  const description = l.pick("description", e.description);
  return {
    id: e.id,
    date: dateOf(e),
    title,
    description,
    participants: [...e.participants].sort().map((id, i) => l.ref(`participants[${i}].name`, id)),
    partnership: e.partnership ?? null,
    quote: e.quote,
    sources: uniq(e.sources),
    story: e.story,
    href: `${BASE}/v1/events/${e.id}`,
    // The whole citation of an event is checked in events.test.ts; here, that it is the event's own.
    citation: expect.objectContaining({
      permalink: `${BASE}/v1/events/${e.id}`,
      text: expect.stringContaining(title),
      sources: uniq(e.sources).map((id) => expect.objectContaining({ id })),
    }),
    fallback: l.fallback,
  };
}

function expected(p: Partnership, lang: Lang = "en") {
  const l = localizer(lang);
  const parties = [l.ref("parties[0].name", p.parties[0]), l.ref("parties[1].name", p.parties[1])];
  const subject = l.pick("subject", p.subject);
  const summary = l.pick("summary", p.summary);
  return {
    id: p.id,
    parties,
    subject,
    status: p.status,
    summary,
    history: p.history.map((h, i) => ({
      status: h.status,
      date: dateOf(h),
      note: l.pick(`history[${i}].note`, h.note),
      sources: uniq(h.sources),
    })),
    reasons: p.reasons.map((r, i) => ({
      text: l.pick(`reasons[${i}].text`, r.text),
      basis: r.basis,
      sources: uniq(r.sources),
    })),
    sources: uniq(p.sources),
    story: p.story,
    href: `${BASE}/v1/partnerships/${p.id}`,
    fallback: l.fallback,
  };
}

const timeline = (id: string) =>
  d.events
    .filter((e) => e.partnership === id)
    .sort((a, b) => (`${a.date}\u0000${a.id}` < `${b.date}\u0000${b.id}` ? -1 : 1));

function expectedDetail(p: Partnership, lang: Lang = "en") {
  return { ...expected(p, lang), events: timeline(p.id).map((e) => expectedEvent(e, lang)) };
}

describe("GET /v1/partnerships", () => {
  it("lists the partnerships ordered by id, with whole records", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<Page>("/v1/partnerships");
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: sorted().map((p) => expected(p)),
      meta: { release: version, lang: "en", limit: 20, next_cursor: null },
      links: { self: `${BASE}/v1/partnerships`, next: null },
    });
  });

  it("walks every page with no duplicate and no gap", async () => {
    const all = sorted().map((p) => p.id);
    for (const limit of [2, 3]) {
      const { ids, pages } = await walkPages(`/v1/partnerships?limit=${limit}`);
      expect(ids).toEqual(all);
      expect(new Set(ids).size).toBe(all.length);
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
  });

  it("filters by party, on either side", async () => {
    for (const party of ["apple", "bytedance", "xiaomi", "baidu"]) {
      const { ids } = await walkPages(`/v1/partnerships?party=${party}&limit=2`);
      const want = sorted().filter((p) => p.parties.includes(party));
      expect(want.length, party).toBeGreaterThan(0);
      expect(ids).toEqual(want.map((p) => p.id));
    }
    // ByteDance is courted by Apple (second party) and courted by Xiaomi (second party); Xiaomi courts (first).
    const bytedance = await getDocumented<Page>("/v1/partnerships?party=bytedance");
    expect(bytedance.body.data.map((p) => p.id)).toEqual([
      "apple-bytedance-ai-partner-rumour",
      "xiaomi-bytedance-doubao",
    ]);
    // An id that names nothing is a 400 naming the parameter (aliases resolve like paths).
    const none = await getDocumented<{ errors: { parameter: string }[] }>("/v1/partnerships?party=nobody");
    expect(none.res.status).toBe(400);
    expect(none.body.errors.map((e) => e.parameter)).toEqual(["party"]);
  });

  it("filters by status, alone and with party", async () => {
    for (const status of ["rumoured", "troubled", "pending_approval", "active"] as const) {
      const { body } = await getDocumented<Page>(`/v1/partnerships?status=${status}`);
      expect(body.data).toEqual(
        sorted()
          .filter((p) => p.status === status)
          .map((p) => expected(p)),
      );
    }
    const both = await getDocumented<Page>("/v1/partnerships?status=rumoured&party=baichuan-ai");
    expect(both.body.data.map((p) => p.id)).toEqual(["apple-baichuan-ai-partner-rumour"]);
    const empty = await getDocumented<Page>("/v1/partnerships?status=active&party=baichuan-ai");
    expect(empty.body.data).toEqual([]);
  });

  it("embeds every referenced source and party with include", async () => {
    const { body } = await getDocumented<Page>("/v1/partnerships?limit=3&include=sources,entities");
    const page = sorted().slice(0, 3);
    const sourceIds = uniq(
      page.flatMap((p) => [
        ...p.sources,
        ...p.history.flatMap((h) => h.sources),
        ...p.reasons.flatMap((r) => r.sources),
      ]),
    ).sort();
    const sources = await getDocumented<Page>("/v1/sources?limit=100");
    expect(body.included?.sources).toEqual(sourceIds.map((id) => sources.body.data.find((s) => s.id === id)));
    expect(body.included?.entities?.map((e) => e.id)).toEqual(uniq(page.flatMap((p) => p.parties)).sort());
    for (const e of body.included?.entities ?? []) {
      expect(e).toEqual((await getDocumented<{ data: Rec }>(`/v1/entities/${e.id}`)).body.data);
    }
    const onlySources = await getDocumented<Page>("/v1/partnerships?limit=3&include=sources");
    expect(Object.keys(onlySources.body.included ?? {})).toEqual(["sources"]);
    const none = await getDocumented<Page>("/v1/partnerships?limit=3");
    expect(none.body.included).toBeUndefined();
  });

  it("answers in each language, falling back to English and saying so", async () => {
    for (const lang of ["en", "ja", "zh"] as const) {
      const { res, body } = await getDocumented<Page>(`/v1/partnerships?lang=${lang}`);
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(body.data).toEqual(sorted().map((p) => expected(p, lang)));
    }
    // Every curated text is in every language: publish a copy where Baidu's first history note has no Japanese
    // text; ja serves it in English and lists it.
    const { body } = await withDataset(
      (data) => {
        for (const p of data.partnerships) {
          if (p.id === "apple-baidu-apple-intelligence-china" && p.history[0]) delete p.history[0].note.ja;
        }
      },
      () => getDocumented<{ data: Rec }>("/v1/partnerships/apple-baidu-apple-intelligence-china?lang=ja"),
    );
    expect(body.data.subject).toBe(partnership("apple-baidu-apple-intelligence-china").subject.ja);
    expect(body.data.fallback).toContain("history[0].note");
    expect(body.data.fallback).not.toContain("subject");
  });

  it("rejects bad enums, limits, cursors, includes and unknown parameters, naming the parameter", async () => {
    const bad = async (query: string, type: string, parameter: string) => {
      const { res, body } = await getDocumented<Problem>(`/v1/partnerships?${query}`);
      expect(res.status, query).toBe(400);
      expect(body.type).toBe(`/problems/${type}`);
      expect(body.errors?.map((e) => e.parameter)).toEqual([parameter]);
      return body;
    };
    await bad("status=married", "invalid-parameter", "status");
    await bad("limit=0", "invalid-parameter", "limit");
    await bad("limit=1000", "invalid-parameter", "limit");
    await bad("cursor=eyJjIjoieCJ9", "invalid-cursor", "cursor");
    await bad("include=events", "invalid-parameter", "include");
    await bad("lang=de", "invalid-parameter", "lang");
    const unknown = await bad("entity=apple", "unknown-parameter", "entity");
    expect(unknown.allowed).toEqual(["cursor", "include", "lang", "limit", "party", "status"]);
  });
});

describe("GET /v1/partnerships/{id}", () => {
  it("answers one partnership with its history, reasons and timeline events, as a whole record", async () => {
    const version = await currentVersion();
    for (const id of [
      "apple-alibaba-apple-intelligence-china",
      "apple-baidu-apple-intelligence-china",
      "apple-tencent-ai-partner-not-pursued",
    ]) {
      const { res, body } = await getDocumented(`/v1/partnerships/${id}`);
      expect(res.status).toBe(200);
      expect(body).toEqual({
        data: expectedDetail(partnership(id)),
        meta: { release: version, lang: "en" },
        links: { self: `${BASE}/v1/partnerships/${id}` },
      });
    }
    const alibaba = await getDocumented<{ data: { events: Rec[]; history: { status: string }[]; status: string } }>(
      "/v1/partnerships/apple-alibaba-apple-intelligence-china",
    );
    expect(alibaba.body.data.events.length).toBeGreaterThan(1);
    expect(alibaba.body.data.history.at(-1)?.status).toBe(alibaba.body.data.status);
  });

  it("embeds every referenced source and entity, including the events', with include", async () => {
    const id = "apple-alibaba-apple-intelligence-china";
    const p = partnership(id);
    const { body } = await getDocumented<{ data: Rec; included: { sources: Rec[]; entities: Rec[] } }>(
      `/v1/partnerships/${id}?include=sources,entities&lang=zh`,
    );
    expect(body.data).toEqual(expectedDetail(p, "zh"));
    const events = timeline(id);
    const sourceIds = uniq([
      ...p.sources,
      ...p.history.flatMap((h) => h.sources),
      ...p.reasons.flatMap((r) => r.sources),
      ...events.flatMap((e) => e.sources),
    ]).sort();
    const entityIds = uniq([...p.parties, ...events.flatMap((e) => e.participants)]).sort();
    const sources = await getDocumented<Page>("/v1/sources?limit=100&lang=zh");
    expect(body.included.sources).toEqual(sourceIds.map((s) => sources.body.data.find((x) => x.id === s)));
    expect(body.included.entities.map((e) => e.id)).toEqual(entityIds);
    expect(entityIds).toContain("cac");
  });

  it("answers in each language", async () => {
    const id = "apple-deepseek-apple-intelligence-china";
    for (const lang of ["en", "ja", "zh"] as const) {
      const { res, body } = await getDocumented<{ data: Rec }>(`/v1/partnerships/${id}?lang=${lang}`);
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(body.data).toEqual(expectedDetail(partnership(id), lang));
    }
  });

  it("answers an unknown id with 404 and close ids", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/partnerships/apple-baidu");
    expect(res.status).toBe(404);
    expect(body.type).toBe("/problems/not-found");
    expect(body.suggestions).toContain("apple-baidu-apple-intelligence-china");
  });

  it("rejects a bad include and unknown parameters", async () => {
    const inc = await getDocumented<Problem>("/v1/partnerships/apple-baidu-apple-intelligence-china?include=figures");
    expect(inc.res.status).toBe(400);
    expect(inc.body.errors?.map((e) => e.parameter)).toEqual(["include"]);
    const unknown = await getDocumented<Problem>("/v1/partnerships/apple-baidu-apple-intelligence-china?status=active");
    expect(unknown.res.status).toBe(400);
    expect(unknown.body.type).toBe("/problems/unknown-parameter");
    expect(unknown.body.allowed).toEqual(["include", "lang"]);
  });
});

describe("a partnership's stored detail", () => {
  it("is its events, spliced into the body as JSON.stringify writes the detail; a whole detail is served as stored", async () => {
    const version = await currentVersion();
    const row = await env.DB.prepare(
      "SELECT body, detail FROM documents WHERE release = ?1 AND kind = 'partnership' AND lang = 'en' LIMIT 1",
    )
      .bind(version)
      .first<{ body: string; detail: string }>();
    expect(row?.detail.startsWith("[")).toBe(true);
    const body = row as { body: string; detail: string };
    const whole = JSON.stringify({ ...JSON.parse(body.body), events: JSON.parse(body.detail) });
    expect(detailOf(body)).toBe(whole);
    // As releases before LOADER_VERSION 10 stored it.
    expect(detailOf({ body: body.body, detail: whole })).toBe(whole);
    expect(detailOf({ body: body.body, detail: null })).toBe(body.body);
  });
});
