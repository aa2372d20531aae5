import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Event } from "../src/dataset/schema";
import { citationOf } from "./expected";
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
type Problem = {
  type: string;
  detail: string;
  errors?: { parameter: string }[];
  allowed?: string[];
  suggestions?: string[];
};

const d = env.TEST_DATASET;
/** Events in API order: by date string, then id. */
const ordered = (list = d.events) =>
  [...list].sort((a, b) => (`${a.date}\u0000${a.id}` < `${b.date}\u0000${b.id}` ? -1 : 1));
const event = (id: string) => d.events.find((e) => e.id === id) as Event;
const precisionOf = (v: string) => (v.length === 4 ? "year" : v.length === 7 ? "month" : "day");

function expected(e: Event, lang: Lang = "en") {
  const fallback: string[] = [];
  const pick = (field: string, t: Localized) => {
    if (t[lang]) return t[lang];
    fallback.push(field);
    return t.en;
  };
  const title = pick("title", e.title);
  const description = pick("description", e.description);
  const participants = [...e.participants].sort().map((id, i) => {
    const x = d.entities.find((en) => en.id === id);
    if (!x) throw new Error(`no entity ${id}`);
    return { id, type: x.type, name: pick(`participants[${i}].name`, x.name), href: `${BASE}/v1/entities/${id}` };
  });
  return {
    id: e.id,
    date: { value: e.date, precision: precisionOf(e.date), certainty: e.certainty, phrase: e.phrase ?? null },
    title,
    description,
    participants,
    partnership: e.partnership ?? null,
    quote: e.quote,
    sources: [...new Set(e.sources)],
    story: e.story,
    href: `${BASE}/v1/events/${e.id}`,
    citation: citationOf(
      // The title and the date; Japanese and Chinese punctuation only when the title is in that language.
      (e.title as Localized)[lang]
        ? lang === "en"
          ? `${title} (${e.date}).`
          : `${title}（${e.date}）。`
        : `${title} (${e.date}).`,
      `${BASE}/v1/events/${e.id}`,
      e.sources,
      lang,
    ),
    fallback,
  };
}

/** The overlap rule, written independently of the SQL: each partial date is the period it names. */
const start = (v: string) => (v.length === 4 ? `${v}-01-01` : v.length === 7 ? `${v}-01` : v);
const end = (v: string) => (v.length === 4 ? `${v}-12-31` : v.length === 7 ? `${v}-31` : v);
const inRange = (e: Event, from?: string, to?: string) =>
  (!from || end(e.date) >= start(from)) && (!to || start(e.date) <= end(to));

