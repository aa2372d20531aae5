import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withHant } from "../src/dataset/hant";
import { d1Executor, publishDataset } from "../src/dataset/publish";
import { type Dataset, type Fact, LANG_TAGS, type Lang, type Localized } from "../src/dataset/schema";
import type { EntityView, FactView } from "../src/compose/pages";
import { readView } from "../src/queries/pages";
import { esc, jsonForScript, PAGE_CSP } from "../src/routes/pages/html";
import { BASE, currentVersion, request, withDataset, workerState } from "./helpers";
import { type ParsedPage, parsePage } from "./html";
import { spec } from "./spec";

const d = withHant(env.TEST_DATASET);
const FACT = "apple-selected-alibaba-china-ai-partner";
const pick = (t: Localized | undefined, lang: Lang) => (t ? (t[lang] ?? t.en) : "");
const fact = (id: string) => d.facts.find((f) => f.id === id) as Fact;
const entity = (id: string) => d.entities.find((e) => e.id === id) as Dataset["entities"][number];
const source = (id: string) => d.sources.find((s) => s.id === id) as Dataset["sources"][number];
const SOURCE_TYPES: Record<string, string> = {
  news_report: "NewsArticle",
  analysis: "AnalysisNewsArticle",
  whitepaper: "Report",
  measurement: "Report",
  market_report: "Report",
  regulation: "Legislation",
};

/** A source as the page's JSON-LD must describe it. */
function creativeWork(id: string, lang: Lang) {
  const s = source(id);
  return {
    "@type": SOURCE_TYPES[s.kind] ?? "CreativeWork",
    "@id": `${BASE}/v1/sources/${id}`,
    name: pick(s.title, lang),
    ...(s.url ? { url: s.url } : {}),
    publisher: { "@type": "Organization", name: pick(entity(s.publisher).name, lang) },
    ...(s.author ? { author: { "@type": "Person", name: s.author } } : {}),
    datePublished: s.date,
  };
}

/** A source as a fact's Claim describes it (the JSON-LD `?format=jsonld` serves, embedded in the page). */
function claimWork(id: string, lang: Lang) {
  const s = source(id);
  const types: Record<string, string> = { ...SOURCE_TYPES, interview: "NewsArticle" };
  return {
    "@type": types[s.kind] ?? "CreativeWork",
    "@id": `${BASE}/v1/sources/${id}`,
    name: pick(s.title, lang),
    ...(s.url ? { url: s.url } : {}),
    inLanguage: s.language,
    ...(s.author ? { author: { "@type": "Person", name: s.author } } : {}),
    publisher: {
      "@type": "Organization",
      name: pick(entity(s.publisher).name, lang),
      url: `${BASE}/v1/entities/${s.publisher}`,
    },
    datePublished: s.date,
  };
}

async function getPage(path: string, init?: RequestInit) {
  const res = await request(path, init);
  const html = await res.text();
  return { res, html, page: await parsePage(html) };
}

const jsonLd = (page: ParsedPage) => {
  const blocks = page.scripts.filter((s) => s.type === "application/ld+json");
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]?.text ?? "") as Record<string, unknown>;
};

