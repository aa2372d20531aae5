import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Dataset, Lang, Localized } from "../src/dataset/schema";
import { counted, firstSentence } from "../src/routes/llms/llms.markdown";
import { BASE, currentVersion, request, withDataset } from "./helpers";
import { spec } from "./spec";

const d = env.TEST_DATASET;
const pick = (t: Localized, lang: Lang) => t[lang] ?? t.en;
const flat = (s: string) => s.replace(/\s+/g, " ").trim();
const entity = (id: string) => d.entities.find((e) => e.id === id) as Dataset["entities"][number];
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

async function markdown(path: string, init?: RequestInit) {
  const res = await request(path, init);
  return { res, text: await res.text() };
}

/** The llms.txt sections: H2 title → its lines (blank lines dropped). */
function sections(text: string) {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("## ")) {
      current = [];
      out.set(line.slice(3), current);
    } else if (current && line.trim()) current.push(line);
  }
  return out;
}

const LINK = /^- \[(?:[^\]\\]|\\.)+\]\((https?:\/\/[^)\s]+)\): \S/;

describe("GET /llms.txt", () => {
  it("follows the llms.txt layout: H1, summary blockquote, then sections of links with notes", async () => {
    const { res, text } = await markdown("/llms.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("Content-Language")).toBe("en");
    const lines = text.split("\n");
    expect(lines[0]).toBe("# Alliance Facts API");
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(/^> \S.+/);
    // One H1; H2 sections in this order, Optional last; nothing but H2 below the intro.
    expect(lines.filter((l) => /^# /.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^#{3,} /.test(l))).toEqual([]);
    const s = sections(text);
    expect([...s.keys()]).toEqual(["API", "Stories", "Facts", "Entities", "Partnerships", "Optional"]);
    // The intro before the first section: paragraphs and lists, no headings.
    const intro = text.slice(0, text.indexOf("\n## "));
    expect(intro).toContain(`Release \`${await currentVersion()}\``);
    for (const [name, entries] of s) {
      expect(entries.length, name).toBeGreaterThan(0);
      for (const line of entries) expect(line, `${name}: ${line}`).toMatch(LINK);
    }
  });

  it("links every fact's permalink once, with its text as the note", async () => {
    const { text } = await markdown("/llms.txt");
    const facts = sections(text).get("Facts") as string[];
    expect(facts).toHaveLength(d.facts.length);
    for (const f of d.facts) {
      // Once in Facts (the API section may use a fact as the example of the permalink-page operation).
      expect(
        facts.filter((l) => l.includes(`(${BASE}/facts/${f.id})`)),
        f.id,
      ).toHaveLength(1);
      expect(facts).toContain(`- [${f.id}](${BASE}/facts/${f.id}): ${flat(f.text.en)} (${f.status})`);
    }
    const entities = sections(text).get("Entities") as string[];
    expect(entities).toHaveLength(d.entities.length);
    for (const e of d.entities) {
      expect(
        entities.filter((l) => l.includes(`(${BASE}/entities/${e.id})`)),
        e.id,
      ).toHaveLength(1);
    }
    const partnerships = sections(text).get("Partnerships") as string[];
    expect(partnerships).toHaveLength(d.partnerships.length);
    for (const p of d.partnerships) {
      expect(
        partnerships.filter((l) => l.includes(`(${BASE}/partnerships/${p.id})`)),
        p.id,
      ).toHaveLength(1);
      const line = partnerships.find((l) => l.includes(`(${BASE}/partnerships/${p.id})`));
      expect(line).toContain(`[${entity(p.parties[0]).name.en} × ${entity(p.parties[1]).name.en}: ${p.subject.en}]`);
    }
  });

  it("lists every GET operation of the spec, generated from it", async () => {
    const { text } = await markdown("/llms.txt");
    const doc = (await spec()) as unknown as {
      info: { description: string };
      paths: Record<
        string,
        Record<
          string,
          {
            summary: string;
            parameters?: { in: string; name: string; required?: boolean; schema: { example?: string } }[];
          }
        >
      >;
    };
    expect(text.split("\n")[2]).toBe(`> ${flat(doc.info.description.split("\n\n")[0] as string)}`);
    const s = sections(text);
    const api = [...(s.get("API") as string[]), ...(s.get("Optional") as string[])];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op || path === "/llms.txt" || path === "/llms-full.txt") continue;
      const filled = path.replace(/\{([^}]+)\}/g, (_, name) => {
        const p = op.parameters?.find((x) => x.in === "path" && x.name === name);
        return encodeURIComponent(String(p?.schema.example));
      });
      // Required query parameters come with their examples; a URL example names this origin.
      const query = (op.parameters ?? [])
        .filter((p) => p.in === "query" && p.required)
        .map((p) => `${p.name}=${encodeURIComponent(String(p.schema.example).replace("https://api.example", BASE))}`);
      const example = query.length ? `${filled}?${query.join("&")}` : filled;
      expect(
        api.filter((l) => l.startsWith(`- [${op.summary.replace(/([[\]\\])/g, "\\$1")}](${BASE}${example}): `)),
        path,
      ).toHaveLength(1);
    }
    expect(s.get("API")?.[0]).toMatch(new RegExp(`^- \\[OpenAPI document\\]\\(${BASE}/openapi\\.json\\): `));
    expect(s.get("Optional")?.[0]).toMatch(
      new RegExp(`^- \\[Full dataset in Markdown\\]\\(${BASE}/llms-full\\.txt\\): `),
    );
    expect(s.get("Optional")?.some((l) => l.includes(`(${BASE}/v1/export)`))).toBe(true);
  });

  it("links operations with required parameters by a working example, and the release by the serving one", async () => {
    const { text } = await markdown("/llms.txt");
    const version = await currentVersion();
    const lines = text.split("\n");
    const line = (summary: string) => lines.filter((l) => l.startsWith(`- [${summary}](`));
    expect(line("Check a model against a budget")).toEqual([
      `- [Check a model against a budget](${BASE}/v1/budget-checks?model=qwen-2-2b-pruned&budget=apple-core-ml-on-device-model-budget): The model's figures against each limit of the budget, metric by metric: the figure used (same metric and unit; measured preferred over reported, then the most specific, e.g. measured on a device), value, limit, difference, ratio, percent over and a verdict, with the sources of both sides.`,
    ]);
    expect(line("Estimate weight memory against a budget")).toEqual([
      `- [Estimate weight memory against a budget](${BASE}/v1/budget-estimate?parameters=2.2B&bits=FP16): Estimated memory for the weights of any model: parameters × bits ÷ 8 ÷ 10⁹ GB, judged against a budget's memory limit (by default the first budget, Apple's Core ML one: ≤ 1.5 GB).`,
    ]);
    expect(line("List budgets")).toEqual([
      `- [List budgets](${BASE}/v1/budgets): Limit profiles models are judged against, ordered by id — e.g. Apple's Core ML recommendation for on-device models (≤ 1.5 GB memory, ≤ 0.4 s first inference).`,
    ]);
    expect(line("Search")).toHaveLength(1);
    expect(line("Search")[0]).toMatch(new RegExp(`^- \\[Search\\]\\(${BASE}/v1/search\\?q=[^)&]+\\): Ranked hits `));
    expect(line("Get a release")).toEqual([
      `- [Get a release](${BASE}/v1/releases/${version}): One published release with the records it added, changed or removed against the release it replaced (ordered by kind, then id).`,
    ]);
    expect(line("List a release's changes")).toEqual([
      `- [List a release's changes](${BASE}/v1/releases/${version}/changes): Every record a published release added, changed or removed against the release it replaced, ordered by kind, then id, a page at a time: what \`/v1/releases/{version}\` and \`/v1/changes\` list only the first of.`,
    ]);
    expect(line("oEmbed card for a permalink")[0]).toMatch(
      `- [oEmbed card for a permalink](${BASE}/oembed?url=${encodeURIComponent(`${BASE}/facts/apple-selected-alibaba-china-ai-partner`)}): oEmbed 1.0 `,
    );
    expect(text).not.toContain("d8c110615b3e");
    // No note stops at an abbreviation.
    expect(lines.filter((l) => /\b(?:e\.g|i\.e)\.$/.test(l))).toEqual([]);
  });

  it("counts the release's records in words that agree with the numbers", async () => {
    const { text } = await markdown("/llms.txt");
    const d = env.TEST_DATASET;
    expect(d.stories).toHaveLength(1);
    expect(d.budgets).toHaveLength(1);
    const relations = d.entities.reduce((n, e) => n + e.relations.length, 0);
    expect(text).toContain(
      `): 1 story, ${d.entities.length} entities, ${d.sources.length} sources, ${d.figures.length} figures, 1 budget, ${d.partnerships.length} partnerships, ${d.events.length} events, ${d.facts.length} facts, ${relations} relations. `,
    );
    // With one of each: every kind in the singular.
    await withDataset(
      (x) => {
        x.facts = x.facts.slice(0, 1);
        x.events = x.events.filter((e) => e.id === x.events[0]?.id);
      },
      async () => {
        const one = await markdown("/llms.txt");
        expect(one.text).toMatch(/\): 1 story, \d+ entities, .*, 1 budget, .*, 1 event, 1 fact, \d+ relations\. /);
      },
    );
  });

  it("speaks the asked language and links the pages in it", async () => {
    const { res, text } = await markdown("/llms.txt?lang=ja");
    expect(res.headers.get("Content-Language")).toBe("ja");
    for (const f of d.facts) {
      expect(text).toContain(`- [${f.id}](${BASE}/facts/${f.id}?lang=ja): ${flat(pick(f.text, "ja"))} (${f.status})`);
    }
    const accept = await markdown("/llms.txt", { headers: { "Accept-Language": "zh" } });
    expect(accept.res.headers.get("Content-Language")).toBe("zh-Hans");
    expect(accept.text).toContain(`(${BASE}/entities/alibaba-group?lang=zh)`);
  });

  it("rejects unknown parameters", async () => {
    const res = await request("/llms.txt?format=json");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: "/problems/unknown-parameter", allowed: ["lang"] });
  });

  it("is cached per release (ETag, 304)", async () => {
    const first = await request("/llms.txt");
    const etag = first.headers.get("ETag") as string;
    expect(etag).toMatch(new RegExp(`^"${await currentVersion()}-`));
    const again = await request("/llms.txt", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });
});

