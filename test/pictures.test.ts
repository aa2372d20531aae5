/**
 * The pictures: the partnership timeline of a story and the chart of a budget check, as SVG. Each parses as
 * XML, carries its <title> and <desc>, runs nothing, is served in every language, is release-bound like every
 * answer, and is embedded in the pages that show it.
 */
import { env } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { withHant } from "../src/dataset/hant";
import { LANGS, type Lang } from "../src/dataset/schema";
import { LABELS } from "../src/lib/labels";
import { WORDS } from "../src/render/words";
import { BASE, currentVersion, request, tagOf } from "./helpers";
import { expectDocumented } from "./spec";

const d = withHant(env.TEST_DATASET);
const STORY = "apple-alibaba-ai-alliance-china";
const MODEL = "qwen-2-2b-pruned";
const BUDGET = "apple-core-ml-on-device-model-budget";
const q = (lang: Lang) => (lang === "en" ? "" : `?lang=${lang}`);
const amp = (lang: Lang) => (lang === "en" ? "" : `&lang=${lang}`);
const pick = (t: Partial<Record<Lang, string>> & { en: string }, lang: Lang) => t[lang] ?? t.en;
const entityName = (id: string, lang: Lang) => pick(d.entities.find((e) => e.id === id)?.name ?? { en: id }, lang);

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", htmlEntities: true });
const escHtml = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

/** Every text of an SVG (text, tspan, title), in document order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === "string" || typeof node === "number") out.push(String(node));
  else if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node as Node)) if (!k.startsWith("@")) texts(v, out);
  }
  return out;
}

/** Fetches a picture, checks what every picture must be, and returns its parsed root and raw text. */
async function picture(path: string, lang: Lang) {
  const res = await request(path);
  const body = await res.text();
  expect(res.status, path).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
  expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(res.headers.get("Content-Language")).toBe(tagOf(lang));
  expect(res.headers.get("ETag")).toMatch(new RegExp(`^"${await currentVersion()}-[0-9a-f]+"$`));
  expect(res.headers.get("Cache-Control")).toContain("public");
  expect(res.headers.get("Cache-Tag")).toContain(`release:${await currentVersion()}`);
  expect(XMLValidator.validate(body), path).toBe(true);
  // Nothing runs, nothing is styled inline, nothing is loaded.
  expect(body).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=|<foreignObject|href=/i);
  await expectDocumented(path, res, body);
  const root = (parser.parse(body) as { svg: Node }).svg;
  expect(root["@role"]).toBe("img");
  expect(root["@xml:lang"]).toBe(tagOf(lang));
  expect(root["@aria-labelledby"]).toMatch(/-title .+-desc$/);
  return { root, body, etag: res.headers.get("ETag") as string };
}

describe("GET /v1/stories/{id}/timeline.svg", () => {
  const story = d.stories.find((s) => s.id === STORY);
  const lanes = d.partnerships.filter((p) => p.story === STORY);

  it.each(LANGS)("draws every partnership of the story in %s, with its history as text", async (lang) => {
    const { root } = await picture(`/v1/stories/${STORY}/timeline.svg${q(lang)}`, lang);
    const W = WORDS[lang];
    const L = LABELS[lang];
    expect(root.title).toMatchObject({
      "#text": `${W.timeline}${W.colon}${pick(story?.headline ?? { en: "" }, lang)}`,
    });
    const desc = String((root.desc as Node)["#text"]).split("\n");
    expect(desc).toHaveLength(lanes.length);
    const all = texts(root.g);
    for (const p of lanes) {
      const names = `${entityName(p.parties[0], lang)} × ${entityName(p.parties[1], lang)}`;
      const line = desc.find((x) => x.startsWith(`${names}${W.colon}`));
      expect(line, names).toBeDefined();
      // Every status change, with its date, precision and certainty, then the status now.
      for (const h of p.history) {
        const precision = h.date.length === 4 ? "year" : h.date.length === 7 ? "month" : "day";
        expect(line).toContain(
          `${L.partnershipStatus[h.status]} ${h.date}${W.paren(`${W.precisions[precision]}${W.comma}${W.certainties[h.certainty]}`)}`,
        );
      }
      expect(line).toContain(`${W.now}${W.colon}${L.partnershipStatus[p.status]}`);
      expect(all).toContain(names);
    }
    // Alibaba's selection is the one that stands: its lane alone is emphasized.
    const chosen = desc.filter((x) => x.endsWith(W.paren(W.chosen)));
    expect(chosen).toEqual([
      expect.stringContaining(`${entityName("apple", lang)} × ${entityName("alibaba-group", lang)}`),
    ]);
  });

  it("answers 304 to its ETag and varies by language", async () => {
    const en = await picture(`/v1/stories/${STORY}/timeline.svg`, "en");
    const ja = await picture(`/v1/stories/${STORY}/timeline.svg?lang=ja`, "ja");
    expect(ja.etag).not.toBe(en.etag);
    const again = await request(`/v1/stories/${STORY}/timeline.svg`, { headers: { "If-None-Match": en.etag } });
    expect(again.status).toBe(304);
  });

  it("is a 404 problem with close ids for an unknown story, a 400 for an unknown parameter", async () => {
    const res = await request("/v1/stories/apple-alibaba-ai-alliance/timeline.svg");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      type: "/problems/not-found",
      detail: 'No story has the id "apple-alibaba-ai-alliance".',
      suggestions: [STORY],
    });
    const bad = await request(`/v1/stories/${STORY}/timeline.svg?width=3`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ parameter: "width", in: "query" }] });
  });
});

