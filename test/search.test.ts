import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, currentVersion, withDataset } from "./helpers";
import { getDocumented } from "./spec";
import { copySuffix, synthesize } from "../scripts/synthetic";
import { queryTerms } from "../src/compose/search";
import { BM25_MAX, MAX_COUNTED, SAMPLE, type SearchHitRow, searchParams, searchSql } from "../src/queries/search";
import { snippetAround } from "../src/routes/search/search.handlers";

const d = env.TEST_DATASET;

interface Hit {
  kind: "entity" | "fact" | "event" | "source";
  id: string;
  title: string;
  matched: { field: string; lang: string; snippet: string };
  score: number;
  href: string;
  fallback: string[];
}
interface Results {
  data: Hit[];
  meta: { release: string; lang: string; q: string; limit: number; total: number; total_exact: boolean };
  links: { self: string };
}

const PATHS = { entity: "entities", fact: "facts", event: "events", source: "sources" } as const;
type Kind = keyof typeof PATHS;

/**
 * The oracle, written from the dataset independently of the index: every searchable text of every record, and
 * the records holding every whitespace-separated term of a query (case-insensitive) as a substring, or, for a
 * term of 1–2 characters with a letter or digit and no CJK character, as a whole word: no letter, mark or digit
 * right before or after it, a CJK character counting as none.
 */
const values = (x: Record<string, string | undefined> | undefined) =>
  Object.values(x ?? {}).filter(Boolean) as string[];
