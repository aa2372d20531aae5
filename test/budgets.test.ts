import { toHant } from "../src/dataset/hant";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Budget } from "../src/dataset/schema";
import type { FigureRow } from "../src/compose/rows";
import { parseBits, parseParameterCount } from "../src/routes/budgets/budgets.params";
import { compactCount, pickFigure } from "../src/compose/budget-arithmetic";
import { BASE, currentVersion, request, tagOf } from "./helpers";
import { expectDocumented, getDocumented, spec } from "./spec";

type Lang = "en" | "ja" | "zh";
type Localized = { en: string; ja?: string; zh?: string };
type Rec = { id: string; fallback: string[]; [k: string]: unknown };
type Page = {
  data: Rec[];
  included?: { entities?: Rec[]; sources?: Rec[]; figures?: Rec[] };
  meta: { next_cursor: string | null; limit: number };
  links: { self: string; next: string | null };
};
type Problem = {
  type: string;
  status: number;
  detail: string;
  errors?: { parameter: string; in: string; detail: string }[];
  allowed?: string[];
  suggestions?: string[];
};
type Check = {
  metric: string;
  figure: string | null;
  value: number | null;
  verdict: string;
  citations: string[];
  other_figures: { figure: string }[];
};
type CheckBody = {
  data: {
    verdict: string;
    summary: string;
    checks: Check[];
    consistency: { code: string; message: string; figures: string[]; expected_gb: number; reported_gb: number }[];
    citations: string[];
    fallback: string[];
    model: Rec;
    budget: Rec;
  };
  included?: { sources?: Rec[]; figures?: Rec[] };
};
type EstimateBody = { data: Record<string, unknown> & { budget: Record<string, unknown>; summary: string } };

