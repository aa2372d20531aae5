import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Fact, Lang } from "../src/dataset/schema";
import { citationOf } from "./expected";
import { BASE, currentVersion, getJson, tagOf, withDataset } from "./helpers";
import { getDocumented, walkPages } from "./spec";

const d = env.TEST_DATASET;
const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
const entityOf = (id: string) => {
  const e = d.entities.find((x) => x.id === id);
  if (!e) throw new Error(`no entity ${id}`);
  return e;
};

/** The API representation of a dataset fact, computed independently of the worker. */
function expected(f: Fact, lang: Lang = "en") {
  const fallback: string[] = [];
  const text = f.text[lang] ?? f.text.en;
  if (!f.text[lang]) fallback.push("text");
  const entities = [...f.entities].sort().map((id) => {
    const e = entityOf(id);
    if (!e.name[lang] && !fallback.includes("entities.name")) fallback.push("entities.name");
    return { id, type: e.type, name: e.name[lang] ?? e.name.en, href: `${BASE}/v1/entities/${id}` };
  });
  return {
    id: f.id,
    text,
    topic: f.topic,
    status: f.status,
    entities,
    figures: [...f.figures].sort(),
    events: [...f.events].sort(),
    quote: f.quote,
    sources: [...new Set(f.sources)],
    story: f.story,
    href: `${BASE}/v1/facts/${f.id}`,
    citation: citationOf(text, `${BASE}/facts/${f.id}`, f.sources, lang),
    fallback,
  };
}

type Page = { data: { id: string }[]; meta: { next_cursor: string | null }; links: { next: string | null } };

/** Walks every page of a collection URL; returns the ids in order. */

const fact = d.facts.find((f) => f.id === "apple-rumoured-with-seven-plus-companies") as Fact;

