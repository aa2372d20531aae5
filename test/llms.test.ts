import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Dataset, Lang, Localized } from "../src/dataset/schema";
import { BASE, currentVersion, request } from "./helpers";
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
        Record<string, { summary: string; parameters?: { in: string; name: string; schema: { example?: string } }[] }>
      >;
    };
    expect(text.split("\n")[2]).toBe(`> ${flat(doc.info.description.split("\n\n")[0] as string)}`);
    const s = sections(text);
    const api = [...(s.get("API") as string[]), ...(s.get("Optional") as string[])];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op || path === "/llms.txt" || path === "/llms-full.txt") continue;
      const example = path.replace(/\{([^}]+)\}/g, (_, name) => {
        const p = op.parameters?.find((x) => x.in === "path" && x.name === name);
        return encodeURIComponent(String(p?.schema.example));
      });
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