const d = env.TEST_DATASET;
const BUDGET = "apple-core-ml-on-device-model-budget";
const MODEL = "qwen-2-2b-pruned";
const budgetOf = (id: string) => d.budgets.find((b) => b.id === id) as Budget;
const figureOf = (id: string) => {
  const f = d.figures.find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${id}`);
  return f;
};
/** The Japanese name of a source's publisher. */
const publisherJa = (sourceId: string) => {
  const s = d.sources.find((x) => x.id === sourceId);
  const p = d.entities.find((e) => e.id === s?.publisher);
  if (!p?.name.ja) throw new Error(`no Japanese publisher name for ${sourceId}`);
  return p.name.ja;
};
const entity = (id: string) => {
  const e = d.entities.find((x) => x.id === id);
  if (!e) throw new Error(`no entity ${id}`);
  return e;
};

function expected(b: Budget, lang: Lang = "en") {
  const fallback: string[] = [];
  const pick = (field: string, t: Localized) => {
    if (t[lang]) return t[lang];
    fallback.push(field);
    return t.en;
  };
  const ref = (id: string, field: string) => ({
    id,
    type: entity(id).type,
    name: pick(field, entity(id).name),
    href: `${BASE}/v1/entities/${id}`,
  });
  return {
    id: b.id,
    name: pick("name", b.name),
    description: pick("description", b.description),
    owner: ref(b.owner, "owner.name"),
    applies_to: ref(b.applies_to, "applies_to.name"),
    limits: [...b.limits]
      .sort((x, y) => (x.metric < y.metric ? -1 : 1))
      .map((l) => ({ metric: l.metric, max: l.max, unit: l.unit, figure: l.figure })),
    sources: b.sources,
    story: b.story,
    href: `${BASE}/v1/budgets/${b.id}`,
    fallback,
  };
}

describe("GET /v1/budgets", () => {
  it("lists the budgets, whole records", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented<Page>("/v1/budgets");
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: [...d.budgets].sort((a, b) => (a.id < b.id ? -1 : 1)).map((b) => expected(b)),
      meta: { release: version, lang: "en", limit: 20, next_cursor: null },
      links: { self: `${BASE}/v1/budgets`, next: null },
    });
  });

  it("walks the pages with limit=1: no duplicates, no gaps", async () => {
    const ids: string[] = [];
    let next: string | null = "/v1/budgets?limit=1";
    while (next) {
      const { body }: { body: Page } = await getDocumented<Page>(next.replace(BASE, ""));
      ids.push(...body.data.map((b) => b.id));
      next = body.links.next;
    }
    expect(ids).toEqual(d.budgets.map((b) => b.id).sort());
  });

  it.each(["ja", "zh"] as const)("answers in %s", async (lang) => {
    const { res, body } = await getDocumented<Page>(`/v1/budgets?lang=${lang}`);
    expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
    expect(body.data).toEqual(d.budgets.map((b) => expected(b, lang)));
    expect(body.data[0]?.name).toBe(budgetOf(BUDGET).name[lang]);
  });

  it("embeds sources and entities with include=", async () => {
    const { body } = await getDocumented<Page>("/v1/budgets?include=sources,entities");
    expect(body.included?.sources?.map((s) => s.id)).toEqual(["gate-kiki-apple-alibaba-ai-alliance"]);
    expect(body.included?.entities?.map((e) => e.id)).toEqual(["apple", "core-ml"]);
  });

  it("rejects bad parameters", async () => {
    for (const [query, type, parameter] of [
      ["limit=0", "/problems/invalid-parameter", "limit"],
      ["include=figures", "/problems/invalid-parameter", "include"],
      ["cursor=zzz", "/problems/invalid-cursor", "cursor"],
      ["owner=apple", "/problems/unknown-parameter", "owner"],
    ] as const) {
      const { res, body } = await getDocumented<Problem>(`/v1/budgets?${query}`);
      expect(res.status, query).toBe(400);
      expect(body.type).toBe(type);
      expect(body.errors?.[0]?.parameter).toBe(parameter);
    }
  });
});

describe("GET /v1/budgets/{id}", () => {
  it("answers one budget", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented(`/v1/budgets/${BUDGET}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: expected(budgetOf(BUDGET)),
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}/v1/budgets/${BUDGET}` },
    });
  });

  it("answers in zh and embeds with include=", async () => {
    const { body } = await getDocumented<{ data: Rec; included: Page["included"] }>(
      `/v1/budgets/${BUDGET}?lang=zh&include=entities`,
    );
    expect(body.data).toEqual(expected(budgetOf(BUDGET), "zh"));
    expect(body.included?.entities?.map((e) => [e.id, e.name])).toEqual([
      ["apple", "苹果"],
      ["core-ml", "Core ML"],
    ]);
  });

  it("answers 404 with close ids", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/budgets/apple-core-ml-budget");
    expect(res.status).toBe(404);
    expect(body.type).toBe("/problems/not-found");
    expect(body.suggestions).toEqual([BUDGET]);
  });
});

const CHECK = `/v1/budget-checks?model=${MODEL}&budget=${BUDGET}`;

describe("GET /v1/budget-checks", () => {
  it("checks the pruned Qwen model against Apple's Core ML budget, metric by metric", async () => {
    const version = await currentVersion();
    const { res, body } = await getDocumented(CHECK);
    expect(res.status).toBe(200);
    const memory = figureOf("qwen-2-2b-fp16-memory-iphone-15-pro");
    const latency = figureOf("qwen-2-2b-first-inference-latency");
    const memLimit = figureOf("core-ml-recommended-memory-limit");
    const latLimit = figureOf("core-ml-recommended-latency-limit");
    const params = figureOf("qwen-2-2b-pruned-parameter-count");
    expect(body).toEqual({
      data: {
        model: { id: MODEL, type: "model", name: entity(MODEL).name.en, href: `${BASE}/v1/entities/${MODEL}` },
        budget: { id: BUDGET, name: budgetOf(BUDGET).name.en, href: `${BASE}/v1/budgets/${BUDGET}` },
        verdict: "exceeds",
        summary:
          "Qwen 2.2B pruned model exceeds Apple Core ML recommended limits for on-device models: first-inference latency 0.62 s vs ≤ 0.4 s (+55%), memory 2.1 GB (iPhone 15 Pro, FP16) vs ≤ 1.5 GB (+40%).",
        checks: [
          {
            metric: "first_inference_latency",
            limit: { max: 0.4, unit: "s", figure: latLimit.id },
            unit: "s",
            figure: latency.id,
            display: "0.62 s",
            value: 0.62,
            difference: 0.22,
            ratio: 1.55,
            percent_over: 55,
            verdict: "exceeds",
            other_figures: [],
            citations: [...new Set([...latency.sources, ...latLimit.sources])],
          },
          {
            metric: "memory_footprint",
            limit: { max: 1.5, unit: "GB", figure: memLimit.id },
            unit: "GB",
            figure: memory.id,
            display: "2.1 GB",
            value: 2.1,
            difference: 0.6,
            ratio: 1.4,
            percent_over: 40,
            verdict: "exceeds",
            other_figures: [
              {
                figure: "qwen-2-2b-fp16-weight-memory-estimate",
                kind: "derived",
                value: 4.4,
                unit: "GB",
                display: "≈4.4 GB (weights, FP16, estimated)",
              },
            ],
            citations: [...new Set([...memory.sources, ...memLimit.sources])],
          },
        ],
        consistency: [
          {
            code: "memory_below_weight_estimate",
            message:
              "2.2B parameters at FP16 (16 bits each) need about 4.4 GB for the weights alone, yet 2.1 GB is reported (qwen-2-2b-fp16-memory-iphone-15-pro). The figures disagree.",
            figures: [params.id, memory.id],
            precision: "FP16",
            expected_gb: 4.4,
            reported_gb: 2.1,
          },
        ],
        citations: [
          ...new Set([
            ...latency.sources,
            ...latLimit.sources,
            ...memory.sources,
            ...memLimit.sources,
            ...params.sources,
          ]),
        ],
        fallback: [],
      },
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}${CHECK}` },
    });
  });

  it.each([
    ["ja", `${entity(MODEL).name.ja}は${budgetOf(BUDGET).name.ja}を超えています`, "約4.4GB"],
    ["zh", `${entity(MODEL).name.zh}超出${budgetOf(BUDGET).name.zh}`, "约4.4GB"],
    ["zh-Hant", `${toHant(entity(MODEL).name.zh ?? "")}超出${toHant(budgetOf(BUDGET).name.zh ?? "")}`, "約4.4GB"],
  ] as const)("answers in %s", async (lang, summaryStart, noteText) => {
    const { res, body } = await getDocumented<CheckBody>(`${CHECK}&lang=${lang}`);
    expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
    expect(body.data.summary.startsWith(summaryStart)).toBe(true);
    expect(body.data.consistency[0]?.message).toContain(noteText);
    expect(body.data.checks.map((c) => c.verdict)).toEqual(["exceeds", "exceeds"]);
    expect(body.data.fallback).toEqual([]);
  });

  it("says incomplete when the model has no figures for the budget's metrics", async () => {
    const { res, body } = await getDocumented<CheckBody>(`/v1/budget-checks?model=qwen-7b&budget=${BUDGET}`);
    expect(res.status).toBe(200);
    expect(body.data.verdict).toBe("incomplete");
    expect(body.data.checks.map((c) => [c.metric, c.figure, c.value, c.verdict])).toEqual([
      ["first_inference_latency", null, null, "no_data"],
      ["memory_footprint", null, null, "no_data"],
    ]);
    // Limits are still cited.
    expect(body.data.checks[0]?.citations).toEqual(figureOf("core-ml-recommended-latency-limit").sources);
    expect(body.data.consistency).toEqual([]);
    expect(body.data.summary).toBe(
      "Qwen 7B model cannot be fully checked against Apple Core ML recommended limits for on-device models: first-inference latency: no data, memory: no data.",
    );
  });

  it("embeds the cited sources and every figure used with include=", async () => {
    const { body } = await getDocumented<CheckBody>(`${CHECK}&include=sources,figures`);
    expect(body.included?.sources?.map((s) => s.id)).toEqual([...body.data.citations].sort());
    expect(body.included?.figures?.map((f) => f.id)).toEqual([
      "core-ml-recommended-latency-limit",
      "core-ml-recommended-memory-limit",
      "qwen-2-2b-first-inference-latency",
      "qwen-2-2b-fp16-memory-iphone-15-pro",
      "qwen-2-2b-fp16-weight-memory-estimate",
      "qwen-2-2b-pruned-parameter-count",
    ]);
    const { body: plain } = await getDocumented<CheckBody>(CHECK);
    expect(plain).not.toHaveProperty("included");
  });

  it("answers 404 naming the parameter, with suggestions, for an unknown model or budget", async () => {
    const { res, body } = await getDocumented<Problem>(`/v1/budget-checks?model=qwen-7&budget=${BUDGET}`);
    expect(res.status).toBe(404);
    expect(body.type).toBe("/problems/not-found");
    expect(body.errors).toEqual([{ parameter: "model", in: "query", detail: 'no entity has the id "qwen-7"' }]);
    expect(body.suggestions).toContain("qwen-7b");
    const { res: res2, body: body2 } = await getDocumented<Problem>(`/v1/budget-checks?model=${MODEL}&budget=core-ml`);
    expect(res2.status).toBe(404);
    expect(body2.errors?.[0]?.parameter).toBe("budget");
    expect(body2.suggestions).toEqual([BUDGET]);
  });

  it("accepts an alias of the model and answers for the canonical entity", async () => {
    const { res, body } = await getDocumented<CheckBody>(`/v1/budget-checks?model=qwen-2.2b&budget=${BUDGET}`);
    expect(res.status).toBe(200);
    expect(body.data.model.id).toBe(MODEL);
    expect(body.data.verdict).toBe("exceeds");
  });

  it("rejects an entity that is not a model with 400 naming model", async () => {
    const { res, body } = await getDocumented<Problem>(`/v1/budget-checks?model=iphone-15-pro&budget=${BUDGET}`);
    expect(res.status).toBe(400);
    expect(body.type).toBe("/problems/invalid-parameter");
    expect(body.errors?.[0]?.parameter).toBe("model");
    expect(body.detail).toContain("not a model");
    expect(body.detail).toContain(MODEL);
  });

  it("requires model and budget, and knows no other parameters", async () => {
    const { res, body } = await getDocumented<Problem>("/v1/budget-checks");
    expect(res.status).toBe(400);
    expect(body.detail).toBe("model is required; budget is required");
    expect(body.errors).toEqual([
      { parameter: "model", in: "query", detail: "is required" },
      { parameter: "budget", in: "query", detail: "is required" },
    ]);
    const { res: res2, body: body2 } = await getDocumented<Problem>(`${CHECK}&device=iphone-15-pro`);
    expect(res2.status).toBe(400);
    expect(body2.allowed).toEqual(["budget", "format", "include", "lang", "model"]);
    // A URL not requested before in this file: the edge cache keys on the resolved language.
    const { res: res3, body: body3 } = await getDocumented<Problem>(
      `/v1/budget-checks?model=qwen&budget=${BUDGET}&lang=de`,
    );
    expect(res3.status).toBe(400);
    expect(body3.errors?.[0]?.parameter).toBe("lang");
  });
});