describe("GET /v1/facts", () => {
  it("answers the first page ordered by id, whole bodies equal to the dataset", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented("/v1/facts");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Language")).toBe("en");
    const all = byId(d.facts);
    expect(body).toEqual({
      data: all.slice(0, 20).map((f) => expected(f)),
      meta: { release: version, lang: "en", limit: 20, next_cursor: expect.any(String) },
      links: {
        self: `${BASE}/v1/facts`,
        next: `${BASE}/v1/facts?cursor=${(body.meta as { next_cursor: string }).next_cursor}`,
      },
    });
  });

  it("walks every page with limit=7: no duplicates, no gaps, the whole set in id order", async () => {
    const { ids, pages } = await walkPages("/v1/facts?limit=7");
    expect(ids).toEqual(byId(d.facts).map((f) => f.id));
    expect(pages).toBe(Math.ceil(d.facts.length / 7));
  });

  it("walks a filtered collection page by page (limit=2, topic filter kept in the next link)", async () => {
    const { ids } = await walkPages("/v1/facts?topic=partnership&limit=2");
    expect(ids).toEqual(byId(d.facts.filter((f) => f.topic === "partnership")).map((f) => f.id));
  });

  it("filters by entity", async () => {
    const { body } = await getDocumented<Page>("/v1/facts?entity=alibaba-cloud&limit=100");
    const want = byId(d.facts.filter((f) => f.entities.includes("alibaba-cloud")));
    expect(want.length).toBeGreaterThan(0);
    expect(body.data).toEqual(want.map((f) => expected(f)));
  });

  it("filters by topic", async () => {
    const { body } = await getDocumented<Page>("/v1/facts?topic=model_budget&limit=100");
    const want = byId(d.facts.filter((f) => f.topic === "model_budget"));
    expect(want.length).toBeGreaterThan(0);
    expect(body.data.map((f) => f.id)).toEqual(want.map((f) => f.id));
  });

  it("filters by status", async () => {
    for (const status of ["reported", "analysis", "inferred", "disputed"] as const) {
      const { body } = await getDocumented<Page>(`/v1/facts?status=${status}&limit=100`);
      expect(
        body.data.map((f) => f.id),
        status,
      ).toEqual(byId(d.facts.filter((f) => f.status === status)).map((f) => f.id));
    }
  });

  it("filters by cited source", async () => {
    const source = "the-information-apple-alibaba-report";
    const { body } = await getDocumented<Page>(`/v1/facts?source=${source}&limit=100`);
    const want = byId(d.facts.filter((f) => f.sources.includes(source)));
    expect(want.length).toBeGreaterThan(0);
    expect(body.data.map((f) => f.id)).toEqual(want.map((f) => f.id));
  });

  it("combines filters; resolves an alias like a path does; an unknown id is a 400 naming the parameter", async () => {
    const { body } = await getDocumented<Page>("/v1/facts?entity=apple&status=analysis&topic=selection_criteria");
    const want = byId(
      d.facts.filter(
        (f) => f.entities.includes("apple") && f.status === "analysis" && f.topic === "selection_criteria",
      ),
    );
    expect(body.data.map((f) => f.id)).toEqual(want.slice(0, 20).map((f) => f.id));
    const canonical = await getDocumented<Page>("/v1/facts?entity=alibaba-cloud");
    const alias = await getDocumented<Page>("/v1/facts?entity=aliyun");
    expect(canonical.body.data.length).toBeGreaterThan(0);
    expect(alias.body.data).toEqual(canonical.body.data);
    const typo = await getJson<{ detail: string; errors: { parameter: string }[]; suggestions: string[] }>(
      "/v1/facts?entity=appel",
    );
    expect(typo.res.status).toBe(400);
    expect(typo.body.errors.map((e) => e.parameter)).toEqual(["entity"]);
    expect(typo.body.suggestions).toContain("apple");
    expect(typo.body.detail).toMatch(/^entity: no entity has the id "appel"; did you mean .*apple/);
    const source = await getJson<{ errors: { parameter: string }[] }>("/v1/facts?source=no-such-source");
    expect(source.res.status).toBe(400);
    expect(source.body.errors.map((e) => e.parameter)).toEqual(["source"]);
  });

  it("embeds sources and entities with include=, deduplicated and sorted by id", async () => {
    const { body } = await getDocumented<{
      data: { id: string; sources: string[]; entities: { id: string }[] }[];
      included: { sources: { id: string }[]; entities: { id: string; names: unknown }[] };
    }>("/v1/facts?limit=5&include=sources,entities");
    const page = byId(d.facts).slice(0, 5);
    const sourceIds = [...new Set(page.flatMap((f) => f.sources))].sort();
    const entityIds = [...new Set(page.flatMap((f) => f.entities))].sort();
    expect(body.included.sources.map((s) => s.id)).toEqual(sourceIds);
    expect(body.included.entities.map((e) => e.id)).toEqual(entityIds);
    expect(body.included.entities[0]).toMatchObject({ names: expect.any(Object) });

    const only = await getDocumented<{ included: Record<string, unknown> }>("/v1/facts?limit=5&include=sources");
    expect(Object.keys(only.body.included)).toEqual(["sources"]);
    const none = await getDocumented<Record<string, unknown>>("/v1/facts?limit=5");
    expect(none.body).not.toHaveProperty("included");
  });

  it("answers in Japanese and Chinese, falling back to English where a text is missing", async () => {
    for (const lang of ["ja", "zh"] as const) {
      const { res, body } = await getDocumented<Page>(`/v1/facts?lang=${lang}&limit=100`);
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(body.data).toEqual(byId(d.facts).map((f) => expected(f, lang)));
    }
    // A fact with no Chinese text: served in English and says so.
    // Every curated fact has Chinese text: publish a copy without one fact's.
    const noZh = d.facts[0] as Fact;
    const { body } = await withDataset(
      (data) => {
        delete (data.facts.find((f) => f.id === noZh.id) as Fact).text.zh;
      },
      () => getDocumented<{ data: { text: string; fallback: string[] } }>(`/v1/facts/${noZh.id}?lang=zh`),
    );
    expect(body.data.text).toBe(noZh.text.en);
    expect(body.data.fallback).toContain("text");
  });

  it("rejects bad enums, limits, cursors and unknown parameters with a 400 naming the parameter", async () => {
    const cases: [string, string, string][] = [
      ["/v1/facts?topic=gossip", "topic", "/problems/invalid-parameter"],
      ["/v1/facts?status=rumour", "status", "/problems/invalid-parameter"],
      ["/v1/facts?limit=0", "limit", "/problems/invalid-parameter"],
      ["/v1/facts?limit=101", "limit", "/problems/invalid-parameter"],
      ["/v1/facts?include=figures", "include", "/problems/invalid-parameter"],
      ["/v1/facts?cursor=not-a-cursor", "cursor", "/problems/invalid-cursor"],
      ["/v1/facts?lang=fr", "lang", "/problems/invalid-parameter"],
      ["/v1/facts?entities=apple", "entities", "/problems/unknown-parameter"],
    ];
    for (const [path, parameter, type] of cases) {
      const { res, body } = await getDocumented<{ type: string; errors: { parameter: string }[] }>(path);
      expect(res.status, path).toBe(400);
      expect(body.type, path).toBe(type);
      expect(
        body.errors.map((e) => e.parameter),
        path,
      ).toEqual([parameter]);
    }
    const unknown = await getJson<{ allowed: string[] }>("/v1/facts?entities=apple");
    // Representations other than JSON are for one fact; the list does not take `format`.
    const format = await getDocumented<{ type: string; allowed: string[] }>("/v1/facts?format=text");
    expect(format.res.status).toBe(400);
    expect(format.body.type).toBe("/problems/unknown-parameter");
    expect(unknown.body.allowed).toEqual(["cursor", "entity", "include", "lang", "limit", "source", "status", "topic"]);
  });

  it("refuses a cursor of another collection", async () => {
    const { body } = await getJson<{ meta: { next_cursor: string } }>("/v1/entities?limit=1");
    const { res } = await getDocumented(`/v1/facts?cursor=${body.meta.next_cursor}`);
    expect(res.status).toBe(400);
  });
});