describe("GET /llms-full.txt", () => {
  it("holds the whole dataset with citations, every fact once", async () => {
    const { res, text } = await markdown("/llms-full.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    const lines = text.split("\n");
    expect(lines[0]).toBe("# Alliance Facts API: full dataset");
    expect(lines[2]).toMatch(/^> \S/);
    for (const story of d.stories) expect(text).toContain(`## Story: ${flat(story.headline.en)}`);
    for (const f of d.facts) {
      expect(count(text, `${BASE}/facts/${f.id}`), f.id).toBe(1);
      // Its statement starts exactly one line (it may also be quoted inside other records' texts).
      expect(
        lines.filter((l) => l.startsWith(`- (${f.status}) ${flat(f.text.en)} — `)),
        f.id,
      ).toHaveLength(1);
      // The fact's line is its ready citation: status, statement, sources with publishers and dates, permalink.
      const line = lines.find((l) => l.includes(`${BASE}/facts/${f.id}`)) as string;
      expect(line.startsWith(`- (${f.status}) ${flat(f.text.en)} — `)).toBe(true);
      for (const s of f.sources) {
        const src = d.sources.find((x) => x.id === s) as Dataset["sources"][number];
        expect(line, f.id).toContain(
          src.author
            ? `${src.author}, ${entity(src.publisher).name.en} (${src.date})`
            : `${entity(src.publisher).name.en} (${src.date})`,
        );
      }
      expect(line.endsWith(`${BASE}/facts/${f.id}`)).toBe(true);
    }
    for (const e of d.entities) expect(text, e.id).toContain(`(\`${e.id}\`, ${e.type})`);
    for (const s of d.sources) expect(count(text, `- \`${s.id}\`: `), s.id).toBe(1);
    for (const f of d.figures) {
      expect(count(text, `- \`${f.id}\`: **${flat(f.display.en)}** (${f.value} ${f.unit})`), f.id).toBe(1);
    }
    for (const b of d.budgets) expect(count(text, `- \`${b.id}\`: `), b.id).toBe(1);
    for (const p of d.partnerships) {
      expect(count(text, `\`${p.id}\` <${BASE}/partnerships/${p.id}>`), p.id).toBe(1);
      for (const h of p.history)
        expect(text, p.id).toContain(`- ${h.date}: ${h.status.replaceAll("_", " ")}. ${flat(h.note.en)}`);
    }
    // Events by date.
    const events = lines.filter((l) => / `[a-z0-9-]+`: \*\*/.test(l) && /^- \d{4}/.test(l));
    expect(events).toHaveLength(d.events.length);
    const dates = events.map((l) => l.slice(2, l.indexOf(" ", 2)));
    expect(dates).toEqual([...dates].sort());
  });

  it("speaks the asked language", async () => {
    const { res, text } = await markdown("/llms-full.txt?lang=ja");
    expect(res.headers.get("Content-Language")).toBe("ja");
    for (const f of d.facts) {
      expect(count(text, `${BASE}/facts/${f.id}?lang=ja`), f.id).toBe(1);
      expect(text).toContain(flat(pick(f.text, "ja")));
    }
  });
});

describe("the notes' first sentences and counts", () => {
  it("end a first sentence at its full stop, not at an abbreviation, inside parentheses or in code", () => {
    expect(firstSentence("Limits, e.g. Apple's (≤ 1.5 GB). Each limit names a figure.")).toBe(
      "Limits, e.g. Apple's (≤ 1.5 GB).",
    );
    expect(firstSentence("The figure used (the most specific, e.g. measured. Or not), value. Next.")).toBe(
      "The figure used (the most specific, e.g. measured. Or not), value.",
    );
    expect(firstSentence("Matches `a. b` and i.e. c, etc. and more! Then.")).toBe(
      "Matches `a. b` and i.e. c, etc. and more!",
    );
    expect(firstSentence("AppleはアリババをAIパートナーに選んだ。両社は協力している。")).toBe(
      "AppleはアリババをAIパートナーに選んだ。",
    );
    expect(firstSentence("A sentence with\n  a line break. Another one.")).toBe("A sentence with a line break.");
    expect(firstSentence("No full stop at all")).toBe("No full stop at all");
    expect(firstSentence("2.2B parameters at FP16 need 4.4 GB.")).toBe("2.2B parameters at FP16 need 4.4 GB.");
  });

  it("say one story, two stories", () => {
    expect([
      counted(1, "stories"),
      counted(2, "stories"),
      counted(1, "entities"),
      counted(43, "entities"),
      counted(1, "budgets"),
      counted(0, "facts"),
      counted(1, "relations"),
    ]).toEqual(["1 story", "2 stories", "1 entity", "43 entities", "1 budget", "0 facts", "1 relation"]);
  });
});

describe("GET /llms-full.txt: entities of no story", () => {
  it("lists them after the stories, and in no story's section", () =>
    withDataset(
      (x) => {
        const e = x.entities.find((y) => y.id === "tencent");
        if (e) e.stories = [];
      },
      async () => {
        const { text } = await markdown("/llms-full.txt");
        const lines = text.split("\n");
        const other = lines.indexOf("## Other entities");
        expect(other).toBeGreaterThan(lines.findLastIndex((l) => l.startsWith("## Story: ")));
        const line = (l: string) => l.startsWith(`- **${entity("tencent").name.en}** (\`tencent\``);
        expect(lines.filter(line)).toHaveLength(1);
        expect(lines.findIndex(line)).toBeGreaterThan(other);
      },
    ));
});
