import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/dataset/formula";
import type { Figure } from "../src/dataset/schema";
import { citationOf } from "./expected";
import { BASE, currentVersion, request, tagOf, withDataset } from "./helpers";
import { getDocumented, walkPages } from "./spec";

type Lang = "en" | "ja" | "zh";
type Localized = { en: string; ja?: string; zh?: string };
type Rec = { id: string; fallback: string[]; sources: string[]; [k: string]: unknown };
type Page = {
  data: Rec[];
  included?: { entities?: Rec[]; sources?: Rec[] };
  meta: { next_cursor: string | null; limit: number; release: string; lang: string };
  links: { self: string; next: string | null };
};
type Problem = {
  type: string;
  detail: string;
  errors?: { parameter: string; detail: string }[];
  allowed?: string[];
  suggestions?: string[];
};

const d = env.TEST_DATASET;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const all = () => [...d.figures].sort(byId);
const figure = (id: string) => d.figures.find((f) => f.id === id) as Figure;
const entity = (id: string) => {
  const e = d.entities.find((x) => x.id === id);
  if (!e) throw new Error(`no entity ${id}`);
  return e;
};
const precisionOf = (v: string) => (v.length === 4 ? "year" : v.length === 7 ? "month" : "day");

const METRIC_NAMES: Record<string, Record<Lang, string>> = {
  parameter_count: { en: "parameter count", ja: "パラメータ数", zh: "参数量" },
  memory_footprint: { en: "memory footprint", ja: "メモリ使用量", zh: "内存占用" },
  first_inference_latency: { en: "first-inference latency", ja: "初回推論の遅延", zh: "首次推理延迟" },
  market_share: { en: "market share", ja: "市場シェア", zh: "市场份额" },
  market_rank: { en: "market rank", ja: "市場順位", zh: "市场排名" },
  count: { en: "count", ja: "数", zh: "数量" },
  reduction: { en: "reduction", ja: "削減", zh: "降幅" },
};

/** A figure's quotable sentence: what it measures, of which subject, the display, conditions and date. */
function statementOf(lang: Lang, metric: string, subject: string, display: string, conditions: string[], asOf: string) {
  const m = METRIC_NAMES[metric]?.[lang] as string;
  if (lang === "ja") return `${subject}の${m}：${display}（${[...conditions, `${asOf}時点`].join("、")}）。`;
  if (lang === "zh") return `${subject}的${m}：${display}（${[...conditions, `截至${asOf}`].join("，")}）。`;
  const cond = conditions.length ? `${conditions.join(", ")}; ` : "";
  return `${m.charAt(0).toUpperCase()}${m.slice(1)} of ${subject}: ${display} (${cond}as of ${asOf}).`;
}

/** The figure as the API must present it, computed from the dataset files. */
function expected(f: Figure, lang: Lang = "en") {
  const fallback: string[] = [];
  const pick = (field: string, t: Localized | undefined) => {
    if (!t) return null;
    if (t[lang]) return t[lang];
    if (!fallback.includes(field)) fallback.push(field);
    return t.en;
  };
  const ref = (id: string, field: string) => {
    const e = entity(id);
    return { id, type: e.type, name: pick(field, e.name), href: `${BASE}/v1/entities/${id}` };
  };
  const subject = ref(f.subject, "subject.name");
  const display = pick("display", f.display);
  const device = f.conditions.device ? ref(f.conditions.device, "conditions.device.name") : null;
  const scope = pick("conditions.scope", f.conditions.scope);
  const inputs = Object.entries(f.derivation?.inputs ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, id]) => ({ name, figure: id, value: figure(id).value, unit: figure(id).unit }));
  return {
    id: f.id,
    metric: f.metric,
    subject,
    value: f.value,
    unit: f.unit,
    display,
    kind: f.kind,
    conditions: { device, precision: f.conditions.precision ?? null, scope },
    as_of: { value: f.as_of, precision: precisionOf(f.as_of), certainty: f.as_of_certainty, phrase: null },
    quote: f.quote,
    derivation: f.derivation
      ? {
          formula: f.derivation.formula,
          inputs,
          computed: evaluate(f.derivation.formula, Object.fromEntries(inputs.map((i) => [i.name, i.value]))),
          tolerance: f.derivation.tolerance,
        }
      : null,
    note: pick("note", f.note),
    sources: [...new Set(f.sources)],
    story: f.story,
    href: `${BASE}/v1/figures/${f.id}`,
    citation: citationOf(
      statementOf(
        lang,
        f.metric,
        subject.name as string,
        display as string,
        [device?.name ?? null, f.conditions.precision ?? null, scope].filter((x): x is string => Boolean(x)),
        f.as_of,
      ),
      `${BASE}/v1/figures/${f.id}`,
      f.sources,
      lang,
    ),
    fallback,
  };
}