describe("GET /v1/events", () => {
  it("lists the events by date then id, with whole records", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<Page>("/v1/events?limit=100");
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: ordered().map((e) => expected(e)),
      meta: { release: version, lang: "en", limit: 100, next_cursor: null },
      links: { self: `${BASE}/v1/events?limit=100`, next: null },
    });
    // A year-precision date sorts before the months of that year.
    const dates = body.data.map((e) => (e.date as { value: string }).value);
    expect(dates.indexOf("2024")).toBeLessThan(dates.indexOf("2024-03"));
  });

  it("walks every page with no duplicate and no gap, ties on date broken by id", async () => {
    const all = ordered().map((e) => e.id);
    for (const limit of [2, 3]) {
      const { ids, pages } = await walkPages(`/v1/events?limit=${limit}`);
      expect(ids).toEqual(all);
      expect(new Set(ids).size).toBe(all.length);
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
    // Many events share 2025-02: the first page of 20 and the cursor cross that tie.
    expect(d.events.filter((e) => e.date === "2025-02").length).toBeGreaterThan(3);
  });

  it("filters by participant", async () => {
    for (const entity of ["deepseek", "apple", "alibaba-group"]) {
      const { ids } = await walkPages(`/v1/events?entity=${entity}&limit=2`);
      const want = ordered().filter((e) => e.participants.includes(entity));
      expect(want.length).toBeGreaterThan(0);
      expect(ids).toEqual(want.map((e) => e.id));
    }
    // An id that names nothing is a 400 naming the parameter (aliases resolve like paths).
    const none = await getDocumented<{ errors: { parameter: string }[] }>("/v1/events?entity=nobody");
    expect(none.res.status).toBe(400);
    expect(none.body.errors.map((e) => e.parameter)).toEqual(["entity"]);
  });

  it("filters by partnership", async () => {
    const id = "apple-alibaba-apple-intelligence-china";
    const { body } = await getDocumented<Page>(`/v1/events?partnership=${id}`);
    const want = ordered().filter((e) => e.partnership === id);
    expect(want.length).toBeGreaterThan(1);
    expect(body.data).toEqual(want.map((e) => expected(e)));
    const both = await getDocumented<Page>(`/v1/events?partnership=${id}&entity=cac`);
    expect(both.body.data.map((e) => e.id)).toEqual(["apple-alibaba-submit-to-cac"]);
  });

  it("filters by a date range where partial dates overlap", async () => {
    const check = async (from?: string, to?: string) => {
      const q = [from ? `from=${from}` : "", to ? `to=${to}` : ""].filter(Boolean).join("&");
      const { ids } = await walkPages(`/v1/events?${q}&limit=3`);
      expect(ids, q).toEqual(
        ordered()
          .filter((e) => inRange(e, from, to))
          .map((e) => e.id),
      );
      return ids;
    };
    // from=2024 includes the year-precision "2024" event and the "2024-03" one, and everything later.
    const from2024 = await check("2024");
    expect(from2024).toContain("apple-selects-baidu-main-partner");
    expect(from2024).toContain("alibaba-cloud-qwen-pruning-whitepaper");
    expect(from2024).not.toContain("apple-begins-testing-chinese-models");
    // to=2024-06 includes the event dated only "2024" (its year overlaps June) but nothing of 2025.
    expect(await check(undefined, "2024-06")).toEqual(
      ordered()
        .filter((e) => e.date <= "2024-06" || e.date === "2024")
        .map((e) => e.id),
    );
    expect(await check("2024", "2024")).toEqual([
      "apple-selects-baidu-main-partner",
      "alibaba-cloud-qwen-pruning-whitepaper",
    ]);
    // from=2024-06 still includes the "2024" event; the March whitepaper is before it.
    const fromJune = await check("2024-06", "2024-12-31");
    expect(fromJune).toEqual(["apple-selects-baidu-main-partner"]);
    await check("2025-02-10", "2025-02-10");
    await check("2025-01", "2025-04");
    await check("2025-03");
    await check("2026");
  });

  it("rejects from later than to, naming both", async () => {
    for (const [from, to] of [
      ["2025", "2024"],
      ["2024-07", "2024-06"],
      ["2024-06-02", "2024-06-01"],
    ]) {
      const { res, body } = await getDocumented<Problem>(`/v1/events?from=${from}&to=${to}`);
      expect(res.status).toBe(400);
      expect(body.type).toBe("/problems/invalid-parameter");
      expect(body.errors?.map((e) => e.parameter)).toEqual(["from", "to"]);
      expect(body.detail).toContain(`from (${from}) is later than to (${to})`);
    }
    // Same period at different precisions is not an inverted range.
    const ok = await getDocumented<Page>("/v1/events?from=2024-06&to=2024");
    expect(ok.res.status).toBe(200);
  });

  it("embeds sources and participants with include, deduplicated and sorted", async () => {
    const { body } = await getDocumented<Page>("/v1/events?limit=4&include=sources,entities&lang=ja");
    const page = ordered().slice(0, 4);
    expect(body.data).toEqual(page.map((e) => expected(e, "ja")));
    const sourceIds = [...new Set(page.flatMap((e) => e.sources))].sort();
    const entityIds = [...new Set(page.flatMap((e) => e.participants))].sort();
    const sources = await getDocumented<Page>("/v1/sources?limit=100&lang=ja");
    expect(body.included?.sources).toEqual(sourceIds.map((id) => sources.body.data.find((s) => s.id === id)));
    expect(body.included?.entities?.map((e) => e.id)).toEqual(entityIds);
    for (const e of body.included?.entities ?? []) {
      expect(e).toEqual((await getDocumented<{ data: Rec }>(`/v1/entities/${e.id}?lang=ja`)).body.data);
    }
    const onlyEntities = await getDocumented<Page>("/v1/events?limit=4&include=entities");
    expect(Object.keys(onlyEntities.body.included ?? {})).toEqual(["entities"]);
    const none = await getDocumented<Page>("/v1/events?limit=4");
    expect(none.body.included).toBeUndefined();
  });

  it("answers in each language, falling back to English and saying so", async () => {
    for (const lang of ["en", "ja", "zh"] as const) {
      const { res, body } = await getDocumented<Page>(`/v1/events?limit=100&lang=${lang}`);
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(body.data).toEqual(ordered().map((e) => expected(e, lang)));
    }
    // Every curated text is in every language: publish a copy where this event has no Chinese description.
    const { body } = await withDataset(
      (data) => {
        for (const e of data.events) if (e.id === "apple-selects-baidu-main-partner") delete e.description.zh;
      },
      () => getDocumented<{ data: Rec }>("/v1/events/apple-selects-baidu-main-partner?lang=zh"),
    );
    expect(body.data.title).toBe(event("apple-selects-baidu-main-partner").title.zh);
    expect(body.data.description).toBe(event("apple-selects-baidu-main-partner").description.en);
    expect(body.data.fallback).toContain("description");
    expect(body.data.fallback).not.toContain("title");
  });

  it("rejects bad dates, limits, cursors, includes and unknown parameters, naming the parameter", async () => {
    const bad = async (query: string, type: string, parameter: string) => {
      const { res, body } = await getDocumented<Problem>(`/v1/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(body.type).toBe(`/problems/${type}`);
      expect(body.errors?.map((e) => e.parameter)).toEqual([parameter]);
      return body;
    };
    await bad("from=2024-13", "invalid-parameter", "from");
    await bad("from=24", "invalid-parameter", "from");
    await bad("to=2024-02-30x", "invalid-parameter", "to");
    await bad("to=last-year", "invalid-parameter", "to");
    await bad("limit=0", "invalid-parameter", "limit");
    await bad("limit=101", "invalid-parameter", "limit");
    await bad("cursor=abc", "invalid-cursor", "cursor");
    await bad("include=facts", "invalid-parameter", "include");
    const sources = await getDocumented<Page>("/v1/sources?limit=1");
    await bad(`cursor=${sources.body.meta.next_cursor}`, "invalid-cursor", "cursor");
    const unknown = await bad("date=2024", "unknown-parameter", "date");
    expect(unknown.allowed).toEqual(["cursor", "entity", "from", "include", "lang", "limit", "partnership", "to"]);
  });
});

describe("GET /v1/events/{id}", () => {
  it("answers one event as a whole record", async () => {
    const version = await currentVersion();
    const id = "apple-china-ai-partner-rumours";
    const { res, body } = await getDocumented(`/v1/events/${id}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: expected(event(id)),
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}/v1/events/${id}` },
    });
  });

  it("carries a ready citation: the title and date, its sources with publishers and dates", async () => {
    const id = "apple-selects-baidu-main-partner";
    const link = `${BASE}/v1/events/${id}`;
    const { body } = await getDocumented<{ data: { citation: unknown } }>(`/v1/events/${id}`);
    expect(body.data.citation).toEqual({
      text: `Apple chooses Baidu as its main AI partner in China (2024). — Sources: The Information (2025-02); Kiki, Gate (2025-02). ${link}`,
      markdown: `> Apple chooses Baidu as its main AI partner in China (2024).\n\n— Sources: [The Information](${BASE}/v1/sources/the-information-apple-alibaba-report) (2025-02); [Kiki](${BASE}/v1/sources/gate-kiki-apple-alibaba-ai-alliance), Gate (2025-02) · [permalink](${link})`,
      permalink: link,
      pinned: `${BASE}/v1/releases/${await currentVersion()}/events/${id}`,
      sources: [
        {
          id: "the-information-apple-alibaba-report",
          title: "The Information's report on Apple partnering with Alibaba for Apple Intelligence in China",
          publisher: "The Information",
          author: null,
          date: "2025-02",
          url: null,
          href: `${BASE}/v1/sources/the-information-apple-alibaba-report`,
        },
        {
          id: "gate-kiki-apple-alibaba-ai-alliance",
          title: 'Apple × Alibaba: from "two elephants shouldn\'t fight" to an AI alliance (Japanese translation)',
          publisher: "Gate",
          author: "Kiki",
          date: "2025-02",
          url: null,
          href: `${BASE}/v1/sources/gate-kiki-apple-alibaba-ai-alliance`,
        },
      ],
    });
    const ja = await getDocumented<{ data: { citation: { text: string } } }>(`/v1/events/${id}?lang=ja`);
    expect(ja.body.data.citation.text).toBe(
      `AppleがBaiduを主要なパートナーに選択（2024）。——出典：The Information（2025-02）、Kiki（Gate、2025-02）。${link}`,
    );
  });

  it("embeds its sources and participants with include", async () => {
    const id = "cook-earnings-call-china-ai-april";
    const { body } = await getDocumented<{ data: Rec; included: { sources: Rec[]; entities: Rec[] } }>(
      `/v1/events/${id}?include=entities,sources`,
    );
    expect(body.included.sources.map((s) => s.id)).toEqual([...event(id).sources].sort());
    expect(body.included.entities.map((e) => e.id)).toEqual([...event(id).participants].sort());
  });

  it("answers an unknown id with 404 and close ids", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/events/apple-evaluates-deepsek");
    expect(res.status).toBe(404);
    expect(body.type).toBe("/problems/not-found");
    expect(body.suggestions).toContain("apple-evaluates-deepseek");
  });

  it("rejects parameters the operation does not define", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/events/apple-evaluates-deepseek?from=2024");
    expect(res.status).toBe(400);
    expect(body.allowed).toEqual(["include", "lang"]);
  });
});