const RECORDS: { kind: Kind; id: string; texts: string[] }[] = [
  ...d.entities.map((e) => ({
    kind: "entity" as const,
    id: e.id,
    texts: [...values(e.name), ...e.aliases.map((a) => a.text), ...values(e.description)],
  })),
  ...d.facts.map((f) => ({ kind: "fact" as const, id: f.id, texts: [...values(f.text), f.quote] })),
  ...d.events.map((e) => ({
    kind: "event" as const,
    id: e.id,
    texts: [...values(e.title), ...values(e.description), e.quote],
  })),
  ...d.sources.map((x) => ({
    kind: "source" as const,
    id: x.id,
    texts: [...values(x.title), ...(x.author ? [x.author] : []), ...values(x.description)],
  })),
];
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/gu;
function holds(text: string, term: string) {
  if ([...term].length > 2 || term.match(CJK) || !/[\p{L}\p{M}\p{N}]/u.test(term)) return text.includes(term);
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escaped}(?![\\p{L}\\p{M}\\p{N}])`, "u").test(text.replace(CJK, " "));
}
function oracle(text: string, kinds?: Kind[]) {
  const terms = [...new Set(text.toLowerCase().split(/\s+/u).filter(Boolean))];
  return RECORDS.filter(
    (r) => (!kinds || kinds.includes(r.kind)) && terms.every((t) => r.texts.some((x) => holds(x.toLowerCase(), t))),
  )
    .map((r) => `${r.kind}/${r.id}`)
    .sort();
}
const keysOf = (hits: Hit[]) => hits.map((h) => `${h.kind}/${h.id}`).sort();

async function search(query: string) {
  const { res, body } = await getDocumented<Results>(`/v1/search?${query}`);
  expect(res.status, query).toBe(200);
  // Invariants of every answer: one hit per record, best first, the best `limit` of `total` matches.
  const keys = body.data.map((h) => `${h.kind}/${h.id}`);
  expect(new Set(keys).size, query).toBe(keys.length);
  const scores = body.data.map((h) => h.score);
  expect(scores, query).toEqual([...scores].sort((a, b) => b - a));
  expect(body.data.length, query).toBe(Math.min(body.meta.limit, body.meta.total));
  expect(body.meta.total_exact, query).toBe(true);
  for (const h of body.data) {
    expect(h.href).toBe(`${BASE}/v1/${PATHS[h.kind]}/${h.id}`);
    expect(h.score).toBeGreaterThan(0);
  }
  return { res, body };
}
const q = (text: string, extra = "") => `q=${encodeURIComponent(text)}${extra}`;

/** Searches `text` with limit 50 and checks the hits and the total against the oracle. */
async function searchAll(text: string, kinds?: Kind[]) {
  const result = await search(q(text, `&limit=50${kinds ? `&type=${kinds.join(",")}` : ""}`));
  const want = oracle(text, kinds);
  expect(result.body.meta.total, text).toBe(want.length);
  if (want.length <= 50) expect(keysOf(result.body.data), text).toEqual(want);
  return result;
}

describe("GET /v1/search", () => {
  it("finds an entity by the article's misspelling, whole answer", async () => {
    const version = await currentVersion();
    const { body } = await search(q("Bacchus Intelligence"));
    expect(body.data[0]).toEqual({
      kind: "entity",
      id: "baichuan-ai",
      title: "Baichuan Intelligence",
      matched: { field: "alias", lang: "en", snippet: "**Bacchus Intelligence**" },
      score: expect.any(Number),
      href: `${BASE}/v1/entities/baichuan-ai`,
      fallback: [],
    });
    expect(body.meta).toEqual({
      release: version,
      lang: "en",
      q: "Bacchus Intelligence",
      limit: 10,
      total: oracle("Bacchus Intelligence").length,
      total_exact: true,
    });
    expect(body.links).toEqual({ self: `${BASE}/v1/search?q=Bacchus%20Intelligence` });
    // The fact that mentions the misspelling is found too, below the entity.
    expect(body.data.map((h) => h.id)).toContain("rumoured-startups-baichuan-moonshot-deepseek");
  });

  it("ranks the right record first for aliases and misspellings in every script", async () => {
    const cases: [string, string, string][] = [
      ["Dark Side of the Moon", "entity", "moonshot-ai"],
      ["dark side of the moon", "entity", "moonshot-ai"],
      ["通意千問", "entity", "qwen"],
      ["Tongyi Qianwen", "entity", "qwen"],
      ["Qwen", "entity", "qwen"],
      ["月之暗面", "entity", "moonshot-ai"],
      ["百川智能", "entity", "baichuan-ai"],
      ["Aliyun", "entity", "alibaba-cloud"],
      // One- and two-character Chinese / Japanese queries (the LIKE path).
      ["阿里", "entity", "alibaba-group"],
      ["苹果", "entity", "apple"],
      ["千問", "entity", "qwen"],
      ["百度", "entity", "baidu"],
    ];
    for (const [text, kind, id] of cases) {
      const { body } = await search(q(text));
      expect(body.data[0], text).toMatchObject({ kind, id });
      expect(body.data[0]?.matched.snippet.toLowerCase(), text).toContain(`**${text.toLowerCase()}**`);
    }
  });

  it("finds facts, events and sources as well as entities", async () => {
    const { body } = await search(q("Kiki", "&limit=50"));
    expect([...new Set(body.data.map((h) => h.kind))]).toEqual(expect.arrayContaining(["entity", "fact", "source"]));
    expect(body.data[0]).toMatchObject({ kind: "entity", id: "kiki" });
    expect(body.data).toContainEqual(
      expect.objectContaining({
        kind: "source",
        id: "gate-kiki-apple-alibaba-ai-alliance",
        matched: { field: "author", lang: "en", snippet: "**Kiki**" },
      }),
    );
    const events = await search(q("Jack Ma", "&type=event"));
    expect(events.body.data.map((h) => h.id)).toContain("jack-ma-meets-tim-cook-2014");
  });

  it("filters by type, one or several", async () => {
    const facts = await search(q("Qwen", "&type=fact&limit=50"));
    expect(facts.body.data.length).toBeGreaterThan(0);
    expect(facts.body.data.every((h) => h.kind === "fact")).toBe(true);
    const want = d.facts.filter((f) =>
      [f.text.en, f.text.ja, f.text.zh, f.quote].some((t) => t?.toLowerCase().includes("qwen")),
    );
    expect(facts.body.data.map((h) => h.id).sort()).toEqual(want.map((f) => f.id).sort());

    const two = await search(q("Qwen", "&type=event,source&limit=50"));
    expect(two.body.data.length).toBeGreaterThan(0);
    expect(new Set(two.body.data.map((h) => h.kind))).toEqual(new Set(["event", "source"]));

    const short = await search(q("阿里", "&type=event&limit=50"));
    expect(short.body.data.length).toBeGreaterThan(0);
    expect(short.body.data.every((h) => h.kind === "event")).toBe(true);
  });

  it("returns at most `limit` hits, the best ones", async () => {
    const all = await search(q("Apple", "&limit=50"));
    expect(all.body.data.length).toBeGreaterThan(10);
    const ten = await search(q("Apple"));
    expect(ten.body.meta.limit).toBe(10);
    expect(ten.body.data).toEqual(all.body.data.slice(0, 10));
    const two = await search(q("Apple", "&limit=2"));
    expect(two.body.data).toEqual(all.body.data.slice(0, 2));
  });

  it("counts every matching record in meta.total, not the page", async () => {
    const want = oracle("Apple");
    expect(want.length).toBeGreaterThan(50);
    for (const limit of [1, 2, 10, 50]) {
      const { body } = await search(q("Apple", `&limit=${limit}`));
      expect(body.data.length).toBe(limit);
      expect(body.meta).toMatchObject({ limit, total: want.length, total_exact: true });
    }
    const none = await search(q("Apple zzzz"));
    expect(none.body).toMatchObject({ data: [], meta: { total: 0, total_exact: true } });
  });

  it("answers titles in the asked language, falling back to English and saying so", async () => {
    const ja = await search(q("Bacchus Intelligence", "&lang=ja"));
    expect(ja.res.headers.get("Content-Language")).toBe("ja");
    expect(ja.body.data[0]).toMatchObject({ id: "baichuan-ai", title: "百川智能", fallback: [] });
    const zh = await search(q("Dark Side of the Moon", "&lang=zh"));
    expect(zh.body.data[0]).toMatchObject({ id: "moonshot-ai", title: "月之暗面", fallback: [] });
    expect(zh.body.meta.lang).toBe("zh");

    // Every curated fact has Chinese text: publish a copy where this one has none.
    const noZh = d.facts.find((f) => f.id === "apple-alibaba-cooperating-apple-intelligence-china");
    expect(noZh).toBeDefined();
    const fb = await withDataset(
      (data) => {
        for (const f of data.facts) if (f.id === noZh?.id) delete f.text.zh;
      },
      () => search(q("Apple Intelligence", "&type=fact&lang=zh&limit=50")),
    );
    expect(fb.body.data).toContainEqual(
      expect.objectContaining({ id: noZh?.id, title: noZh?.text.en, fallback: ["title"] }),
    );
  });

  it("cuts long fact texts to about 160 characters in the title", async () => {
    // The longest English fact text, found by a word it holds.
    const long = [...d.facts].sort((a, b) => [...b.text.en].length - [...a.text.en].length)[0];
    expect(long && [...long.text.en].length).toBeGreaterThan(160);
    const word = long?.text.en.match(/[A-Za-z]{6,}/)?.[0] ?? "";
    const { body } = await search(q(word, "&type=fact&limit=50"));
    const hit = body.data.find((h) => h.id === long?.id);
    expect([...(hit?.title ?? "")].length).toBeLessThanOrEqual(160);
    expect(hit?.title.endsWith("…")).toBe(true);
    expect(long?.text.en.startsWith((hit?.title ?? "").slice(0, -1))).toBe(true);
  });

  it("treats FTS syntax and LIKE wildcards as plain text", async () => {
    for (const text of [
      '"',
      'Qwen"',
      '"Qwen" OR "Baidu"',
      "Qwen*",
      "NEAR(Qwen Baidu)",
      "Qwen AND Baidu",
      "-Qwen",
      "^Qwen",
      "Qwen:",
    ]) {
      await searchAll(text);
    }
    // `%` and `_` are not wildcards, `OR` and `AND` are words: the hits are the records holding the terms.
    for (const text of ["%", "_", "7%", "a_b"]) await searchAll(text);
    const percent = await searchAll("%");
    expect(percent.body.data.length).toBeGreaterThan(0);
    const or = await searchAll("Apple OR Baidu");
    expect(or.body.data.length).toBeGreaterThan(0);
    expect(keysOf(or.body.data)).toEqual(keysOf((await searchAll("or baidu APPLE")).body.data));
    // A disjunction would find every record with Baidu; these are fewer.
    expect(or.body.meta.total).toBeLessThan(oracle("Baidu").length);
  });

  it("trims the query and reports it as searched", async () => {
    const { body } = await search(q("  Qwen  "));
    expect(body.meta.q).toBe("Qwen");
    expect(body.data[0]).toMatchObject({ id: "qwen" });
  });

  it("rejects a missing, empty or too long q, a bad type or limit, and unknown parameters", async () => {
    const cases: [string, string, string][] = [
      ["/v1/search", "q", "/problems/invalid-parameter"],
      ["/v1/search?q=", "q", "/problems/invalid-parameter"],
      ["/v1/search?q=%20%20", "q", "/problems/invalid-parameter"],
      [`/v1/search?q=${"x".repeat(101)}`, "q", "/problems/invalid-parameter"],
      ["/v1/search?q=Qwen&type=person", "type", "/problems/invalid-parameter"],
      ["/v1/search?q=Qwen&type=entity,", "type", "/problems/invalid-parameter"],
      ["/v1/search?q=Qwen&limit=0", "limit", "/problems/invalid-parameter"],
      ["/v1/search?q=Qwen&limit=51", "limit", "/problems/invalid-parameter"],
      ["/v1/search?q=Qwen&lang=fr", "lang", "/problems/invalid-parameter"],
      ["/v1/search?q=Qwen&cursor=abc", "cursor", "/problems/unknown-parameter"],
    ];
    for (const [path, parameter, type] of cases) {
      const { res, body } = await getDocumented<{ type: string; errors: { parameter: string }[]; allowed?: string[] }>(
        path,
      );
      expect(res.status, path).toBe(400);
      expect(body.type, path).toBe(type);
      expect(
        body.errors.map((e) => e.parameter),
        path,
      ).toEqual([parameter]);
      if (type === "/problems/unknown-parameter") expect(body.allowed).toEqual(["lang", "limit", "q", "type"]);
    }
    // 100 characters is still fine.
    const { res } = await getDocumented(`/v1/search?q=${"x".repeat(100)}`);
    expect(res.status).toBe(200);
  });

  it("matches several words in any order, across fields and languages (en, ja, zh)", async () => {
    for (const [a, b] of [
      ["Apple Alibaba", "Alibaba Apple"],
      ["Qwen iPhone", "iPhone qwen"],
      ["Apple Intelligence China", "China Intelligence Apple"],
      ["アップル アリババ", "アリババ アップル"],
      ["苹果 阿里巴巴", "阿里巴巴 苹果"],
      ["苹果 阿里", "阿里 苹果"],
    ] as const) {
      const one = await searchAll(a);
      const other = await searchAll(b);
      expect(one.body.data.length, a).toBeGreaterThan(0);
      expect(one.body.data, a).toEqual(other.body.data);
      expect(one.body.meta.total, a).toBe(other.body.meta.total);
    }
    // The exact phrase finds fewer records than the words in any order.
    expect(oracle("Apple Alibaba").length).toBeGreaterThan(0);
    expect((await searchAll("Apple and Alibaba")).body.meta.total).toBeLessThan(oracle("Apple Alibaba").length);
    // Words from different fields and languages of one record: an English alias and the Chinese name.
    const mixed = await searchAll("Bacchus 百川智能", ["entity"]);
    expect(mixed.body.data.map((h) => h.id)).toEqual(["baichuan-ai"]);
    // The Apple Intelligence entity: its name holds two words, its description the third. (Its rank is a near
    // tie with Baichuan Intelligence, whose name, alias and description hold the three words too.)
    const ai = await searchAll("Apple Intelligence China", ["entity"]);
    expect(ai.body.data.find((h) => h.id === "apple-intelligence")).toMatchObject({
      matched: { field: "name", lang: "en" },
    });
  });

  it("finds one- and two-character CJK terms, alone and with others", async () => {
    const two = await searchAll("千問");
    // 千問 is written so in Japanese and in Traditional Chinese: the denser match, the Traditional name 通義千問, is shown.
    expect(two.body.data[0]).toMatchObject({ kind: "entity", id: "qwen", matched: { lang: "zh-Hant" } });
    expect(two.body.data.length).toBeGreaterThan(1);
    const ali = await searchAll("阿里", ["entity"]);
    expect(ali.body.data[0]).toEqual({
      kind: "entity",
      id: "alibaba-group",
      title: "Alibaba Group",
      matched: { field: "alias", lang: "zh", snippet: "**阿里**" },
      score: expect.any(Number),
      href: `${BASE}/v1/entities/alibaba-group`,
      fallback: [],
    });
    expect(ali.body.data.map((h) => h.id)).toContain("alibaba-cloud");
    // One character, and a two-character term beside a longer one.
    const one = await searchAll("云");
    expect(one.body.data.map((h) => h.id)).toContain("alibaba-cloud");
    await searchAll("阿里 通义千问");
    await searchAll("AI 苹果");
  });

  it("matches a one- or two-character term of a spaced script as a whole word, beside CJK too", async () => {
    const ai = await searchAll("AI");
    // As a substring, `ai` is in most English texts ("said", "Baidu", "mainland"); as a word, in fewer records.
    const substring = RECORDS.filter((r) => r.texts.some((x) => x.toLowerCase().includes("ai")));
    expect(ai.body.meta.total).toBeGreaterThan(0);
    expect(ai.body.meta.total).toBeLessThan(substring.length);
    for (const h of ai.body.data) expect(h.matched.snippet, h.id).toMatch(/\*\*AI\*\*/u);
    // A CJK character is no part of a Latin word: `AIを` and `AI大模型` hold the word `AI`.
    const beside = RECORDS.filter((r) =>
      r.texts.some((x) => /AI[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u.test(x)),
    );
    expect(beside.length).toBeGreaterThan(0);
    expect(oracle("AI")).toEqual(expect.arrayContaining(beside.map((r) => `${r.kind}/${r.id}`)));
    expect(snippetAround("Alibaba said AI is key.", ["ai"])).toBe("Alibaba said **AI** is key.");
    expect(snippetAround("アップルのAIを支える", ["ai"])).toBe("アップルの**AI**を支える");
    // Two characters with a CJK one are matched anywhere, as every CJK term is.
    await searchAll("a股");
  });

  it("finds an entity by the article's misspelled alias, whole hit", async () => {
    const { body } = await searchAll("通意千問");
    expect(body.data.slice(0, 1)).toEqual([
      {
        kind: "entity",
        id: "qwen",
        title: "Qwen (Tongyi Qianwen)",
        matched: { field: "alias", lang: "ja", snippet: "**通意千問**" },
        score: expect.any(Number),
        href: `${BASE}/v1/entities/qwen`,
        fallback: [],
      },
    ]);
  });

  it("filters by type against every match, and the total follows", async () => {
    for (const kinds of [["fact"], ["entity", "event"], ["source"]] as Kind[][]) {
      const { body } = await searchAll("Apple", kinds);
      expect(body.data.length).toBeGreaterThan(0);
      expect(body.data.every((h) => kinds.includes(h.kind))).toBe(true);
    }
    const all = oracle("Apple").length;
    const facts = await searchAll("Apple", ["fact"]);
    expect(facts.body.meta.total).toBeLessThan(all);
  });

  it("ranks an exact name above a description mentioning it", async () => {
    const { body } = await searchAll("Alibaba Cloud", ["entity"]);
    expect(body.data[0]).toMatchObject({ id: "alibaba-cloud", matched: { field: "name", lang: "en" } });
    const qwen = body.data.find((h) => h.id === "qwen");
    expect(qwen).toMatchObject({ matched: { field: "description", lang: "en" } });
    expect(qwen?.score).toBeLessThan(body.data[0]?.score ?? 0);
    // Across kinds too: the entity named Qwen before the facts and events that mention it.
    const all = await search(q("Qwen"));
    expect(all.body.data[0]).toMatchObject({ kind: "entity", id: "qwen" });
    expect(all.body.data.some((h) => h.kind === "fact")).toBe(true);
  });

  it("highlights the whole query where it occurs as written, else each word", async () => {
    const moon = await search(q("dark SIDE of the moon"));
    expect(moon.body.data[0]?.matched).toEqual({ field: "alias", lang: "en", snippet: "**Dark Side of the Moon**" });
    // Words apart in one text: each highlighted, the text around them kept.
    const words = await searchAll("Qwen iPhone", ["fact"]);
    const hit = words.body.data.find((h) => h.matched.snippet.includes("**Qwen**"));
    expect(hit?.matched.snippet).toContain("**iPhone**");
    expect(snippetAround("Apple chose Alibaba, not Baidu, as its partner in China.", ["baidu", "apple"])).toBe(
      "**Apple** chose Alibaba, not **Baidu**, as its partner in China.",
    );
    const long = `${"x".repeat(100)} Apple ${"y".repeat(300)} Alibaba ${"z".repeat(100)}`;
    expect(snippetAround(long, ["apple", "alibaba"])).toBe(`…${"x".repeat(39)} **Apple** ${"y".repeat(39)}…`);
    expect(snippetAround("no match here", ["apple"])).toBe("no match here");
  });

  it("ranks a sample, bounded, when a term matches more than BM25_MAX records: every term, exact name first", async () => {
    // The dataset 11 times (copy 0 keeps the real ids), published as the serving release.
    const COPIES = 11;
    expect(oracle("Qwen").length * COPIES).toBeGreaterThan(BM25_MAX);
    // "の" matches more records than are counted: the count stops at the cap.
    expect(oracle("の").length * COPIES).toBeGreaterThan(MAX_COUNTED + 1);
    const holdsAll = (texts: string[], text: string) =>
      queryTerms(text).every((t) => texts.some((x) => holds(x.toLowerCase(), t)));
    const partsOf = (h: SearchHitRow) => (JSON.parse(h.parts) as [string, string, string][]).map(([, , t]) => t);
    await withDataset(
      (data) => Object.assign(data, synthesize(structuredClone(d), COPIES)),
      async (big) => {
        const release = await currentVersion();
        const run = async (text: string, limit: number, kinds: Kind[] | null = null) => {
          const { results, meta } = await env.DB.prepare(searchSql(release))
            .bind(...searchParams(release, queryTerms(text), kinds, limit))
            .all<SearchHitRow>();
          return { results, rowsRead: meta.rows_read };
        };
        for (const [text, limit] of [
          ["Qwen", 10],
          ["Apple Alibaba", 10],
          ["苹果", 50],
          ["の", 10],
          ["ai", 10],
          ["Bacchus Intelligence", 10],
          ["阿里", 10],
        ] as const) {
          const terms = queryTerms(text);
          const matching = oracle(text).length * COPIES;
          const { results, rowsRead } = await run(text, limit);
          expect(results.length, text).toBe(Math.min(limit, matching));
          expect(results[0]?.total, text).toBe(Math.min(matching, MAX_COUNTED + 1));
          // When a term matches more than BM25_MAX records, the hits are the best of a sample.
          const widest = Math.max(...terms.map((t) => oracle(t).length * COPIES));
          expect(
            results.map((h) => h.sampled),
            text,
          ).toEqual(results.map(() => (widest > BM25_MAX ? 1 : 0)));
          // Every hit holds every term; best first; no hit twice.
          for (const h of results) expect(holdsAll(partsOf(h), text), `${text}: ${h.id}`).toBe(true);
          const scores = results.map((h) => h.score);
          expect(scores, text).toEqual([...scores].sort((a, b) => b - a));
          expect(new Set(results.map((h) => `${h.kind}/${h.id}`)).size, text).toBe(results.length);
          // Bounded reads: each term counted up to BM25_MAX + 1, the total up to MAX_COUNTED + 1, the sample and the
          // exact names (stepped over once per term as they are scored, and a few times more); not every match, not
          // the rows of the other releases.
          const bound =
            terms.length * (BM25_MAX + 1) + MAX_COUNTED + 1 + (terms.length + 6) * (Math.max(SAMPLE, limit) + limit);
          expect(rowsRead, text).toBeLessThanOrEqual(bound);
        }
        // An exact name or alias first, and each of its copies before any other record, those past the sample too.
        for (const [text, id] of [
          ["Qwen", "qwen"],
          ["Bacchus Intelligence", "baichuan-ai"],
          ["阿里", "alibaba-group"],
        ] as const) {
          const { results } = await run(text, COPIES);
          expect(
            results.map((h) => h.id),
            text,
          ).toEqual(Array.from({ length: COPIES }, (_, k) => `${id}${copySuffix(k)}`));
        }
        // `type=` holds in the sample too.
        const facts = await run("Qwen", 20, ["fact"]);
        expect(facts.results.length).toBe(20);
        expect(facts.results.every((h) => h.kind === "fact" && holdsAll(partsOf(h), "Qwen"))).toBe(true);
        expect(facts.results[0]?.total).toBe(
          big.facts.filter((f) => holdsAll([...Object.values(f.text), f.quote] as string[], "qwen")).length,
        );
        // A query no record answers: nothing, and no sample.
        expect((await run("Apple zzzz", 10)).results).toEqual([]);
        // The answer, whole: the exact name first, a bounded total.
        const { res, body } = await getDocumented<Results>(`/v1/search?${q("Qwen")}`);
        expect(res.status).toBe(200);
        expect(body.data[0]).toEqual({
          kind: "entity",
          id: "qwen",
          title: "Qwen (Tongyi Qianwen)",
          matched: { field: "alias", lang: "en", snippet: "**Qwen**" },
          score: expect.any(Number),
          href: `${BASE}/v1/entities/qwen`,
          fallback: [],
        });
        expect(body.meta).toMatchObject({ total: oracle("Qwen").length * COPIES, total_exact: true });
        const many = await getDocumented<Results>(`/v1/search?${q("の")}`);
        expect(many.body.meta).toMatchObject({ total: MAX_COUNTED, total_exact: false });
        expect(many.body.data.length).toBe(10);
      },
    );
    // The real size again: bm25, an exact total, reads bounded by the matches.
    const serving = await currentVersion();
    for (const text of ["Qwen", "Apple Alibaba", "a"]) {
      const terms = queryTerms(text);
      const { results, meta } = await env.DB.prepare(searchSql(serving))
        .bind(...searchParams(serving, terms, null, 10))
        .all<SearchHitRow>();
      expect(results[0]?.sampled, text).toBe(0);
      expect(results[0]?.total, text).toBe(oracle(text).length);
      const widest = Math.max(...terms.map((t) => oracle(t).length));
      expect(meta.rows_read, text).toBeLessThanOrEqual(terms.length * widest + oracle(text).length + widest + 10 + 2);
    }
  }, 120_000);
});
