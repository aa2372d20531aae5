/**
 * A fact's representations for bots: JSON with a ready citation, text/plain, text/markdown and JSON-LD
 * (schema.org Claim, checked by the `jsonld` processor), in every language; content negotiation, 406, the
 * cache per representation, and the fact of the day.
 */
import { toHant } from "../src/dataset/hant";
import { env } from "cloudflare:workers";
// The package's Node entry pulls in an HTTP client that workerd cannot load; its browser ESM build runs here.
// @ts-expect-error -- the browser build has no typings of its own
import jsonld from "jsonld/dist/jsonld.esm.min.js";
import { describe, expect, it } from "vitest";
import { BASE, currentVersion, getJson, request, tagOf, withDataset } from "./helpers";
import { expectDocumented, getDocumented } from "./spec";

const d = env.TEST_DATASET;

/** GET a path and return the body as text, checked against the spec for its status and Content-Type. */
async function getText(path: string, init?: RequestInit) {
  const res = await request(path, init);
  const text = await res.text();
  const json = res.headers.get("Content-Type")?.startsWith("application/ld+json");
  await expectDocumented(path, res, json ? JSON.parse(text) : text);
  return { res, text };
}

const ID = "apple-selected-alibaba-china-ai-partner";
const PERMALINK = `${BASE}/facts/${ID}`;
const INFO = `${BASE}/v1/sources/the-information-apple-alibaba-report`;
const GATE = `${BASE}/v1/sources/gate-kiki-apple-alibaba-ai-alliance`;

describe("a fact's citation", () => {
  it("carries the whole citation object: text, Markdown, permalink, sources with publishers and dates", async () => {
    const { body } = await getDocumented<{ data: { citation: unknown } }>(`/v1/facts/${ID}`);
    const statement = 'Apple\'s much-watched "China AI partner" has ultimately been settled as Alibaba.';
    expect(body.data.citation).toEqual({
      text: `${statement} — Sources: The Information (2025-02); Kiki, Gate (2025-02). ${PERMALINK}`,
      markdown: `> ${statement}\n\n— Sources: [The Information](${INFO}) (2025-02); [Kiki](${GATE}), Gate (2025-02) · [permalink](${PERMALINK})`,
      permalink: PERMALINK,
      pinned: `${BASE}/v1/releases/${await currentVersion()}/facts/${ID}`,
      sources: [
        {
          id: "the-information-apple-alibaba-report",
          title: "The Information's report on Apple partnering with Alibaba for Apple Intelligence in China",
          publisher: "The Information",
          author: null,
          date: "2025-02",
          url: null,
          href: INFO,
        },
        {
          id: "gate-kiki-apple-alibaba-ai-alliance",
          title: 'Apple × Alibaba: from "two elephants shouldn\'t fight" to an AI alliance (Japanese translation)',
          publisher: "Gate",
          author: "Kiki",
          date: "2025-02",
          url: null,
          href: GATE,
        },
      ],
    });
  });
});

