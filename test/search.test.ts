import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, currentVersion, withDataset } from "./helpers";
import { getDocumented } from "./spec";

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
  meta: { release: string; lang: string; q: string; limit: number; total: number };
  links: { self: string };
}

const PATHS = { entity: "entities", fact: "facts", event: "events", source: "sources" } as const;

async function search(query: string) {
  const { res, body } = await getDocumented<Results>(`/v1/search?${query}`);
  expect(res.status, query).toBe(200);
  // Invariants of every answer: one hit per record, best first, consistent meta and links.
  const keys = body.data.map((h) => `${h.kind}/${h.id}`);
  expect(new Set(keys).size, query).toBe(keys.length);
  const scores = body.data.map((h) => h.score);
  expect(scores, query).toEqual([...scores].sort((a, b) => b - a));
  expect(body.meta.total).toBe(body.data.length);
  expect(body.data.length).toBeLessThanOrEqual(body.meta.limit);
  for (const h of body.data) {
    expect(h.href).toBe(`${BASE}/v1/${PATHS[h.kind]}/${h.id}`);
    expect(h.score).toBeGreaterThan(0);
  }
  return { res, body };
}
const q = (text: string, extra = "") => `q=${encodeURIComponent(text)}${extra}`;

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
      total: body.data.length,
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
    expect(two.body.meta.total).toBe(2);
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
      const { body } = await search(q(text, "&limit=50"));
      for (const h of body.data) expect(h.matched.snippet, text).toContain(`**${text}**`);
    }
    // `%` and `_` are not wildcards: every hit really contains them.
    for (const text of ["%", "_", "7%", "a_b"]) {
      const { body } = await search(q(text, "&limit=50"));
      for (const h of body.data) expect(h.matched.snippet, text).toContain(`**${text}**`);
    }
    const percent = await search(q("%", "&limit=50"));
    expect(percent.body.data.length).toBeGreaterThan(0);
    const none = await search(q("Qwen OR Baidu"));
    expect(none.body.data).toEqual([]);
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
});