describe("GET /v1/budget-checks.svg", () => {
  it.each(LANGS)("charts each metric against its limit and both memory figures in %s", async (lang) => {
    const path = `/v1/budget-checks.svg?model=${MODEL}&budget=${BUDGET}${amp(lang)}`;
    const { root } = await picture(path, lang);
    const json = (await (await request(`/v1/budget-checks?model=${MODEL}&budget=${BUDGET}${amp(lang)}`)).json()) as {
      data: {
        summary: string;
        verdict: "exceeds";
        model: { name: string };
        budget: { name: string };
        checks: { display: string; other_figures: { display: string }[] }[];
        consistency: { message: string }[];
      };
    };
    const check = json.data;
    const W = WORDS[lang];
    expect(root.title).toMatchObject({
      "#text": `${W.chart}${W.colon}${check.model.name} ${W.vs} ${check.budget.name}`,
    });
    const desc = String((root.desc as Node)["#text"]);
    expect(desc.split("\n")[0]).toBe(check.summary);
    expect(check.consistency).toHaveLength(1);
    expect(desc).toContain(check.consistency[0]?.message);
    const all = texts(root).join("\n");
    expect(all).toContain(`${W.verdict}${W.colon}${W.verdicts.exceeds}`);
    expect(all).toContain("4.4 GB ≠ 2.1 GB");
    expect(all).toContain(`${W.limit} ≤ 1.5 GB`);
    expect(all).toContain(`${W.limit} ≤ 0.4 s`);
    for (const c of check.checks) {
      expect(all).toContain(c.display);
      for (const o of c.other_figures) expect(all).toContain(o.display);
    }
  });

  it("takes what /v1/budget-checks takes: an alias of the model, the same errors", async () => {
    const canonical = await picture(`/v1/budget-checks.svg?model=${MODEL}&budget=${BUDGET}`, "en");
    const alias = await picture(`/v1/budget-checks.svg?model=qwen-2.2b&budget=${BUDGET}`, "en");
    expect(alias.body).toBe(canonical.body);
    const unknown = await request(`/v1/budget-checks.svg?model=qwen-2b&budget=${BUDGET}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ parameter: "model", in: "query" }] });
    const missing = await request(`/v1/budget-checks.svg?model=${MODEL}`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ errors: [{ parameter: "budget", in: "query" }] });
    const notModel = await request(`/v1/budget-checks.svg?model=iphone-15-pro&budget=${BUDGET}`);
    expect(notModel.status).toBe(400);
  });
});

describe("pages embed the pictures", () => {
  const img = (html: string) => [...html.matchAll(/<img src="([^"]+)" alt="([^"]*)"/g)].map((m) => [m[1], m[2]]);

  it.each(LANGS)("a partnership page shows its story's timeline (%s)", async (lang) => {
    const res = await request(`/partnerships/apple-alibaba-apple-intelligence-china${q(lang)}`);
    const html = await res.text();
    const W = WORDS[lang];
    const headline = pick(d.stories.find((s) => s.id === STORY)?.headline ?? { en: "" }, lang);
    expect(img(html)).toEqual([
      [`${BASE}/v1/stories/${STORY}/timeline.svg${q(lang)}`, escHtml(`${W.timeline}${W.colon}${headline}`)],
    ]);
  });

  it.each(LANGS)("a model's page shows its budget checks as charts (%s)", async (lang) => {
    const html = await (await request(`/entities/${MODEL}${q(lang)}`)).text();
    const json = (await (await request(`/v1/budget-checks?model=${MODEL}&budget=${BUDGET}${amp(lang)}`)).json()) as {
      data: { summary: string };
    };
    expect(img(html)).toEqual([
      [
        `${BASE}/v1/budget-checks.svg?model=${MODEL}&amp;budget=${BUDGET}${amp(lang).replace("&", "&amp;")}`,
        escHtml(json.data.summary),
      ],
    ]);
    // Other entities have no chart.
    expect(img(await (await request(`/entities/apple${q(lang)}`)).text())).toEqual([]);
  });
});