const MEMORY = "qwen-2-2b-fp16-memory-iphone-15-pro";
const REDUCTION = "qwen-pruning-parameter-reduction";

describe("GET /v1/figures", () => {
  it("lists every figure ordered by id, whole records", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<Page>("/v1/figures?limit=100");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Language")).toBe("en");
    expect(body).toEqual({
      data: all().map((f) => expected(f)),
      meta: { release: version, lang: "en", limit: 100, next_cursor: null },
      links: { self: `${BASE}/v1/figures?limit=100`, next: null },
    });
  });

  it("defaults to 20 per page", async () => {
    const { body } = await getDocumented<Page>("/v1/figures");
    expect(body.meta.limit).toBe(20);
    expect(body.data.map((f) => f.id)).toEqual(
      all()
        .slice(0, 20)
        .map((f) => f.id),
    );
  });

  it("walks every page with limit=3: no duplicates, no gaps", async () => {
    const { ids, pages } = await walkPages("/v1/figures?limit=3");
    expect(ids).toEqual(all().map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(d.figures.length / 3));
  });

  it("walks filtered pages with limit=2, keeping the filter in next links", async () => {
    const { ids } = await walkPages("/v1/figures?entity=qwen-2-2b-pruned&limit=2");
    expect(ids).toEqual(
      all()
        .filter((f) => f.subject === "qwen-2-2b-pruned")
        .map((f) => f.id),
    );
    expect(ids.length).toBeGreaterThan(2);
  });

  it.each([
    ["entity", "qwen-2-2b-pruned", (f: Figure) => f.subject === "qwen-2-2b-pruned"],
    ["entity", "core-ml", (f: Figure) => f.subject === "core-ml"],
    ["metric", "memory_footprint", (f: Figure) => f.metric === "memory_footprint"],
    ["metric", "market_rank", (f: Figure) => f.metric === "market_rank"],
    ["kind", "measured", (f: Figure) => f.kind === "measured"],
    ["kind", "derived", (f: Figure) => f.kind === "derived"],
    ["kind", "recommended_limit", (f: Figure) => f.kind === "recommended_limit"],
    [
      "source",
      "geek-park-qwen-iphone-15-pro-test",
      (f: Figure) => f.sources.includes("geek-park-qwen-iphone-15-pro-test"),
    ],
    [
      "source",
      "canalys-china-smartphone-shipments",
      (f: Figure) => f.sources.includes("canalys-china-smartphone-shipments"),
    ],
  ])("filters by %s=%s", async (name, value, keep) => {
    const { res, body } = await getDocumented<Page>(`/v1/figures?${name}=${value}&limit=100`);
    expect(res.status).toBe(200);
    const want = all().filter(keep);
    expect(want.length).toBeGreaterThan(0);
    expect(body.data).toEqual(want.map((f) => expected(f)));
  });

  it("combines filters", async () => {
    const { body } = await getDocumented<Page>(
      "/v1/figures?entity=qwen-2-2b-pruned&metric=memory_footprint&kind=measured&source=geek-park-qwen-iphone-15-pro-test",
    );
    expect(body.data.map((f) => f.id)).toEqual([MEMORY]);
  });

  it("answers an empty page for a filter nothing matches, and a 400 for an id that names nothing", async () => {
    const quiet = env.TEST_DATASET.entities.find((e) => !all().some((f) => f.subject === e.id));
    if (!quiet) throw new Error("every entity has figures");
    const { res, body } = await getDocumented<Page>(`/v1/figures?entity=${quiet.id}`);
    expect(res.status).toBe(200);
    expect(body.data).toEqual([]);
    expect(body.meta.next_cursor).toBeNull();
    const unknown = await request("/v1/figures?entity=no-such-entity");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { parameter: string }[] }).errors[0]?.parameter).toBe("entity");
  });

  it("embeds sources and entities with include=, deduplicated and sorted", async () => {
    const { body } = await getDocumented<Page>("/v1/figures?entity=qwen-2-2b-pruned&include=sources,entities");
    const figs = all().filter((f) => f.subject === "qwen-2-2b-pruned");
    const sourceIds = [...new Set(figs.flatMap((f) => f.sources))].sort();
    const entityIds = [
      ...new Set(figs.flatMap((f) => [f.subject, ...(f.conditions.device ? [f.conditions.device] : [])])),
    ].sort();
    expect(body.included?.sources?.map((s) => s.id)).toEqual(sourceIds);
    expect(body.included?.entities?.map((e) => e.id)).toEqual(entityIds);
    expect(entityIds).toEqual(["iphone-15-pro", "qwen-2-2b-pruned"]);
    const { body: phone } = await getDocumented<{ data: Rec }>("/v1/entities/iphone-15-pro");
    expect(body.included?.entities?.find((e) => e.id === "iphone-15-pro")).toEqual(phone.data);
  });

  it("embeds only what include= asks for, and nothing without it", async () => {
    const { body } = await getDocumented<Page>("/v1/figures?limit=2&include=sources");
    expect(Object.keys(body.included ?? {})).toEqual(["sources"]);
    const { body: plain } = await getDocumented<Page>("/v1/figures?limit=2");
    expect(plain).not.toHaveProperty("included");
  });

  it.each(["ja", "zh"] as const)("answers in %s, falling back to English field by field", async (lang) => {
    const { res, body } = await getDocumented<Page>(`/v1/figures?limit=100&lang=${lang}`);
    expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
    expect(body.meta.lang).toBe(lang);
    expect(body.data).toEqual(all().map((f) => expected(f, lang)));
  });

  it("rejects bad parameters with a problem naming them", async () => {
    const cases: [string, string][] = [
      ["metric=weight", "metric"],
      ["kind=estimated", "kind"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["include=figures", "include"],
      ["lang=fr", "lang"],
    ];
    for (const [query, parameter] of cases) {
      const { res, body } = await getDocumented<Problem>(`/v1/figures?${query}`);
      expect(res.status, query).toBe(400);
      expect(body.type).toBe("/problems/invalid-parameter");
      expect(body.errors?.map((e) => e.parameter)).toEqual([parameter]);
    }
    const { body } = await getDocumented<Problem>("/v1/figures?metric=weight");
    expect(body.errors?.[0]?.detail).toContain('"memory_footprint"');
  });

  it("rejects a cursor it did not issue, or one from another collection", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/figures?cursor=bm90LWEtY3Vyc29y");
    expect(res.status).toBe(400);
    expect(body.type).toBe("/problems/invalid-cursor");
    const { body: entitiesPage } = await getDocumented<Page>("/v1/entities?limit=1");
    const foreign = entitiesPage.meta.next_cursor as string;
    const { res: res2 } = await getDocumented<Problem>(`/v1/figures?cursor=${foreign}`);
    expect(res2.status).toBe(400);
  });

  it("rejects an unknown parameter, listing the allowed ones", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/figures?subject=apple");
    expect(res.status).toBe(400);
    expect(body.type).toBe("/problems/unknown-parameter");
    expect(body.allowed).toEqual(["cursor", "entity", "include", "kind", "lang", "limit", "metric", "source"]);
  });
});

