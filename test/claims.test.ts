/**
 * The claim check: a table of sentences in en, ja and zh with their expected verdicts, run through
 * GET /v1/claims/check against the real release (each answer validated against the spec). `supported` and
 * `contradicted` must be 100% precise; recall is reported. Then the whole body of one check, the ClaimReview,
 * and bad input. The pure pieces (number extraction, comparison) are tested directly.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildClaimBase, leanEntity, leanFact, leanFigure } from "../src/claims/base";
import { type ClaimBase, type ClaimFigure, checkClaim, compare, stepOf } from "../src/claims/check";
import { fieldColumns, listDocuments } from "../src/queries/documents";
import { cjkNumber, extractQuantities, normalize, type Quantity } from "../src/claims/numbers";
import { currentVersion, request } from "./helpers";
import { expectDocumented, getDocumented } from "./spec";

type Verdict = "supported" | "contradicted" | "disputed" | "unknown";
const TABLE: [string, Verdict][] = [
  // Parameter counts (en)
  ["Qwen was pruned to 3B parameters", "contradicted"],
  ["Qwen was pruned to 2.2B parameters", "supported"],
  ["Qwen was pruned to 2.2 billion parameters.", "supported"],
  ["Qwen was pruned from 7B to 2.2B parameters", "supported"],
  ["Alibaba pruned Qwen from 7B to 3B parameters", "contradicted"],
  ["Qwen was pruned to 7B parameters", "contradicted"],
  ["The Qwen 7B model has 7 billion parameters", "supported"],
  ["The Qwen 7B model has 8 billion parameters", "contradicted"],
  ["The pruned Qwen model has about 2B parameters", "unknown"],
  ["Qwen has 14B parameters", "unknown"],
  // Parameter counts (ja, zh)
  ["通義千問は70億パラメータから22億パラメータに圧縮された", "supported"],
  ["通義千問はプルーニングで30億パラメータになった", "contradicted"],
  ["通義千問のプルーニングモデルは2.2Bパラメータ", "supported"],
  ["通义千问从70亿参数剪枝到22亿参数", "supported"],
  ["通义千问剪枝后只剩30亿参数", "contradicted"],
  ["通义千问7B模型有70亿参数", "supported"],
  // Memory
  ["The pruned Qwen model uses 2.1 GB on an iPhone 15 Pro", "disputed"],
  ["The pruned Qwen model uses 3 GB of memory on an iPhone 15 Pro", "disputed"],
  ["At FP16 the weights of the pruned Qwen model alone need an estimated 4.4 GB", "supported"],
  ["Core ML recommends at most 1.5 GB of memory", "supported"],
  ["Apple's Core ML guidance caps on-device models at 2 GB", "unknown"],
  ["Apple's Core ML guidance caps on-device models at 3 GB", "contradicted"],
  ["Core ML recommends at most 1.5GB", "supported"],
  ["Core MLの推奨メモリ上限は1.5GB", "supported"],
  ["Core ML的推荐内存上限为3GB", "contradicted"],
  ["通義千問のプルーニングモデルはiPhone 15 Proで2.1GBのメモリを使用する", "disputed"],
  ["剪枝版通义千问在iPhone 15 Pro上占用2.1GB内存", "disputed"],
  // Latency
  ["The pruned Qwen model's first inference takes 0.62 seconds", "supported"],
  ["The pruned Qwen model's first-inference latency is 0.62 s", "supported"],
  ["The pruned Qwen model's first-inference latency is 0.4 s", "contradicted"],
  ["剪枝后的通义千问首次推理延迟为0.62秒", "supported"],
  ["通義千問のプルーニングモデルの初回推論の遅延は0.62秒", "supported"],
  ["通義千問のプルーニングモデルの初回推論は1.2秒かかる", "contradicted"],
  ["Core ML recommends a first-inference latency of at most 0.4 s", "supported"],
  ["Core ML recommends a first-inference latency of at most 620 ms", "contradicted"],
  // Ranks and shares
  ["Apple ranked second in China", "contradicted"],
  ["Apple ranked third in China's smartphone market", "supported"],
  ["Apple is No. 3 in the Chinese smartphone market", "supported"],
  ["Apple is the third-largest smartphone vendor in China", "supported"],
  ["Apple was the largest smartphone seller in China, ranked first", "contradicted"],
  ["アップルは中国のスマートフォン市場で第2位", "contradicted"],
  ["アップルは中国市場で3位にとどまる", "supported"],
  ["苹果在中国智能手机市场排名第三", "supported"],
  ["苹果在中国智能手机市场排名第一", "contradicted"],
  ["vivo ranked first in China", "supported"],
  ["Huawei ranked second in China's smartphone market", "supported"],
  ["华为在中国智能手机市场排名第三", "contradicted"],
  ["vivo has a 17% share of China's smartphone market", "supported"],
  ["vivoの中国スマートフォン市場シェアは17%", "supported"],
  ["vivo在中国智能手机市场的份额为20%", "contradicted"],
  ["Apple has a 17% share of China's smartphone market", "unknown"],
  // Reduction and counts
  ["Qwen's parameter count was cut by 68%", "supported"],
  ["Pruning reduced Qwen's parameters by 69%", "supported"],
  ["Pruning reduced Qwen's parameters by 50%", "contradicted"],
  ["通义千问的参数减少了68%", "supported"],
  ["More than seven companies were rumoured as Apple's AI partner in China", "supported"],
  ["Apple's rumoured China AI partners numbered 7 companies or more", "supported"],
  ["Only five companies were rumoured as Apple's AI partner in China", "contradicted"],
  // Facts restated, and sentences the check must not judge
  ["Apple's much-watched China AI partner has ultimately been settled as Alibaba.", "supported"],
  ["Apple's much-watched China AI partner has ultimately been settled as Baidu.", "unknown"],
  ["注目を集めているアップルの「中国のAIパートナー」は最終的にアリババに決まった。", "supported"],
  ["备受关注的苹果“中国AI合作伙伴”最终花落阿里巴巴。", "supported"],
  ["备受关注的苹果“中国AI合作伙伴”最终花落百度。", "unknown"],
  ["Apple did not rank third in China", "unknown"],
  ["Apple is a company", "unknown"],
  ["The weather in Hangzhou was 25 degrees", "unknown"],
  ["Samsung has 2.2B parameters", "unknown"],
  ["In 2024 Apple sold phones in China", "unknown"],
  ["Apple shipped 50 million iPhones in China", "unknown"],
];

interface Check {
  data: {
    text: string;
    text_lang: string;
    verdict: Verdict;
    reason: string;
    entities: string[];
    matches: {
      kind: string;
      id: string;
      verdict: string;
      metric: string | null;
      claimed: { value: number; unit: string; text: string; bound: string | null } | null;
      stored: { value: number; unit: string } | null;
      record: { id: string; citation: { text: string; permalink: string } };
    }[];
  };
  meta: { release: string; lang: string };
  links: { self: string };
}

const check = (text: string, more = "") =>
  getDocumented<Check>(`/v1/claims/check?text=${encodeURIComponent(text)}${more}`);

describe("the claim table", () => {
  it("has at least 60 sentences in each of en, ja and zh", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
    const langs = new Set(
      TABLE.map(([s]) => (/[\u3040-\u30ff]/.test(s) ? "ja" : /\p{Script=Han}/u.test(s) ? "zh" : "en")),
    );
    expect([...langs].sort()).toEqual(["en", "ja", "zh"]);
  });

  it("answers every sentence as expected: 100% precision on supported and contradicted; recall reported", async () => {
    const got: [string, Verdict, Verdict][] = [];
    for (const [text, want] of TABLE) {
      const { res, body } = await check(text);
      expect(res.status, text).toBe(200);
      got.push([text, want, body.data.verdict]);
      // Every match carries its record with a citation; a figure match carries both numbers.
      for (const m of body.data.matches) {
        expect(m.record.id).toBe(m.id);
        expect(m.record.citation.text.length).toBeGreaterThan(0);
        if (m.kind === "figure") expect(m.claimed?.unit).toBe(m.stored?.unit);
      }
    }
    const report: Record<string, { precision: number; recall: number }> = {};
    for (const v of ["supported", "contradicted", "disputed"] as const) {
      const answered = got.filter(([, , g]) => g === v);
      const expected = got.filter(([, w]) => w === v);
      const right = answered.filter(([, w]) => w === v);
      report[v] = {
        precision: answered.length ? right.length / answered.length : 1,
        recall: expected.length ? right.length / expected.length : 1,
      };
    }
    console.log("claim table:", JSON.stringify(report));
    expect(report.supported?.precision).toBe(1);
    expect(report.contradicted?.precision).toBe(1);
    expect(got.filter(([, w, g]) => w !== g)).toEqual([]);
  });
});

describe("the facts a sentence restates, looked up in the search index", () => {
  it("finds what a scan of every fact in every language finds, for each fact's own text and variants of it", async () => {
    const release = await currentVersion();
    const docs = async (kind: string, lang: string) =>
      (
        await env.DB.prepare(
          "SELECT body FROM documents WHERE release = ?1 AND kind = ?2 AND lang = ?3 ORDER BY sort, id",
        )
          .bind(release, kind, lang)
          .all<{ body: string }>()
      ).results.map((r) => JSON.parse(r.body) as never);
    const facts = { en: await docs("fact", "en"), ja: await docs("fact", "ja"), zh: await docs("fact", "zh") };
    const en = facts.en.map(leanFact);
    const base = buildClaimBase({
      entities: (await docs("entity", "en")).map(leanEntity),
      figures: (await docs("figure", "en")).map(leanFigure),
      disputed: en.filter((f) => f.status === "disputed"),
    });
    // The scan the lookup replaces: every fact with its texts in en, ja and zh, in the collection's order.
    const textOf = (lang: "ja" | "zh") => new Map(facts[lang].map(leanFact).map((f) => [f.id, f.text]));
    const [ja, zh] = [textOf("ja"), textOf("zh")];
    const scanned: ClaimBase = {
      ...base,
      facts: en.map((f) => ({ id: f.id, status: f.status, texts: { en: f.text, ja: ja.get(f.id), zh: zh.get(f.id) } })),
    };
    // Each fact's text in each language, as written, in capitals, without its punctuation, and cut short.
    const sentences = [...new Set([...facts.en, ...facts.ja, ...facts.zh].map(leanFact).map((f) => f.text))].flatMap(
      (t) => [
        t,
        t.toUpperCase(),
        t.replace(/[\p{P}\p{S}]+/gu, " "),
        [...t].slice(0, Math.ceil([...t].length * 0.7)).join(""),
      ],
    );
    let restated = 0;
    for (const text of sentences.filter((t) => [...t].length <= 500)) {
      const want = checkClaim(text, scanned);
      const { body } = await check(text);
      const got = {
        verdict: body.data.verdict,
        matches: body.data.matches.map((m) => `${m.kind}/${m.id}:${m.verdict}`),
      };
      expect(got, text).toEqual({
        verdict: want.verdict,
        matches: want.matches.map((m) => `${m.kind}/${m.id}:${m.verdict}`),
      });
      if (want.matches.some((m) => m.kind === "fact")) restated++;
    }
    // Most sentences without a number restate their fact: the lookup is exercised in all three languages.
    expect(restated).toBeGreaterThan(60);
  }, 120_000);
});

describe("the base's reads", () => {
  it("cut each document to the fields asked, in SQL, as the fields of the whole document (absent ones null)", async () => {
    const release = await currentVersion();
    for (const [kind, fields] of [
      ["entity", ["id", "type", "names", "aliases", "no_such_field"]],
      ["figure", ["id", "metric", "subject", "value", "unit", "display", "kind", "conditions", "derivation"]],
    ] as const) {
      const whole = await listDocuments(env.DB, release, kind, "en", { cursor: null, limit: 500 });
      const cut = await listDocuments(env.DB, release, kind, "en", {
        cursor: null,
        limit: 500,
        columns: fieldColumns(fields),
      });
      expect(cut.map((r) => r.id)).toEqual(whole.map((r) => r.id));
      expect(whole.length).toBeGreaterThan(10);
      for (const [i, r] of whole.entries()) {
        const doc = JSON.parse(r.body) as Record<string, unknown>;
        expect(JSON.parse(cut[i]?.body ?? "null"), r.id).toEqual(
          Object.fromEntries(fields.map((f) => [f, doc[f] ?? null])),
        );
      }
    }
    expect(() => fieldColumns(["id'); DROP TABLE documents; --"])("d.")).toThrow(/not a field name/);
  });
});

describe("GET /v1/claims/check", () => {
  it("answers the whole body: the verdict, the numbers compared, the record with its citation", async () => {
    const release = await currentVersion();
    const { res, body } = await check("Apple ranked second in China");
    expect(res.status).toBe(200);
    const figure = await (await request("/v1/figures/apple-china-smartphone-rank")).json<{ data: unknown }>();
    expect(body).toEqual({
      data: {
        text: "Apple ranked second in China",
        text_lang: "en",
        verdict: "contradicted",
        reason: "A stored figure about the same subject and metric has another value.",
        entities: ["apple", "china"],
        matches: [
          {
            kind: "figure",
            id: "apple-china-smartphone-rank",
            verdict: "contradicted",
            metric: "market_rank",
            claimed: { value: 2, unit: "rank", text: "second", bound: null },
            stored: { value: 3, unit: "rank" },
            record: figure.data,
          },
        ],
      },
      meta: { release, lang: "en" },
      links: { self: "http://api.test/v1/claims/check?text=Apple+ranked+second+in+China" },
    });
  });

  it("returns the records in the asked language and reads ja and zh sentences", async () => {
    const { body } = await check("通義千問はプルーニングで30億パラメータになった", "&lang=zh");
    const figure = await (await request("/v1/figures/qwen-2-2b-pruned-parameter-count?lang=zh")).json<{
      data: unknown;
    }>();
    expect(body.data.text_lang).toBe("ja");
    expect(body.data.verdict).toBe("contradicted");
    expect(body.data.matches.map((m) => [m.id, m.claimed, m.stored, m.record])).toEqual([
      [
        "qwen-2-2b-pruned-parameter-count",
        { value: 3e9, unit: "parameters", text: "30億パラメータ", bound: null },
        { value: 2.2e9, unit: "parameters" },
        figure.data,
      ],
    ]);
    expect(body.meta.lang).toBe("zh");
  });

  it("a restated fact is supported by the fact; a disputed figure makes the verdict disputed", async () => {
    const fact = await check("Apple's much-watched China AI partner has ultimately been settled as Alibaba.");
    expect(fact.body.data.matches.map((m) => [m.kind, m.id, m.verdict, m.claimed, m.stored])).toEqual([
      ["fact", "apple-selected-alibaba-china-ai-partner", "supported", null, null],
    ]);
    const disputed = await check("The pruned Qwen model uses 2.1 GB on an iPhone 15 Pro");
    expect(disputed.body.data.verdict).toBe("disputed");
    expect(disputed.body.data.matches.map((m) => [m.id, m.verdict])).toEqual([
      ["qwen-2-2b-fp16-memory-iphone-15-pro", "disputed"],
    ]);
  });

  it("format=jsonld answers a schema.org ClaimReview", async () => {
    const path = `/v1/claims/check?text=${encodeURIComponent("Apple ranked second in China")}&format=jsonld`;
    const res = await request(path);
    expect(res.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    const body = (await res.json()) as Record<string, unknown>;
    await expectDocumented(path, res, body);
    expect({ ...body, datePublished: "" }).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: "http://api.test/v1/claims/check?text=Apple+ranked+second+in+China&format=jsonld",
      claimReviewed: "Apple ranked second in China",
      inLanguage: "en",
      datePublished: "",
      author: { "@type": "Organization", name: "Alliance Facts API", url: "http://api.test/" },
      reviewRating: {
        "@type": "Rating",
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
        alternateName: "Contradicted",
      },
      isBasedOn: ["http://api.test/v1/figures/apple-china-smartphone-rank"],
    });
    expect(body.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const unknown = await (await request("/v1/claims/check?text=hello&format=jsonld")).json<Record<string, unknown>>();
    expect(unknown.reviewRating).toEqual({
      "@type": "Rating",
      bestRating: 5,
      worstRating: 1,
      alternateName: "Unknown",
    });
  });

  it("bad input is a 400 naming the parameter", async () => {
    for (const [query, detail] of [
      ["", "text is required"],
      ["?text=", "text must not be empty"],
      [`?text=${"a".repeat(501)}`, "text must be at most 500 characters"],
      ["?text=a%01b", "text must not contain control characters"],
      ["?text=a&q=b", null],
    ] as const) {
      const res = await request(`/v1/claims/check${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { detail: string };
      if (detail) expect(body.detail).toBe(detail);
    }
  });
});

describe("number extraction", () => {
  const read = (s: string) => extractQuantities(normalize(s)).map((q) => [q.value, q.unit, q.step, q.bound]);
  it("reads the issue's forms", () => {
    expect(read("7B")).toEqual([[7e9, "parameters", 1e9, null]]);
    expect(read("70億")).toEqual([[7e9, "parameters", 1e8, null]]);
    expect(read("70亿")).toEqual([[7e9, "parameters", 1e8, null]]);
    expect(read("2.2 billion")).toEqual([[2.2e9, "parameters", 1e8, null]]);
    expect(read("2.1 GB")).toEqual([[2.1, "GB", 0.1, null]]);
    expect(read("0.62秒")).toEqual([[0.62, "s", 0.01, null]]);
    expect(read("17%")).toEqual([[17, "percent", 1, null]]);
    expect(read("１７％")).toEqual([[17, "percent", 1, null]]);
    expect(read("第三")).toEqual([[3, "rank", 1, null]]);
    expect(read("3位")).toEqual([[3, "rank", 1, null]]);
    expect(read("No. 3")).toEqual([[3, "rank", 1, null]]);
    expect(read("ranked third")).toEqual([[3, "rank", 1, null]]);
    expect(read("620 ms")).toEqual([[0.62, "s", 0.001, null]]);
    expect(read("7社以上")).toEqual([[7, "companies", 1, "min"]]);
    expect(read("at most 1.5 GB")).toEqual([[1.5, "GB", 0.1, "max"]]);
  });
  it("reads Chinese numerals, other units, counts and bounds", () => {
    expect(cjkNumber("七")).toBe(7);
    expect(cjkNumber("十")).toBe(10);
    expect(cjkNumber("十二")).toBe(12);
    expect(cjkNumber("二十三")).toBe(23);
    expect(cjkNumber("百")).toBeNull();
    expect(read("第十位")).toEqual([[10, "rank", 1, null]]);
    expect(read("七家以上")).toEqual([[7, "companies", 1, "min"]]);
    expect(read("seven companies")).toEqual([[7, "companies", 1, null]]);
    expect(read("2100 MB")).toEqual([[2.1, "GB", 0.001, null]]);
    expect(read("1 TB")).toEqual([[1000, "GB", 1000, null]]);
    expect(read("500 million parameters")).toEqual([[5e8, "parameters", 1e6, null]]);
    expect(read("1.2万")).toEqual([[12000, "parameters", 1000, null]]);
    expect(read("more than 2 GB")).toEqual([[2, "GB", 1, "min"]]);
    expect(read("2GB以下")).toEqual([[2, "GB", 1, "max"]]);
    expect(read("ranked 3rd")).toEqual([[3, "rank", 1, null]]);
    expect(read("number 2")).toEqual([[2, "rank", 1, null]]);
    expect(read("17 percent")).toEqual([[17, "percent", 1, null]]);
    expect(read("0.62 seconds")).toEqual([[0.62, "s", 0.01, null]]);
    expect(read("2 billion GB")).toEqual([]);
  });
  it("compares within both precisions, bounds and tolerances", () => {
    const figure = (value: number, more: Partial<ClaimFigure> = {}): ClaimFigure => ({
      id: "f",
      metric: "memory_footprint",
      subject: "s",
      value,
      unit: "GB",
      kind: "measured",
      device: null,
      precision: null,
      tolerance: 0,
      atLeast: false,
      disputed: false,
      ...more,
    });
    const q = (text: string) => extractQuantities(normalize(text))[0] as Quantity;
    expect(stepOf(2.2e9)).toBe(1e8);
    expect(stepOf(0.62)).toBe(0.01);
    expect(stepOf(0)).toBe(1);
    expect(compare(q("2.1 GB"), figure(2.1))).toBe("same");
    expect(compare(q("2.10 GB"), figure(2.1))).toBe("same");
    expect(compare(q("2 GB"), figure(2.1))).toBeNull();
    expect(compare(q("3 GB"), figure(2.1))).toBe("differs");
    expect(compare(q("more than 2 GB"), figure(2.1))).toBe("same");
    expect(compare(q("more than 3 GB"), figure(2.1))).toBe("differs");
    expect(compare(q("more than 2.1 GB"), figure(2.1))).toBeNull();
    expect(compare(q("at most 3 GB"), figure(2.1))).toBe("same");
    expect(compare(q("at most 1 GB"), figure(2.1))).toBe("differs");
    expect(compare(q("at most 2 GB"), figure(2.1))).toBeNull();
    expect(compare(q("69%"), figure(68, { unit: "percent", tolerance: 1 }))).toBe("same");
    expect(compare(q("71%"), figure(68, { unit: "percent", tolerance: 1 }))).toBe("differs");
    const atLeast = figure(7, { unit: "companies", atLeast: true });
    expect(compare(q("7 companies"), atLeast)).toBe("same");
    expect(compare(q("5 companies"), atLeast)).toBe("differs");
    expect(compare(q("9 companies"), atLeast)).toBeNull();
    expect(compare(q("more than 5 companies"), atLeast)).toBe("same");
    expect(compare(q("at most 9 companies"), atLeast)).toBeNull();
  });
  it("leaves out numbers without a unit the figures use, and ordinals outside a ranking", () => {
    expect(read("iPhone 15 Pro in 2024 at FP16")).toEqual([]);
    expect(read("the first inference")).toEqual([]);
    expect(read("the first-inference latency")).toEqual([]);
  });
});