const ESTIMATE = "/v1/budget-estimate";

describe("GET /v1/budget-estimate", () => {
  it("estimates 2.2B parameters at FP16: about 4.4 GB of weights, over the default budget", async () => {
    const version = await currentVersion();
    const path = `${ESTIMATE}?parameters=2.2B&bits=FP16`;
    const { res, body } = await getDocumented(path);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      data: {
        parameters: 2.2e9,
        bits: 16,
        precision: "FP16",
        bytes_per_parameter: 2,
        weight_memory_gb: 4.4,
        formula: "parameters × bits ÷ 8 ÷ 10^9 = GB (weights only; activations and KV cache come on top)",
        difference_gb: 2.9,
        ratio: 2.9333,
        verdict: "exceeds",
        budget: {
          id: BUDGET,
          name: budgetOf(BUDGET).name.en,
          default: true,
          metric: "memory_footprint",
          max: 1.5,
          unit: "GB",
          figure: "core-ml-recommended-memory-limit",
          href: `${BASE}/v1/budgets/${BUDGET}`,
        },
        summary:
          "2.2B parameters at FP16 need about 4.4 GB for the weights alone, over the 1.5 GB memory limit of “Apple Core ML recommended limits for on-device models” (activations and KV cache come on top).",
        citations: figureOf("core-ml-recommended-memory-limit").sources,
        fallback: [],
      },
      meta: { release: version, lang: "en" },
      links: { self: `${BASE}${path}` },
    });
  });

  it.each([
    ["2200000000", "16", 2.2e9, 4.4],
    ["2.2e9", "fp16", 2.2e9, 4.4],
    ["2.2b", "bf16", 2.2e9, 4.4],
    ["7B", "INT4", 7e9, 3.5],
    ["7b", "int8", 7e9, 7],
    ["500M", "FP32", 5e8, 2],
    ["1.5T", "4", 1.5e12, 750],
    ["1B", "8", 1e9, 1],
    ["7B", "4.5", 7e9, 3.938],
    ["1000000", "64", 1e6, 0.008],
    ["10T", "1", 1e13, 1250],
  ])("parameters=%s bits=%s → %d parameters, %d GB", async (parameters, bits, count, gb) => {
    const { res, body } = await getDocumented<EstimateBody>(`${ESTIMATE}?parameters=${parameters}&bits=${bits}`);
    expect(res.status).toBe(200);
    expect(body.data.parameters).toBe(count);
    expect(body.data.weight_memory_gb).toBe(gb);
    expect(body.data.verdict).toBe(gb <= 1.5 ? "within" : "exceeds");
  });

  it("says within when the weights fit, and uses an explicit budget", async () => {
    const { body } = await getDocumented<EstimateBody>(`${ESTIMATE}?parameters=1B&bits=INT8&budget=${BUDGET}`);
    expect(body.data).toMatchObject({ weight_memory_gb: 1, difference_gb: -0.5, ratio: 0.6667, verdict: "within" });
    expect(body.data.budget.default).toBe(false);
    expect(body.data.summary).toContain("within the 1.5 GB memory limit");
  });

  it.each([
    ["ja", "2.2BパラメータをFP16で保持すると重みだけで約4.4GBとなり", budgetOf(BUDGET).name.ja],
    ["zh", "2.2B参数以FP16存储，仅权重就需要约4.4GB", budgetOf(BUDGET).name.zh],
    ["zh-Hant", "2.2B參數以FP16儲存，僅權重就需要約4.4GB", toHant(budgetOf(BUDGET).name.zh ?? "")],
  ] as const)("answers in %s", async (lang, start, name) => {
    const { res, body } = await getDocumented<EstimateBody>(`${ESTIMATE}?parameters=2.2B&bits=FP16&lang=${lang}`);
    expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
    expect(body.data.summary.startsWith(start)).toBe(true);
    expect(body.data.budget.name).toBe(name);
  });

  it.each(["999999", "1.1e13", "11T", "0", "-7B", "seven", "7Q", ""])(
    "rejects parameters=%s with the allowed range",
    async (value) => {
      const rule =
        value === "" ? "must not be empty" : "must be a parameter count such as 2.2B, 7e9 or 500M, between 1M and 10T";
      const { res, body } = await getDocumented<Problem>(`${ESTIMATE}?parameters=${value}&bits=16`);
      expect(res.status).toBe(400);
      expect(body.type).toBe("/problems/invalid-parameter");
      expect(body.errors).toEqual([{ parameter: "parameters", in: "query", detail: rule }]);
      expect(body.detail).toBe(`parameters ${rule}`);
    },
  );

  it.each(["0", "65", "FP8", "sixteen", "-4", "1e1"])("rejects bits=%s saying what is allowed", async (value) => {
    const { res, body } = await getDocumented<Problem>(`${ESTIMATE}?parameters=7B&bits=${value}`);
    expect(res.status).toBe(400);
    expect(body.errors).toEqual([
      {
        parameter: "bits",
        in: "query",
        detail: "must be the bits per weight, a number from 1 to 64, or one of FP32, FP16, BF16, INT8, INT4",
      },
    ]);
  });

  it("requires parameters and bits, and rejects repeated or unknown parameters", async () => {
    const { res, body } = await getDocumented<Problem>(ESTIMATE);
    expect(res.status).toBe(400);
    expect(body.errors?.map((e) => e.parameter)).toEqual(["parameters", "bits"]);
    const { res: res2, body: body2 } = await getDocumented<Problem>(`${ESTIMATE}?parameters=7B&parameters=2B&bits=4`);
    expect(res2.status).toBe(400);
    expect(body2.errors).toEqual([{ parameter: "parameters", in: "query", detail: "give one value, not 2" }]);
    const { res: res3, body: body3 } = await getDocumented<Problem>(`${ESTIMATE}?parameters=7B&bits=4&precision=FP16`);
    expect(res3.status).toBe(400);
    expect(body3.allowed).toEqual(["bits", "budget", "format", "lang", "parameters"]);
  });

  it("answers 404 with suggestions for an unknown budget", async () => {
    const { res, body } = await getDocumented<Problem>(`${ESTIMATE}?parameters=7B&bits=4&budget=apple-core-ml`);
    expect(res.status).toBe(404);
    expect(body.errors?.[0]?.parameter).toBe("budget");
    expect(body.suggestions).toEqual([BUDGET]);
  });

  it("documents parameters and bits as required strings with a description and an example", async () => {
    const doc = (await spec()) as unknown as {
      paths: Record<
        string,
        {
          get: {
            parameters: {
              name: string;
              required: boolean;
              description?: string;
              schema: { type: string; example?: unknown };
            }[];
          };
        }
      >;
    };
    const params = doc.paths[ESTIMATE]?.get.parameters ?? [];
    for (const name of ["parameters", "bits"]) {
      const p = params.find((x) => x.name === name);
      expect(p?.required, name).toBe(true);
      expect(p?.schema.type, name).toBe("string");
      expect(p?.description, name).toBeTruthy();
      expect(p?.schema.example, name).toBeDefined();
    }
    expect(params.find((x) => x.name === "budget")?.required).toBe(false);
    const check = doc.paths["/v1/budget-checks"]?.get.parameters ?? [];
    expect(check.filter((x) => x.required).map((x) => x.name)).toEqual(["model", "budget"]);
  });
});