describe("GET /v1/figures/{id}", () => {
  it("answers one figure with conditions, date, quote and sources", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented(`/v1/figures/${MEMORY}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: expected(figure(MEMORY)),
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}/v1/figures/${MEMORY}` },
    });
    const data = (body as { data: ReturnType<typeof expected> }).data;
    expect(data.value).toBe(2.1);
    expect(data.conditions.precision).toBe("FP16");
    expect(data.conditions.device?.id).toBe("iphone-15-pro");
    expect(data.as_of).toEqual({ value: "2025-02", precision: "month", certainty: "inferred", phrase: null });
  });

  it("carries a ready citation: the figure as a sentence, its sources with publishers and dates", async () => {
    const id = "qwen-2-2b-fp16-memory-iphone-15-pro";
    const { body } = await getDocumented<{ data: { citation: unknown } }>(`/v1/figures/${id}`);
    const link = `${BASE}/v1/figures/${id}`;
    const statement = "Memory footprint of Qwen 2.2B pruned model: 2.1 GB (iPhone 15 Pro, FP16; as of 2025-02).";
    expect(body.data.citation).toEqual({
      text: `${statement} — Sources: Geek Park (2025-02); Kiki, Gate (2025-02). ${link}`,
      markdown: `> ${statement}\n\n— Sources: [Geek Park](${BASE}/v1/sources/geek-park-qwen-iphone-15-pro-test) (2025-02); [Kiki](${BASE}/v1/sources/gate-kiki-apple-alibaba-ai-alliance), Gate (2025-02) · [permalink](${link})`,
      permalink: link,
      pinned: `${BASE}/v1/releases/${await currentVersion()}/figures/${id}`,
      sources: [
        {
          id: "geek-park-qwen-iphone-15-pro-test",
          title: "Geek Park measurement: Qwen FP16 model memory use on iPhone 15 Pro",
          publisher: "Geek Park",
          author: null,
          date: "2025-02",
          url: null,
          href: `${BASE}/v1/sources/geek-park-qwen-iphone-15-pro-test`,
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
    const ja = await getDocumented<{ data: { citation: { text: string } } }>(`/v1/figures/${id}?lang=ja`);
    expect(ja.body.data.citation.text).toBe(
      `${entity("qwen-2-2b-pruned").name.ja}のメモリ使用量：2.1GB（iPhone 15 Pro、FP16、2025-02時点）。——出典：${entity("geek-park").name.ja}（2025-02）、Kiki（Gate、2025-02）。${link}`,
    );
  });

  it("shows a derived figure's formula, inputs and computed value", async () => {
    const { body } = await getDocumented<{ data: ReturnType<typeof expected> }>(`/v1/figures/${REDUCTION}`);
    expect(body.data).toEqual(expected(figure(REDUCTION)));
    expect(body.data.derivation).toEqual({
      formula: "(before - after) / before * 100",
      inputs: [
        { name: "after", figure: "qwen-2-2b-pruned-parameter-count", value: 2200000000, unit: "parameters" },
        { name: "before", figure: "qwen-7b-parameter-count", value: 7000000000, unit: "parameters" },
      ],
      computed: ((7e9 - 2.2e9) / 7e9) * 100,
      tolerance: 1,
    });
    expect(Math.abs((body.data.derivation?.computed ?? 0) - body.data.value)).toBeLessThanOrEqual(1);
  });

  it.each(["ja", "zh"] as const)("answers in %s with English fallbacks listed", async (lang) => {
    const { res, body } = await getDocumented<{ data: ReturnType<typeof expected> }>(
      `/v1/figures/${REDUCTION}?lang=${lang}`,
    );
    expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
    expect(body.data).toEqual(expected(figure(REDUCTION), lang));
    expect(body.data.fallback).toEqual([]);
    expect(body.data.display).toBe(figure(REDUCTION).display[lang]);
    // Every curated text is in every language: publish a copy where the scope and note exist only in English.
    const fb = await withDataset(
      (data) => {
        for (const f of data.figures) {
          if (f.id !== REDUCTION) continue;
          if (f.conditions?.scope) delete f.conditions.scope[lang];
          if (f.note) delete f.note[lang];
        }
      },
      () => getDocumented<{ data: ReturnType<typeof expected> }>(`/v1/figures/${REDUCTION}?lang=${lang}`),
    );
    expect(fb.body.data.fallback).toEqual(["conditions.scope", "note"]);
    expect(fb.body.data.note).toBe(figure(REDUCTION).note?.en);
  });

  it("embeds its sources and entities with include=", async () => {
    const { body } = await getDocumented<{ data: Rec; included: Page["included"] }>(
      `/v1/figures/${MEMORY}?include=entities,sources`,
    );
    expect(body.included?.sources?.map((s) => s.id)).toEqual([...figure(MEMORY).sources].sort());
    expect(body.included?.entities?.map((e) => e.id)).toEqual(["iphone-15-pro", "qwen-2-2b-pruned"]);
  });

  it("answers 404 with close ids for an unknown id", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/figures/qwen-2-2b-fp16-memory-iphone-15");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(body.type).toBe("/problems/not-found");
    expect(body.detail).toBe('No figure has the id "qwen-2-2b-fp16-memory-iphone-15".');
    expect(body.suggestions).toContain(MEMORY);
  });

  it("rejects an unknown parameter and a bad include", async () => {
    const { res, body } = await getDocumented<Problem>(`/v1/figures/${MEMORY}?limit=2`);
    expect(res.status).toBe(400);
    expect(body.allowed).toEqual(["include", "lang"]);
    const { res: res2, body: body2 } = await getDocumented<Problem>(`/v1/figures/${MEMORY}?include=facts`);
    expect(res2.status).toBe(400);
    expect(body2.errors?.[0]?.parameter).toBe("include");
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await request(`/v1/figures/${MEMORY}`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