describe("GET /v1/facts/{id} in text/plain and text/markdown", () => {
  const textOf = (id: string) => (d.facts.find((f) => f.id === id) as (typeof d.facts)[number]).text;
  const JA = textOf(ID).ja as string;
  const ZH = textOf(ID).zh as string;
  const TEXT = {
    en: `Apple's much-watched "China AI partner" has ultimately been settled as Alibaba. — Sources: The Information (2025-02); Kiki, Gate (2025-02). ${PERMALINK}\n`,
    ja: `${JA}——出典：The Information（2025-02）、Kiki（Gate、2025-02）。${PERMALINK}\n`,
    zh: `${ZH}——来源：The Information（2025-02）；Kiki（Gate，2025-02）。${PERMALINK}\n`,
    "zh-Hant": `${toHant(ZH)}——來源：The Information（2025-02）；Kiki（Gate，2025-02）。${PERMALINK}\n`,
  };
  const MARKDOWN = {
    en: `> Apple's much-watched "China AI partner" has ultimately been settled as Alibaba.\n\n— Sources: [The Information](${INFO}) (2025-02); [Kiki](${GATE}), Gate (2025-02) · [permalink](${PERMALINK})\n`,
    ja: `> ${JA}\n\n——出典：[The Information](${INFO})（2025-02）、[Kiki](${GATE})（Gate、2025-02）。[パーマリンク](${PERMALINK})\n`,
    zh: `> ${ZH}\n\n——来源：[The Information](${INFO})（2025-02）；[Kiki](${GATE})（Gate，2025-02）。[永久链接](${PERMALINK})\n`,
    "zh-Hant": `> ${toHant(ZH)}\n\n——來源：[The Information](${INFO})（2025-02）；[Kiki](${GATE})（Gate，2025-02）。[永久連結](${PERMALINK})\n`,
  };

  it.each(["en", "ja", "zh", "zh-Hant"] as const)(
    "answers text/plain in %s: one line, the sources, the permalink",
    async (lang) => {
      const { res, text } = await getText(`/v1/facts/${ID}?format=text&lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(res.headers.get("Vary")).toContain("Accept");
      expect(text).toBe(TEXT[lang]);
    },
  );

  it.each(["en", "ja", "zh", "zh-Hant"] as const)(
    "answers text/markdown in %s: quote, linked sources, permalink",
    async (lang) => {
      const { res, text } = await getText(`/v1/facts/${ID}?lang=${lang}`, { headers: { Accept: "text/markdown" } });
      expect(res.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(text).toBe(MARKDOWN[lang]);
    },
  );

  it("says in Markdown when the fact is the author's analysis", async () => {
    const id = "apple-alibaba-cooperation-key-stage";
    const link = `${BASE}/facts/${id}`;
    const { text } = await getText(`/v1/facts/${id}?format=markdown`);
    expect(text).toBe(
      `> ${textOf(id).en}\n\n— Sources: [Kiki](${GATE}), Gate (2025-02); [Kiki](${BASE}/v1/sources/silicon-based-lab-kiki-apple-alibaba-ai-alliance), Silicon-Based Lab (2025-02) · [permalink](${link})\n\n_The author's analysis._\n`,
    );
  });

  it("serves the English text with Chinese citation words when a fact has no Chinese text", async () => {
    // Every curated fact has Chinese text: publish a copy without this one's.
    const { text } = await withDataset(
      (data) => {
        delete (data.facts.find((f) => f.id === ID) as (typeof data.facts)[number]).text.zh;
      },
      () => getText(`/v1/facts/${ID}?format=text&lang=zh`),
    );
    expect(text.startsWith(`${textOf(ID).en}——来源：`)).toBe(true);
  });
});