describe("GET /v1/facts/{id}", () => {
  it("answers one fact, whole body", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented(`/v1/facts/${fact.id}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: expected(fact),
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}/v1/facts/${fact.id}` },
    });
    expect(fact.figures.length).toBeGreaterThan(0);
    expect(fact.events.length).toBeGreaterThan(0);
  });

  it("answers every fact equal to the dataset, citation included, in every language", async () => {
    for (const lang of ["en", "ja", "zh"] as const) {
      for (const f of d.facts.slice(0, 10)) {
        const { body } = await getDocumented<{ data: unknown }>(`/v1/facts/${f.id}?lang=${lang}`);
        expect(body.data).toEqual(expected(f, lang));
      }
    }
  });

  it("embeds the fact's sources and entities with include=", async () => {
    const { body } = await getDocumented<{
      included: { sources: { id: string }[]; entities: { id: string }[] };
    }>(`/v1/facts/${fact.id}?include=entities,sources`);
    expect(body.included.sources.map((s) => s.id)).toEqual([...new Set(fact.sources)].sort());
    expect(body.included.entities.map((e) => e.id)).toEqual([...fact.entities].sort());
  });

  it("answers an unknown id with a 404 that suggests close ids", async () => {
    const { res, body } = await getDocumented<{ type: string; suggestions: string[] }>(
      "/v1/facts/apple-rumoured-with-seven-companies",
    );
    expect(res.status).toBe(404);
    expect(body.type).toBe("/problems/not-found");
    expect(body.suggestions).toContain(fact.id);
  });

  it("rejects unknown parameters and bad include values", async () => {
    const a = await getDocumented<{ type: string }>(`/v1/facts/${fact.id}?limit=3`);
    expect(a.res.status).toBe(400);
    expect(a.body.type).toBe("/problems/unknown-parameter");
    const b = await getDocumented<{ type: string }>(`/v1/facts/${fact.id}?include=events`);
    expect(b.res.status).toBe(400);
    expect(b.body.type).toBe("/problems/invalid-parameter");
    const c = await getDocumented<{ type: string; errors: { parameter: string }[] }>(`/v1/facts/${fact.id}?format=xml`);
    expect(c.res.status).toBe(400);
    expect(c.body.errors.map((e) => e.parameter)).toEqual(["format"]);
    const allowed = await getJson<{ allowed: string[] }>(`/v1/facts/${fact.id}?limit=3`);
    expect(allowed.body.allowed).toEqual(["format", "include", "lang"]);
  });
});
