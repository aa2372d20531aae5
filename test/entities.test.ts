import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it } from "vitest";
import { d1Executor, publishDataset } from "../src/dataset/publish";
import { withHant } from "../src/dataset/hant";
import type { Entity, Lang, Localized } from "../src/dataset/schema";
import { BASE, currentVersion, request, tagOf, workerState } from "./helpers";
import { getDocumented, walkPages } from "./spec";

type Page = {
  data: { id: string; name: string; type: string; fallback: string[] }[];
  meta: { next_cursor: string | null; limit: number };
  links: { next: string | null };
};

const served = withHant(env.TEST_DATASET);
const entities = () => [...served.entities].sort((a, b) => (a.id < b.id ? -1 : 1));
const byId = (id: string) => served.entities.find((e) => e.id === id) as Entity;

function expected(e: Entity, lang: Lang = "en") {
  const fallback: string[] = [];
  const pick = (field: string, t: Localized) => {
    if (t[lang]) return t[lang];
    fallback.push(field);
    return t.en;
  };
  const name = pick("name", e.name);
  const description = pick("description", e.description);
  const seen = new Set(Object.entries(e.name).map(([l, t]) => `${l}\u0000${t}`));
  return {
    id: e.id,
    type: e.type,
    name,
    names: { en: e.name.en, ja: e.name.ja ?? null, zh: e.name.zh ?? null, "zh-Hant": e.name["zh-Hant"] ?? null },
    aliases: e.aliases
      .filter((a) => !seen.has(`${a.lang}\u0000${a.text}`))
      .map((a) => ({ text: a.text, lang: a.lang, note: a.note ?? null }))
      .sort((a, b) => (a.lang + a.text < b.lang + b.text ? -1 : 1)),
    description,
    stories: e.stories,
    url: e.url ?? null,
    href: `${BASE}/v1/entities/${e.id}`,
    relations_href: `${BASE}/v1/entities/${e.id}/relations`,
    fallback,
  };
}

describe("GET /v1/entities", () => {
  it("lists the first page ordered by id, with whole records", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<Page>("/v1/entities?limit=3");
    expect(res.status).toBe(200);
    const firstThree = entities().slice(0, 3);
    const cursor = body.meta.next_cursor;
    expect(body).toEqual({
      data: firstThree.map((e) => expected(e)),
      meta: { release: version, lang: "en", limit: 3, next_cursor: expect.any(String) },
      links: { self: `${BASE}/v1/entities?limit=3`, next: `${BASE}/v1/entities?limit=3&cursor=${cursor}` },
    });
  });

  it("walks every page with no duplicate and no gap", async () => {
    const { ids, pages } = await walkPages("/v1/entities?limit=7");
    expect(ids).toEqual(entities().map((e) => e.id));
    expect(pages).toBe(Math.ceil(entities().length / 7));
  });

  it("filters by type and by story", async () => {
    const models = await walkPages("/v1/entities?type=model&limit=2");
    expect(models.ids).toEqual(
      entities()
        .filter((e) => e.type === "model")
        .map((e) => e.id),
    );
    expect(models.ids.length).toBeGreaterThan(1);
    const story = env.TEST_DATASET.stories[0]?.id as string;
    const inStory = await walkPages(`/v1/entities?story=${story}&limit=100`);
    expect(inStory.ids).toEqual(
      entities()
        .filter((e) => e.stories.includes(story))
        .map((e) => e.id),
    );
    // An id that names nothing is a 400 naming the parameter (aliases resolve like paths).
    const none = await getDocumented<{ errors: { parameter: string }[] }>("/v1/entities?story=no-such-story");
    expect(none.res.status).toBe(400);
    expect(none.body.errors.map((e) => e.parameter)).toEqual(["story"]);
  });

  it("finds entities by any name or alias with q, including the article's misspellings", async () => {
    const cases: [string, string][] = [
      ["Bacchus", "baichuan-ai"],
      ["dark side of the moon", "moonshot-ai"],
      ["阿里云", "alibaba-cloud"],
      ["通意千問", "qwen"],
      ["マー・ヤン", "jack-ma"],
    ];
    for (const [q, id] of cases) {
      const { body } = await getDocumented<Page>(`/v1/entities?q=${encodeURIComponent(q)}`);
      expect(
        body.data.map((e) => e.id),
        q,
      ).toContain(id);
    }
    const { body } = await getDocumented<Page>(`/v1/entities?q=${encodeURIComponent("100%_")}`);
    expect(body.data).toEqual([]);
  });

  it("answers in Japanese and Chinese, falling back to English per field and saying so", async () => {
    for (const lang of ["ja", "zh", "zh-Hant"] as const) {
      const { res, body } = await getDocumented<Page>(`/v1/entities?lang=${lang}&limit=100`);
      expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
      expect(body.data).toEqual(entities().map((e) => expected(e, lang)));
    }
    const withoutZh = entities().find((e) => !e.description.zh || !e.name.zh);
    if (withoutZh) {
      const { body } = await getDocumented<{ data: { fallback: string[] } }>(`/v1/entities/${withoutZh.id}?lang=zh`);
      expect(body.data.fallback.length).toBeGreaterThan(0);
    }
  });

  it("rejects bad parameters with problems naming them", async () => {
    const cases: [string, string, string][] = [
      ["/v1/entities?limit=0", "limit", "/problems/invalid-parameter"],
      ["/v1/entities?limit=101", "limit", "/problems/invalid-parameter"],
      ["/v1/entities?limit=ten", "limit", "/problems/invalid-parameter"],
      ["/v1/entities?type=company", "type", "/problems/invalid-parameter"],
      ["/v1/entities?cursor=bm9wZQ", "cursor", "/problems/invalid-cursor"],
      ["/v1/entities?sort=name", "sort", "/problems/unknown-parameter"],
      ["/v1/entities?limit=1&limit=2", "limit", "/problems/invalid-parameter"],
      [`/v1/entities?q=${"x".repeat(101)}`, "q", "/problems/invalid-parameter"],
    ];
    for (const [path, parameter, type] of cases) {
      const { res, body } = await getDocumented<{ type: string; errors: { parameter: string }[] }>(path);
      expect(res.status, path).toBe(400);
      expect(body.type, path).toBe(type);
      expect(
        body.errors.map((e) => e.parameter),
        path,
      ).toContain(parameter);
    }
  });

  it("refuses a cursor of another collection", async () => {
    const cursor = btoa(JSON.stringify({ c: "facts", k: ["x"] })).replace(/=+$/, "");
    const { res, body } = await getDocumented<{ type: string }>(`/v1/entities?cursor=${cursor}`);
    expect(res.status).toBe(400);
    expect(body.type).toBe("/problems/invalid-cursor");
  });
});