/** What every permalink page must have: headers, head tags, landmarks, nothing loaded from elsewhere. */
function expectUnfurls(res: Response, page: ParsedPage, kind: string, id: string, lang: Lang) {
  const suffix = lang === "en" ? "" : `?lang=${lang}`;
  const canonical = `${BASE}/${kind}/${id}${suffix}`;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/html; charset=UTF-8");
  expect(res.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
  expect(res.headers.get("Content-Language")).toBe(LANG_TAGS[lang]);
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(page.lang).toBe(LANG_TAGS[lang]);
  expect(page.h1).toHaveLength(1);
  expect(page.meta.viewport).toBe("width=device-width, initial-scale=1");
  expect(page.meta["og:type"]).toBe("article");
  expect(page.meta["og:site_name"]).toBe("Alliance Facts API");
  expect(page.meta["og:url"]).toBe(canonical);
  const locales = { en: "en_US", ja: "ja_JP", zh: "zh_CN", "zh-Hant": "zh_TW" };
  expect(page.meta["og:locale"]).toBe(locales[lang]);
  expect(page.localeAlternates.sort()).toEqual(
    Object.values(locales)
      .filter((l) => l !== locales[lang])
      .sort(),
  );
  // The share card: a 1200×630 PNG in the page's language, described for people who cannot see it.
  expect(page.meta["twitter:card"]).toBe("summary_large_image");
  expect(page.meta["og:image"]).toBe(`${BASE}/v1/${kind}/${id}/card.png${suffix}`);
  expect(page.meta["twitter:image"]).toBe(page.meta["og:image"]);
  expect([page.meta["og:image:type"], page.meta["og:image:width"], page.meta["og:image:height"]]).toEqual([
    "image/png",
    "1200",
    "630",
  ]);
  expect(page.meta["og:image:alt"]?.length).toBeGreaterThan(0);
  expect(page.meta["twitter:image:alt"]).toBe(page.meta["og:image:alt"]);
  expect(page.meta["twitter:title"]).toBe(page.meta["og:title"]);
  expect(page.meta["twitter:description"]).toBe(page.meta["og:description"]);
  expect(page.meta.description).toBe(page.meta["og:description"]);
  expect(page.meta["og:title"]?.length).toBeGreaterThan(0);
  expect(page.meta["og:description"]?.length).toBeGreaterThan(0);
  const link = (rel: string, type: string | null = null) => page.links.filter((l) => l.rel === rel && l.type === type);
  expect(link("canonical").map((l) => l.href)).toEqual([canonical]);
  expect(link("alternate", "application/json").map((l) => l.href)).toEqual([`${BASE}/v1/${kind}/${id}${suffix}`]);
  expect(link("alternate", "application/json+oembed").map((l) => l.href)).toEqual([
    `${BASE}/oembed?url=${encodeURIComponent(canonical)}&format=json`,
  ]);
  expect(link("alternate").map((l) => [l.hreflang, l.href])).toEqual([
    ["en", `${BASE}/${kind}/${id}`],
    ["ja", `${BASE}/${kind}/${id}?lang=ja`],
    ["zh-Hans", `${BASE}/${kind}/${id}?lang=zh`],
    ["zh-Hant", `${BASE}/${kind}/${id}?lang=zh-Hant`],
  ]);
  // Accessible structure; no script to run, nothing loaded from another origin.
  expect(new Set(page.landmarks)).toEqual(new Set(["header", "nav", "main", "footer"]));
  expect(page.scripts.map((s) => s.type)).toEqual(["application/ld+json"]);
  // The stylesheet, an empty inline icon so browsers do not ask for /favicon.ico, and the page's pictures
  // (the story's timeline on a partnership's page; a model's budget charts), all of this origin.
  const pictures =
    kind === "partnerships" ? [`${BASE}/v1/stories/apple-alibaba-ai-alliance-china/timeline.svg${suffix}`] : [];
  expect(page.loads).toEqual(["data:,", "/pages.css", ...pictures]);
  for (const a of page.anchors) expect(a.text.length, `link text of ${a.href}`).toBeGreaterThan(0);
}

describe("GET /facts/{id}", () => {
  it("renders the statement, its citation, the meta tags and a Claim in JSON-LD (the one ?format=jsonld serves)", async () => {
    const f = fact(FACT);
    const { res, html, page } = await getPage(`/facts/${FACT}`);
    expectUnfurls(res, page, "facts", FACT, "en");
    expect(page.h1).toEqual([f.text.en]);
    expect(page.meta["og:title"]).toBe(f.text.en);
    // The sentence has double quotes: escaped in text and attributes, never raw.
    expect(f.text.en).toContain('"');
    expect(html).toContain(`<h1>${esc(f.text.en)}</h1>`);
    expect(html).toContain(`content="${esc(f.text.en)}"`);
    const publishers = f.sources.map((s) => pick(entity(source(s).publisher).name, "en"));
    expect(page.meta["og:description"]).toBe(
      `Reported — ${f.sources.map((s, i) => `${publishers[i]}${source(s).author ? `, ${source(s).author}` : ""} (${source(s).date})`).join("; ")}`,
    );
    // Every source is listed and linked; the plain-text citation is on the page.
    for (const s of f.sources) {
      expect(page.anchors.some((a) => a.href === (source(s).url ?? `${BASE}/v1/sources/${s}`))).toBe(true);
    }
    expect(page.text).toContain(`${BASE}/facts/${FACT}`);
    // Related records link to their pages.
    for (const e of f.entities) {
      expect(page.anchors).toContainEqual({ href: `${BASE}/entities/${e}`, text: pick(entity(e).name, "en") });
    }
    const ld = jsonLd(page);
    const first = source(f.sources[0] as string);
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Claim",
      "@id": `${BASE}/facts/${FACT}`,
      url: `${BASE}/facts/${FACT}`,
      identifier: FACT,
      text: f.text.en,
      inLanguage: "en",
      author: first.author
        ? { "@type": "Person", name: first.author }
        : { "@type": "Organization", name: pick(entity(first.publisher).name, "en") },
      datePublished: first.date,
      firstAppearance: claimWork(first.id, "en"),
      appearance: f.sources.map((s) => claimWork(s, "en")),
      citation: { "@type": "Quotation", text: f.quote, inLanguage: "ja" },
    });
    expect((ld.about as { "@id": string }[]).map((a) => a["@id"]).sort()).toEqual(
      f.entities.map((e) => `${BASE}/v1/entities/${e}`).sort(),
    );
    // One builder: the page embeds exactly what the API answers as application/ld+json.
    const api = await request(`/v1/facts/${FACT}?format=jsonld`);
    expect(ld).toEqual(await api.json());
    // The original sentence is quoted from the Japanese article, and cites it.
    const ja = f.sources.map(source).find((s) => s.language === "ja");
    expect(ja).toBeDefined();
    expect(html).toContain(`<blockquote lang="ja" cite="${esc(ja?.url ?? `${BASE}/v1/sources/${ja?.id}`)}">`);
  });

  it("carries numeric facts' figures as QuantitativeValue", async () => {
    const f = d.facts.find((x) => x.figures.length > 0) as Fact;
    const { page } = await getPage(`/facts/${f.id}`);
    const values = jsonLd(page).mentions as Record<string, unknown>[];
    expect(values.map((v) => v["@id"]).sort()).toEqual(f.figures.map((id) => `${BASE}/v1/figures/${id}`).sort());
    for (const v of values) {
      const fig = d.figures.find((x) => `${BASE}/v1/figures/${x.id}` === v["@id"]);
      expect(v).toMatchObject({
        "@type": "QuantitativeValue",
        name: fig?.display.en,
        value: fig?.value,
        unitText: fig?.unit,
      });
    }
  });

  it("follows ?lang= and Accept-Language", async () => {
    const f = fact(FACT);
    const ja = await getPage(`/facts/${FACT}?lang=ja`);
    expectUnfurls(ja.res, ja.page, "facts", FACT, "ja");
    expect(ja.page.h1).toEqual([f.text.ja]);
    expect(jsonLd(ja.page)).toMatchObject({ "@type": "Claim", text: f.text.ja, inLanguage: "ja" });
    const zh = await getPage(`/facts/${FACT}`, { headers: { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5" } });
    expectUnfurls(zh.res, zh.page, "facts", FACT, "zh");
    expect(zh.page.h1).toEqual([f.text.zh]);
  });

  it("marks a text that fell back to English with its own lang attribute", async () => {
    // Every curated fact has Chinese text: publish a copy where one has none.
    const f = d.facts[0] as Fact;
    const { html, page } = await withDataset(
      (data) => {
        for (const x of data.facts) if (x.id === f.id) delete x.text.zh;
      },
      () => getPage(`/facts/${f.id}?lang=zh`),
    );
    expect(page.lang).toBe("zh-Hans");
    expect(page.h1).toEqual([f.text.en]);
    expect(html).toContain(`<h1 lang="en">${esc(f.text.en)}</h1>`);
    expect(jsonLd(page)).toMatchObject({ text: f.text.en, inLanguage: "en" });
  });

  it("renders every fact of the release", async () => {
    for (const f of d.facts) {
      const { res, page } = await getPage(`/facts/${f.id}`);
      expect(res.status, f.id).toBe(200);
      expect(page.h1, f.id).toEqual([f.text.en.replace(/\s+/g, " ").trim()]);
      expect(jsonLd(page).appearance, f.id).toEqual([...new Set(f.sources)].map((s) => claimWork(s, "en")));
    }
  }, 60_000);

  it("answers an unknown id with an HTML 404 page listing close ids", async () => {
    const { res, html, page } = await getPage("/facts/apple-selected-alibaba");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=UTF-8");
    expect(res.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
    expect(page.lang).toBe("en");
    expect(page.h1).toEqual(["Not found"]);
    expect(page.robots).toBe("noindex");
    expect(page.scripts).toEqual([]);
    expect(page.meta["og:title"]).toBeUndefined();
    expect(page.anchors).toContainEqual({ href: `${BASE}/facts/${FACT}`, text: FACT });
    expect(html).toContain("<code>/facts/apple-selected-alibaba</code>");
    const ja = await getPage("/facts/zzzzzzzzzzzz?lang=ja");
    expect(ja.res.status).toBe(404);
    expect(ja.page.lang).toBe("ja");
    expect(ja.page.h1).toEqual(["見つかりません"]);
  });

  it("rejects unknown and invalid parameters with a problem", async () => {
    const unknown = await request(`/facts/${FACT}?format=json`);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(await unknown.json()).toMatchObject({ type: "/problems/unknown-parameter", allowed: ["lang"] });
    const bad = await request(`/facts/${FACT}?lang=fr`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: "/problems/invalid-parameter", errors: [{ parameter: "lang" }] });
  });

  it("is cached like the API: ETag, 304 and HEAD", async () => {
    const first = await request(`/facts/${FACT}?lang=ja`);
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(new RegExp(`^"${await currentVersion()}-[0-9a-f]+"$`));
    const again = await request(`/facts/${FACT}?lang=ja`, { headers: { "If-None-Match": etag as string } });
    expect(again.status).toBe(304);
    const head = await request(`/facts/${FACT}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
    expect(await head.text()).toBe("");
  });
});

describe("GET /entities/{id}", () => {
  it("renders an organization with names, relations, facts and JSON-LD", async () => {
    const e = entity("alibaba-group");
    const { res, page } = await getPage("/entities/alibaba-group");
    expectUnfurls(res, page, "entities", "alibaba-group", "en");
    expect(page.h1).toEqual([e.name.en]);
    expect(page.meta["og:title"]).toBe(e.name.en);
    expect(page.meta["og:description"]).toBe(e.description.en);
    const ld = jsonLd(page);
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Organization",
      "@id": `${BASE}/entities/alibaba-group`,
      identifier: "alibaba-group",
      name: e.name.en,
      description: e.description.en,
    });
    expect(ld.alternateName).toEqual(
      expect.arrayContaining([e.name.ja, e.name.zh, ...e.aliases.map((a) => a.text)].filter(Boolean)),
    );
    // Every fact about it links to its page; every relation's other side too.
    const about = d.facts.filter((f) => f.entities.includes("alibaba-group"));
    for (const f of about) expect(page.anchors.map((a) => a.href)).toContain(`${BASE}/facts/${f.id}`);
    const related = d.entities.flatMap((x) =>
      x.id === "alibaba-group"
        ? x.relations.map((r) => r.target)
        : x.relations.some((r) => r.target === "alibaba-group")
          ? [x.id]
          : [],
    );
    expect(related.length).toBeGreaterThan(0);
    for (const id of related) expect(page.anchors.map((a) => a.href)).toContain(`${BASE}/entities/${id}`);
    const partnerships = d.partnerships.filter((p) => p.parties.includes("alibaba-group"));
    for (const p of partnerships) expect(page.anchors.map((a) => a.href)).toContain(`${BASE}/partnerships/${p.id}`);
  });

  it("types each entity in JSON-LD by its kind", async () => {
    const types: Record<string, string> = {
      organization: "Organization",
      person: "Person",
      product: "Product",
      model: "SoftwareApplication",
      device: "Product",
      framework: "SoftwareApplication",
      regulator: "GovernmentOrganization",
      regulation: "Legislation",
      publication: "NewsMediaOrganization",
      place: "Place",
    };
    for (const e of d.entities) {
      const { res, page } = await getPage(`/entities/${e.id}?lang=ja`);
      expect(res.status, e.id).toBe(200);
      expect(page.lang).toBe("ja");
      expect(page.h1, e.id).toEqual([pick(e.name, "ja")]);
      expect(jsonLd(page), e.id).toMatchObject({ "@type": types[e.type], name: pick(e.name, "ja") });
    }
  }, 60_000);

  it("redirects an alias to the canonical page with 308", async () => {
    const res = await request("/entities/aliyun?lang=ja", { redirect: "manual" });
    expect(res.status).toBe(308);
    expect(res.headers.get("Location")).toBe(`${BASE}/entities/alibaba-cloud?lang=ja`);
  });

  it("answers an unknown id with an HTML 404", async () => {
    const { res, page } = await getPage("/entities/appel");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
    expect(page.anchors).toContainEqual({ href: `${BASE}/entities/apple`, text: "apple" });
  });
});

describe("GET /partnerships/{id}", () => {
  it("renders parties, status, history, reasons and timeline", async () => {
    const id = "apple-alibaba-apple-intelligence-china";
    const p = d.partnerships.find((x) => x.id === id) as Dataset["partnerships"][number];
    const { res, page } = await getPage(`/partnerships/${id}`);
    expectUnfurls(res, page, "partnerships", id, "en");
    const [a, b] = p.parties.map((x) => entity(x).name.en);
    expect(page.h1).toEqual([`${a} × ${b}: ${p.subject.en}`]);
    expect(page.meta["og:title"]).toBe(`${a} × ${b}: ${p.subject.en} — pending approval`);
    expect(page.anchors).toContainEqual({ href: `${BASE}/entities/${p.parties[0]}`, text: a });
    for (const h of p.history) expect(page.text).toContain(h.note.en.replace(/\s+/g, " ").trim());
    for (const e of d.events.filter((x) => x.partnership === id)) {
      expect(page.anchors).toContainEqual({ href: `${BASE}/v1/events/${e.id}`, text: e.title.en });
    }
    expect(jsonLd(page)).toEqual({
      "@context": "https://schema.org",
      "@type": "Thing",
      "@id": `${BASE}/partnerships/${id}`,
      url: `${BASE}/partnerships/${id}`,
      identifier: id,
      name: `${a} × ${b}: ${p.subject.en} — pending approval`,
      description: p.summary.en,
      subjectOf: [...new Set(p.sources)].map((s) => creativeWork(s, "en")),
    });
  });

  it("renders every partnership in every language", async () => {
    for (const p of d.partnerships) {
      for (const lang of ["en", "ja", "zh", "zh-Hant"] as const) {
        const { res, page } = await getPage(`/partnerships/${p.id}?lang=${lang}`);
        expect(res.status, p.id).toBe(200);
        expect(page.lang).toBe(LANG_TAGS[lang]);
        expect(page.h1[0], p.id).toContain(pick(p.subject, lang).replace(/\s+/g, " ").trim());
        expect(jsonLd(page)["@type"]).toBe("Thing");
      }
    }
  }, 60_000);

  it("answers an unknown id with an HTML 404", async () => {
    const { res, page } = await getPage("/partnerships/nope");
    expect(res.status).toBe(404);
    expect(page.h1).toEqual(["Not found"]);
  });
});

describe("escaping", () => {
  it("escapes text and attributes, and keeps JSON-LD inert and exact", async () => {
    const nasty = `</script><script>alert("x")</script> & 'q' <b>`;
    expect(esc(nasty)).toBe(
      "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;b&gt;",
    );
    const json = jsonForScript({ text: nasty, sep: "\u2028" });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ text: nasty, sep: "\u2028" });
  });

  describe("a record whose text has < & and quotes", () => {
    const nasty = `Apple & Alibaba say "</script><script>alert('x')</script>" <b>bold</b>`;
    beforeAll(async () => {
      const dataset = structuredClone(env.TEST_DATASET);
      (dataset.facts.find((f) => f.id === FACT) as Fact).text.en = nasty;
      const alibaba = dataset.entities.find((e) => e.id === "alibaba-group") as Dataset["entities"][number];
      alibaba.description.en = nasty;
      await publishDataset(d1Executor(env.DB), dataset);
      workerState.release.forget();
    });
    afterAll(async () => {
      await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
      workerState.release.forget();
    });

    it("renders it escaped on the fact page and exact in JSON-LD", async () => {
      const { res, html, page } = await getPage(`/facts/${FACT}`);
      expect(res.status).toBe(200);
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain("<b>bold");
      expect(html).toContain(`<h1>${esc(nasty)}</h1>`);
      expect(page.h1).toEqual([nasty]);
      expect(page.meta["og:title"]).toBe(nasty);
      expect(page.scripts.map((s) => s.type)).toEqual(["application/ld+json"]);
      expect(jsonLd(page).text).toBe(nasty);
    });

    it("renders it escaped on the entity page and in the oEmbed card", async () => {
      const { html, page } = await getPage("/entities/alibaba-group");
      expect(html).not.toContain("<script>alert");
      expect(page.meta["og:description"]).toBe(nasty);
      expect(jsonLd(page).description).toBe(nasty);
      const card = (await (await request(`/oembed?url=${encodeURIComponent(`${BASE}/facts/${FACT}`)}`)).json()) as {
        html: string;
        title: string;
      };
      expect(card.title).toBe(nasty);
      expect(card.html).not.toContain("<script");
      expect(card.html).toContain(esc(nasty));
    });
  });
});

describe("the spec", () => {
  it("documents the pages as HTML operations with their 404", async () => {
    const doc = (await spec()) as unknown as {
      paths: Record<string, { get: { operationId: string; tags: string[]; responses: Record<string, unknown> } }>;
    };
    for (const [path, operationId, tag] of [
      ["/facts/{id}", "getFactPage", "Facts"],
      ["/entities/{id}", "getEntityPage", "Entities"],
      ["/partnerships/{id}", "getPartnershipPage", "Partnerships"],
    ] as const) {
      const op = doc.paths[path]?.get;
      expect(op?.operationId).toBe(operationId);
      expect(op?.tags).toEqual([tag]);
      expect(op?.responses["200"]).toMatchObject({ content: { "text/html": { schema: { type: "string" } } } });
      expect(op?.responses["404"]).toMatchObject({ content: { "text/html": { schema: { type: "string" } } } });
    }
  });
});

describe("pages and JSON-LD stored whole by a release before LOADER_VERSION 10", () => {
  it("are served as they were stored, without the reads that complete today's", async () => {
    const version = await currentVersion();
    const ENTITY = "alibaba-group";
    const lang = "zh";
    const factView = (await readView(env.DB, version, "facts", FACT, lang)) as FactView;
    const entityView = (await readView(env.DB, version, "entities", ENTITY, lang)) as EntityView;
    const storedEntity = await env.DB.prepare(
      "SELECT body FROM documents WHERE release = ?1 AND kind = 'page' AND id = ?2 AND lang = ?3",
    )
      .bind(version, `entities/${ENTITY}`, lang)
      .first<{ body: string }>();
    expect(storedEntity?.body).not.toContain('"citation"');
    // What those releases stored: each page's whole view, and the fact's JSON-LD in its `extra`. Marked, to
    // tell them from what today's read would make.
    const oldFact = { ...factView, title: "stored whole" };
    const oldEntity = { ...entityView, title: "stored whole" };
    const oldJsonLd = { ...(factView.jsonld as object), identifier: "stored whole" };
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO documents (release, kind, id, lang, sort, body) VALUES (?1, 'page', ?2, ?3, ?2, ?4)",
      ).bind(version, `facts/${FACT}`, lang, JSON.stringify(oldFact)),
      env.DB.prepare(
        "UPDATE documents SET extra = ?4 WHERE release = ?1 AND kind = 'fact' AND id = ?2 AND lang = ?3",
      ).bind(version, FACT, lang, JSON.stringify({ jsonld: oldJsonLd })),
      env.DB.prepare(
        "UPDATE documents SET body = ?4 WHERE release = ?1 AND kind = 'page' AND id = ?2 AND lang = ?3",
      ).bind(version, `entities/${ENTITY}`, lang, JSON.stringify(oldEntity)),
    ]);
    try {
      expect(await readView(env.DB, version, "facts", FACT, lang)).toEqual(oldFact);
      expect(await readView(env.DB, version, "entities", ENTITY, lang)).toEqual(oldEntity);
      const res = await request(`/v1/facts/${FACT}?format=jsonld&lang=${lang}`);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(oldJsonLd).replaceAll("\uE000", BASE)));
    } finally {
      await env.DB.batch([
        env.DB.prepare("DELETE FROM documents WHERE release = ?1 AND kind = 'page' AND id = ?2 AND lang = ?3").bind(
          version,
          `facts/${FACT}`,
          lang,
        ),
        env.DB.prepare(
          "UPDATE documents SET extra = NULL WHERE release = ?1 AND kind = 'fact' AND id = ?2 AND lang = ?3",
        ).bind(version, FACT, lang),
        env.DB.prepare(
          "UPDATE documents SET body = ?4 WHERE release = ?1 AND kind = 'page' AND id = ?2 AND lang = ?3",
        ).bind(version, `entities/${ENTITY}`, lang, storedEntity?.body),
      ]);
    }
  });
});