/** GET a path and return the text body, checked against the spec for its status and Content-Type. */
async function getText(path: string, init?: RequestInit) {
  const res = await request(path, init);
  const text = await res.text();
  await expectDocumented(path, res, text);
  return { res, text };
}

describe("budget checks and estimates in text/plain and text/markdown", () => {
  const link = `${BASE}${CHECK}`;
  const src = (id: string) => `${BASE}/v1/sources/${id}`;
  const fig = (id: string) => `${BASE}/v1/figures/${id}`;
  const SUMMARY =
    "Qwen 2.2B pruned model exceeds Apple Core ML recommended limits for on-device models: first-inference latency 0.62 s vs ≤ 0.4 s (+55%), memory 2.1 GB (iPhone 15 Pro, FP16) vs ≤ 1.5 GB (+40%).";
  const NOTE =
    "2.2B parameters at FP16 (16 bits each) need about 4.4 GB for the weights alone, yet 2.1 GB is reported (qwen-2-2b-fp16-memory-iphone-15-pro). The figures disagree.";

  it("answers a check in text/plain: the summary, the disagreement, the sources named, the link", async () => {
    const { res, text } = await getText(`${CHECK}&format=text`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("Vary")).toContain("Accept");
    expect(text).toBe(
      `${SUMMARY} ${NOTE} — Sources: Machine Heart (Jiqizhixin) (2025-02); Kiki, Gate (2025-02); Geek Park (2025-02); Alibaba Cloud (2024-03). ${link}\n`,
    );
    // The same by Accept; the link never carries `format`.
    const byAccept = await getText(CHECK, { headers: { Accept: "text/plain" } });
    expect(byAccept.text).toBe(text);
  });

  it("answers a check in text/markdown: the summary, a table of the checks, the note, the sources as links", async () => {
    const { res, text } = await getText(CHECK, { headers: { Accept: "text/markdown" } });
    expect(res.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(text).toBe(
      [
        `**${SUMMARY}**`,
        "",
        "| Metric | Model | Limit | Over the limit | Verdict |",
        "| --- | --- | --- | --- | --- |",
        `| first-inference latency | [0.62 s](${fig("qwen-2-2b-first-inference-latency")}) | [≤ 0.4 s](${fig("core-ml-recommended-latency-limit")}) | +55% | exceeds |`,
        `| memory | [2.1 GB](${fig("qwen-2-2b-fp16-memory-iphone-15-pro")}) (iPhone 15 Pro, FP16) | [≤ 1.5 GB](${fig("core-ml-recommended-memory-limit")}) | +40% | exceeds |`,
        "",
        `> **Figures disagree:** ${NOTE}`,
        "",
        `— Sources: [Machine Heart (Jiqizhixin)](${src("machine-heart-qwen-latency-test")}) (2025-02); [Kiki](${src("gate-kiki-apple-alibaba-ai-alliance")}), Gate (2025-02); [Geek Park](${src("geek-park-qwen-iphone-15-pro-test")}) (2025-02); [Alibaba Cloud](${src("alibaba-cloud-qwen-whitepaper-2024-03")}) (2024-03) · [permalink](${link})`,
        "",
      ].join("\n"),
    );
  });

  it("answers a check in Japanese and Chinese text", async () => {
    const ja = await getText(`${CHECK}&format=text&lang=ja`);
    expect(ja.res.headers.get("Content-Language")).toBe("ja");
    expect(ja.text).toBe(
      `${entity(MODEL).name.ja}は${budgetOf(BUDGET).name.ja}を超えています：最初の推論遅延0.62秒（上限≤0.4秒、+55%）、メモリ2.1GB（iPhone 15 Pro、FP16、上限≤1.5GB、+40%）。2.2BパラメータをFP16（1パラメータ16ビット）で保持すると重みだけで約4.4GBが必要ですが、報告値は2.1GBです（qwen-2-2b-fp16-memory-iphone-15-pro）。数値が矛盾しています。——出典：${publisherJa("machine-heart-qwen-latency-test")}（2025-02）、Kiki（Gate、2025-02）、${publisherJa("geek-park-qwen-iphone-15-pro-test")}（2025-02）、${publisherJa("alibaba-cloud-qwen-whitepaper-2024-03")}（2024-03）。` +
        `${link}&lang=ja\n`,
    );
    const zh = await getText(`${CHECK}&lang=zh`, { headers: { Accept: "text/markdown" } });
    expect(zh.res.headers.get("Content-Language")).toBe("zh-Hans");
    expect(zh.text.split("\n").slice(0, 4)).toEqual([
      `**${entity(MODEL).name.zh}超出${budgetOf(BUDGET).name.zh}：首次推理延迟0.62秒（上限≤0.4秒，+55%）；内存2.1GB（iPhone 15 Pro，FP16，上限≤1.5GB，+40%）。**`,
      "",
      "| 指标 | 模型 | 上限 | 超出 | 结论 |",
      "| --- | --- | --- | --- | --- |",
    ]);
    expect(zh.text).toContain(`。[永久链接](${link}&lang=zh)`);
  });

  it("answers an estimate in text/plain and text/markdown, naming the source of the limit", async () => {
    const path = `${ESTIMATE}?parameters=2.2B&bits=FP16`;
    const sentence =
      "2.2B parameters at FP16 need about 4.4 GB for the weights alone, over the 1.5 GB memory limit of “Apple Core ML recommended limits for on-device models” (activations and KV cache come on top).";
    const text = await getText(`${path}&format=text`);
    expect(text.res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(text.text).toBe(`${sentence} — Source: Kiki, Gate (2025-02). ${BASE}${path}\n`);
    const md = await getText(path, { headers: { Accept: "text/markdown, application/json;q=0.5" } });
    expect(md.res.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(md.text).toBe(
      [
        `**${sentence}**`,
        "",
        "- Formula: `parameters × bits ÷ 8 ÷ 10^9 = GB (weights only; activations and KV cache come on top)`",
        `- Weights: 4.4 GB · Limit: [Apple Core ML recommended limits for on-device models](${BASE}/v1/budgets/${BUDGET}) ≤ 1.5 GB · Verdict: exceeds`,
        "",
        `— Source: [Kiki](${src("gate-kiki-apple-alibaba-ai-alliance")}), Gate (2025-02) · [permalink](${BASE}${path})`,
        "",
      ].join("\n"),
    );
    const ja = await getText(`${path}&format=text&lang=ja`);
    expect(ja.text).toBe(
      `2.2BパラメータをFP16で保持すると重みだけで約4.4GBとなり、「${budgetOf(BUDGET).name.ja}」のメモリ上限1.5GBを超えます（活性化とKVキャッシュは別途必要）。——出典：Kiki（Gate、2025-02）。${BASE}${path}&lang=ja\n`,
    );
  });

  it("gives each representation its own ETag and cache entry; refuses an Accept it cannot meet", async () => {
    const path = `${ESTIMATE}?parameters=7B&bits=INT4`;
    const json = await request(path);
    const text = await request(path, { headers: { Accept: "text/plain" } });
    const md = await request(path, { headers: { Accept: "text/markdown" } });
    const tags = [json, text, md].map((r) => r.headers.get("ETag"));
    expect(new Set(tags).size).toBe(3);
    expect(text.headers.get("Cache-Status")).toContain("stored");
    const again = await request(path, { headers: { Accept: "text/plain" } });
    expect(again.headers.get("Cache-Status")).toMatch(/; hit/);
    expect(again.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await again.text()).toBe(await text.text());
    // JSON-LD is not offered here: its clients get JSON; an Accept with nothing we make is a 406.
    const ld = await request(path, { headers: { Accept: "application/ld+json" } });
    expect(ld.headers.get("Content-Type")).toBe("application/json");
    const png = await request(`${CHECK}&lang=en`, { headers: { Accept: "image/png" } });
    expect(png.status).toBe(406);
    const problem = await png.json();
    await expectDocumented(`${CHECK}&lang=en`, png, problem);
    expect(problem).toMatchObject({ type: "/problems/not-acceptable", status: 406 });
    const bad = await getDocumented<Problem>(`${CHECK}&format=jsonld`);
    expect(bad.res.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.parameter)).toEqual(["format"]);
  });
});

describe("budget arithmetic", () => {
  it("parses parameter counts and bits", () => {
    expect(parseParameterCount("2.2B")).toBe(2.2e9);
    expect(parseParameterCount(" 500m ")).toBe(5e8);
    expect(parseParameterCount("2.2e9")).toBe(2.2e9);
    expect(parseParameterCount("7x")).toBeNull();
    expect(parseBits("int4")).toEqual({ bits: 4, precision: "INT4" });
    expect(parseBits("4.5")).toEqual({ bits: 4.5, precision: null });
    expect(parseBits("0.5")).toBeNull();
    expect(compactCount(2.2e9)).toBe("2.2B");
    expect(compactCount(5e8)).toBe("500M");
  });

  it("prefers measured over reported, then the most specific figure", () => {
    const row = (id: string, kind: string, extra: Partial<FigureRow> = {}) =>
      ({ id, kind, metric: "memory_footprint", unit: "GB", deviceId: null, precision: null, ...extra }) as FigureRow;
    const limit = { metric: "memory_footprint", unit: "GB" } as const;
    const reported = row("a-reported", "reported", { deviceId: "iphone-15-pro", precision: "FP16" });
    const plain = row("b-measured", "measured");
    const onDevice = row("c-measured-device", "measured", { deviceId: "iphone-15-pro" });
    const derived = row("d-derived", "derived", { precision: "FP16" });
    const other = row("e-latency", "measured", { metric: "first_inference_latency", unit: "s" });
    const mb = row("f-other-unit", "measured", { unit: "s" });
    const { used, others } = pickFigure([reported, plain, onDevice, derived, other, mb], limit);
    expect(used?.id).toBe("c-measured-device");
    expect(others.map((f) => f.id)).toEqual(["a-reported", "b-measured", "d-derived"]);
    expect(pickFigure([reported, derived], limit).used?.id).toBe("a-reported");
    expect(pickFigure([derived], limit).used).toBeNull();
  });
});