describe("GET /v1/entities/{id}", () => {
  it("answers one entity with every name and alias", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented("/v1/entities/alibaba-cloud?lang=ja");
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: expected(byId("alibaba-cloud"), "ja"),
      meta: { release: version, lang: "ja" },
      links: { self: `${BASE}/v1/entities/alibaba-cloud` },
    });
  });

  it("redirects an alias to the canonical URL with 308, keeping the query", async () => {
    for (const [alias, id] of [
      ["aliyun", "alibaba-cloud"],
      ["bacchus-intelligence", "baichuan-ai"],
      ["Dark-Side-of-the-Moon", "moonshot-ai"],
    ]) {
      const res = await request(`/v1/entities/${alias}?lang=ja`, { redirect: "manual" });
      expect(res.status, alias).toBe(308);
      expect(res.headers.get("Location")).toBe(`${BASE}/v1/entities/${id}?lang=ja`);
    }
    const rel = await request("/v1/entities/aliyun/relations", { redirect: "manual" });
    expect(rel.status).toBe(308);
    expect(rel.headers.get("Location")).toBe(`${BASE}/v1/entities/alibaba-cloud/relations`);
  });

  it("answers an unknown id with 404 and close ids", async () => {
    const { res, body } = await getDocumented("/v1/entities/appel");
    expect(res.status).toBe(404);
    expect(body).toEqual({
      type: "/problems/not-found",
      title: "Not found",
      status: 404,
      detail: 'No entity has the id "appel".',
      instance: "/v1/entities/appel",
      request_id: res.headers.get("X-Request-Id"),
      suggestions: ["apple"],
    });
    const far = await getDocumented<{ suggestions: string[] }>("/v1/entities/zzzzzzzzzzzz");
    expect(far.body.suggestions).toEqual([]);
  });

  describe("former ids", () => {
    afterAll(async () => {
      await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
      workerState.release.forget();
    });

    it("redirects a former id after a rename", async () => {
      const dataset = structuredClone(env.TEST_DATASET);
      const qwen = dataset.entities.find((e) => e.id === "qwen") as Entity;
      qwen.former_ids = ["tongyi"];
      await publishDataset(d1Executor(env.DB), dataset);
      workerState.release.forget();
      const res = await request("/v1/entities/tongyi", { redirect: "manual" });
      expect(res.status).toBe(308);
      expect(res.headers.get("Location")).toBe(`${BASE}/v1/entities/qwen`);
    });
  });
});

describe("GET /v1/entities/{id}/relations", () => {
  it("lists relations in both directions, read from the entity's side", async () => {
    const { res, body } = await getDocumented<{
      data: { type: string; direction: string; label: string; subject: string; object: string }[];
    }>("/v1/entities/alibaba-group/relations");
    expect(res.status).toBe(200);
    const outgoing = byId("alibaba-group").relations.map((r) => `${r.type}>${r.target}`);
    const incoming = env.TEST_DATASET.entities.flatMap((e) =>
      e.relations.filter((r) => r.target === "alibaba-group").map((r) => `${e.id}>${r.type}`),
    );
    expect(
      body.data
        .filter((r) => r.direction === "outgoing")
        .map((r) => `${r.type}>${r.object}`)
        .sort(),
    ).toEqual(outgoing.sort());
    expect(
      body.data
        .filter((r) => r.direction === "incoming")
        .map((r) => `${r.subject}>${r.type}`)
        .sort(),
    ).toEqual(incoming.sort());
    const cloud = body.data.find((r) => r.subject === "alibaba-cloud" && r.type === "subsidiary_of");
    expect(cloud).toMatchObject({ direction: "incoming", label: "parent_of", object: "alibaba-group" });
  });

  it("gives each relation's note in the asked language, with its own fallback", async () => {
    const withNote = served.entities.flatMap((e) => e.relations.filter((r) => r.note).map((r) => ({ e, r })));
    expect(withNote.length).toBeGreaterThan(0);
    for (const lang of ["en", "ja", "zh", "zh-Hant"] as const) {
      for (const { e, r } of withNote) {
        const { body } = await getDocumented<{
          data: { type: string; object: string; note: string | null; fallback: string[] }[];
        }>(`/v1/entities/${e.id}/relations?lang=${lang}`);
        const got = body.data.find((x) => x.type === r.type && x.object === r.target);
        expect(got?.note, `${e.id} ${r.type} ${r.target} ${lang}`).toBe(r.note?.[lang] ?? r.note?.en);
        expect(got?.fallback).toEqual(r.note?.[lang] ? [] : ["note"]);
      }
    }
  });

  it("404s for an unknown entity", async () => {
    const { res } = await getDocumented("/v1/entities/nobody/relations");
    expect(res.status).toBe(404);
  });
});