describe("GET /v1/facts/{id} in JSON-LD", () => {
  const id = "apple-rumoured-with-seven-plus-companies";
  const link = `${BASE}/facts/${id}`;
  const gateWork = (name: string) => ({
    "@type": "AnalysisNewsArticle",
    "@id": GATE,
    name,
    inLanguage: "ja",
    author: { "@type": "Person", name: "Kiki" },
    publisher: { "@type": "Organization", name: "Gate", url: `${BASE}/v1/entities/gate` },
    datePublished: "2025-02",
  });

  it("answers a schema.org Claim with its appearance, author, date, quote, subjects and figures", async () => {
    const { res, text } = await getText(`/v1/facts/${id}`, { headers: { Accept: "application/ld+json" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    const work = gateWork(
      'Apple × Alibaba: from "two elephants shouldn\'t fight" to an AI alliance (Japanese translation)',
    );
    expect(JSON.parse(text)).toEqual({
      "@context": "https://schema.org",
      "@type": "Claim",
      "@id": link,
      url: link,
      identifier: id,
      text: 'Rumours of a "marriage" with Apple have surfaced for seven or more Chinese companies.',
      inLanguage: "en",
      creativeWorkStatus: "reported",
      author: { "@type": "Person", name: "Kiki" },
      datePublished: "2025-02",
      firstAppearance: work,
      appearance: [work],
      citation: { "@type": "Quotation", text: "Appleとの「結婚」の噂が7社以上も出ており", inLanguage: "ja" },
      about: [
        { "@type": "Thing", "@id": `${BASE}/v1/entities/apple`, name: "Apple", url: `${BASE}/v1/entities/apple` },
      ],
      mentions: [
        {
          "@type": "QuantitativeValue",
          "@id": `${BASE}/v1/figures/apple-china-ai-partner-rumoured-companies`,
          name: "7+ companies",
          value: 7,
          unitText: "companies",
          description:
            'Count of Apple: 7+ companies (Companies rumoured as Apple\'s AI partner in China since 2023 (a lower bound: "more than 7"); as of 2025-02).',
        },
      ],
    });
  });

  it("is valid JSON-LD: the jsonld processor expands it to a https://schema.org/Claim with its text", async () => {
    const schemaOrg = { "@context": { "@vocab": "https://schema.org/" } };
    const documentLoader = async (url: string) => {
      if (url === "https://schema.org" || url === "https://schema.org/") {
        return { contextUrl: undefined, documentUrl: url, document: schemaOrg };
      }
      throw new Error(`no network in tests: ${url}`);
    };
    for (const lang of ["en", "ja"] as const) {
      const { text } = await getText(`/v1/facts/${id}?format=jsonld&lang=${lang}`);
      const expanded = (await jsonld.expand(JSON.parse(text), { documentLoader })) as Record<string, unknown>[];
      expect(expanded).toHaveLength(1);
      const [claim] = expanded as [Record<string, { "@value"?: unknown; "@id"?: string; "@type"?: string[] }[]>];
      expect(claim["@id"]).toBe(link);
      expect(claim["@type"]).toEqual(["https://schema.org/Claim"]);
      const fact = d.facts.find((f) => f.id === id);
      expect(claim["https://schema.org/text"]).toEqual([{ "@value": fact?.text[lang] }]);
      expect(claim["https://schema.org/inLanguage"]).toEqual([{ "@value": lang }]);
      const appearance = claim["https://schema.org/appearance"]?.[0] as unknown as Record<string, unknown[]>;
      expect(appearance["@type"]).toEqual(["https://schema.org/AnalysisNewsArticle"]);
      expect(appearance["https://schema.org/datePublished"]).toEqual([{ "@value": "2025-02" }]);
      const quotation = claim["https://schema.org/citation"]?.[0] as unknown as Record<string, unknown[]>;
      expect(quotation["@type"]).toEqual(["https://schema.org/Quotation"]);
      const value = claim["https://schema.org/mentions"]?.[0] as unknown as Record<string, unknown[]>;
      expect(value["@type"]).toEqual(["https://schema.org/QuantitativeValue"]);
      expect(value["https://schema.org/value"]).toEqual([{ "@value": 7 }]);
    }
  });

  it("answers in Japanese: the article's sentence, Japanese names and titles", async () => {
    const { text } = await getText(`/v1/facts/${id}?format=jsonld&lang=ja`);
    const ld = JSON.parse(text);
    expect(ld.text).toBe((d.facts.find((f) => f.id === id) as (typeof d.facts)[number]).text.ja);
    expect(ld.inLanguage).toBe("ja");
    expect(ld.about).toEqual([
      { "@type": "Thing", "@id": `${BASE}/v1/entities/apple`, name: "アップル", url: `${BASE}/v1/entities/apple` },
    ]);
    expect(ld.appearance).toEqual([
      gateWork(d.sources.find((s) => s.id === "gate-kiki-apple-alibaba-ai-alliance")?.title.ja as string),
    ]);
    expect(ld.mentions[0].name).toBe("7社以上");
  });
});

describe("content negotiation", () => {
  const path = `/v1/facts/${ID}`;
  const typeFor = async (init?: RequestInit, query = "") =>
    (await request(`${path}${query}`, init)).headers.get("Content-Type");

  it("picks the representation from Accept (q-values, wildcards) and lets ?format= win", async () => {
    expect(await typeFor()).toBe("application/json");
    expect(await typeFor({ headers: { Accept: "*/*" } })).toBe("application/json");
    expect(await typeFor({ headers: { Accept: "application/json" } })).toBe("application/json");
    expect(await typeFor({ headers: { Accept: "text/plain" } })).toBe("text/plain; charset=utf-8");
    expect(await typeFor({ headers: { Accept: "text/*" } })).toBe("text/plain; charset=utf-8");
    expect(await typeFor({ headers: { Accept: "text/plain;q=0.5, text/markdown" } })).toBe(
      "text/markdown; charset=utf-8",
    );
    expect(await typeFor({ headers: { Accept: "image/png, application/ld+json;q=0.1" } })).toBe(
      "application/ld+json; charset=utf-8",
    );
    expect(await typeFor({ headers: { Accept: "text/html, */*;q=0.8" } })).toBe("application/json");
    expect(await typeFor({ headers: { Accept: "text/plain" } }, "?format=json")).toBe("application/json");
    expect(await typeFor({ headers: { Accept: "application/json" } }, "?format=markdown")).toBe(
      "text/markdown; charset=utf-8",
    );
  });

  it("answers 406 problem+json when Accept allows none of the representations", async () => {
    for (const accept of ["image/png", "text/html", "application/xml, image/*;q=0.5", "application/json;q=0"]) {
      const res = await request(path, { headers: { Accept: accept } });
      expect(res.status, accept).toBe(406);
      expect(res.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
      const body = (await res.json()) as { type: string; status: number; detail: string };
      await expectDocumented(path, res, body);
      expect(body.type).toBe("/problems/not-acceptable");
      expect(body.detail).toContain("application/ld+json");
    }
    // HEAD answers like GET, without a body.
    const head = await request(`${path}?format=markdown`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(await head.text()).toBe("");
    // ?format= wins over an Accept that allows nothing.
    const res = await request(`${path}?format=text`, { headers: { Accept: "image/png" } });
    expect(res.status).toBe(200);
  });

  it("gives each representation its own ETag and its own cache entry", async () => {
    const one = "/v1/facts/apple-alibaba-submitted-ai-features-to-cac";
    const accepts = ["application/json", "text/plain", "text/markdown", "application/ld+json"];
    const first = await Promise.all(accepts.map((a) => request(one, { headers: { Accept: a } })));
    const bodies = await Promise.all(first.map((r) => r.text()));
    const etags = first.map((r) => r.headers.get("ETag"));
    expect(new Set(etags).size).toBe(4);
    for (const r of first) expect(r.headers.get("Cache-Status")).toContain("stored");
    for (const [i, accept] of accepts.entries()) {
      const again = await request(one, { headers: { Accept: accept } });
      expect(again.headers.get("Cache-Status"), accept).toMatch(/; hit/);
      expect(again.headers.get("ETag")).toBe(etags[i]);
      expect(again.headers.get("Content-Type")?.split(";")[0]).toBe(accept);
      expect(await again.text()).toBe(bodies[i]);
    }
    // A conditional request matches only its own representation.
    const text304 = await request(one, { headers: { Accept: "text/plain", "If-None-Match": etags[1] as string } });
    expect(text304.status).toBe(304);
    const json200 = await request(one, {
      headers: { Accept: "application/json", "If-None-Match": etags[1] as string },
    });
    expect(json200.status).toBe(200);
    // An Accept that allows nothing never gets a cached answer of another representation.
    expect((await request(one, { headers: { Accept: "image/png" } })).status).toBe(406);
  });
});

/** FNV-1a (32 bits), written independently of the worker. */
function fnv1a(text: string) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

describe("GET /v1/facts/today", () => {
  it("answers the fact of the UTC day: the same all day, cached until midnight, canonical link", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const ids = d.facts.map((f) => f.id).sort();
    const want = ids[fnv1a(day) % ids.length] as string;
    const before = Date.now();
    const a = await getDocumented<{ data: { id: string }; links: { self: string } }>("/v1/facts/today");
    const b = await getDocumented<{ data: { id: string } }>("/v1/facts/today?lang=en");
    expect(a.res.status).toBe(200);
    expect(a.body.data.id).toBe(want);
    expect(b.body.data.id).toBe(want);
    // Absolute, like every link the API sends.
    expect(a.res.headers.get("Link")).toBe(`<${BASE}/v1/facts/${want}>; rel="canonical"`);
    const maxAge = Number(/^public, max-age=(\d+)$/.exec(a.res.headers.get("Cache-Control") ?? "")?.[1]);
    const midnight = Date.UTC(
      new Date(before).getUTCFullYear(),
      new Date(before).getUTCMonth(),
      new Date(before).getUTCDate() + 1,
    );
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(Math.ceil((midnight - before) / 1000));
    expect(maxAge).toBeGreaterThanOrEqual(Math.floor((midnight - Date.now()) / 1000) - 1);
    // The same record as its own URL.
    const direct = await getJson(`/v1/facts/${want}`);
    expect(a.body).toEqual(direct.body);
    expect(a.body.links.self).toBe(`${BASE}/v1/facts/${want}`);
  });

  it("answers in every representation and language, and is not taken for a fact id", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const ids = d.facts.map((f) => f.id).sort();
    const want = ids[fnv1a(day) % ids.length] as string;
    const today = await getText("/v1/facts/today?format=text&lang=ja");
    const direct = await getText(`/v1/facts/${want}?format=text&lang=ja`);
    expect(today.text).toBe(direct.text);
    expect(today.res.headers.get("Content-Language")).toBe("ja");
    const ld = await getText("/v1/facts/today", { headers: { Accept: "application/ld+json" } });
    expect(JSON.parse(ld.text)["@id"]).toBe(`${BASE}/facts/${want}`);
    expect((await request("/v1/facts/today", { headers: { Accept: "image/png" } })).status).toBe(406);
    const bad = await getDocumented<{ allowed: string[] }>("/v1/facts/today?id=x");
    expect(bad.res.status).toBe(400);
    expect(bad.body.allowed).toEqual(["format", "include", "lang"]);
  });
});
