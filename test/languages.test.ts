/**
 * Languages as served: BCP 47 tag matching in `?lang=` and `Accept-Language`, `Content-Language` naming the
 * variant that answered, a `Vary` without repeats, and every text of every record in every served language
 * non-empty, without fallback, and set in its language's typography (the rules `data:check` applies to data/).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { toHant } from "../src/dataset/hant";
import { LANGS, type Lang } from "../src/dataset/schema";
import { typographyProblems } from "../src/dataset/validate";
import { matchLang, pickLang } from "../src/lib/lang";
import { request } from "./helpers";
import { getDocumented } from "./spec";

const d = env.TEST_DATASET;
const ENTITY = "alibaba-cloud";

/** Tag → served language key (`meta.lang`) and `Content-Language`. */
const TAGS: [tag: string, lang: Lang, contentLanguage: string][] = [
  ["en", "en", "en"],
  ["EN-us", "en", "en"],
  ["en-GB", "en", "en"],
  ["ja", "ja", "ja"],
  ["JA", "ja", "ja"],
  ["ja-JP", "ja", "ja"],
  ["zh", "zh", "zh-Hans"],
  ["ZH", "zh", "zh-Hans"],
  ["zh-CN", "zh", "zh-Hans"],
  ["zh-cn", "zh", "zh-Hans"],
  ["zh-SG", "zh", "zh-Hans"],
  ["zh-Hans", "zh", "zh-Hans"],
  ["zh-Hans-CN", "zh", "zh-Hans"],
  ["zh-hans-tw", "zh", "zh-Hans"],
  ["zh-TW", "zh-Hant", "zh-Hant"],
  ["zh-tw", "zh-Hant", "zh-Hant"],
  ["zh-HK", "zh-Hant", "zh-Hant"],
  ["zh-MO", "zh-Hant", "zh-Hant"],
  ["zh-Hant", "zh-Hant", "zh-Hant"],
  ["ZH-HANT", "zh-Hant", "zh-Hant"],
  ["zh-Hant-TW", "zh-Hant", "zh-Hant"],
  ["zh-Hant-CN", "zh-Hant", "zh-Hant"],
];

describe("language tags (BCP 47)", () => {
  it.each(TAGS)("?lang=%s answers %s (Content-Language %s)", async (tag, lang, contentLanguage) => {
    const { res, body } = await getDocumented<{ data: { name: string }; meta: { lang: string } }>(
      `/v1/entities/${ENTITY}?lang=${encodeURIComponent(tag)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Language")).toBe(contentLanguage);
    expect(body.meta.lang).toBe(lang);
    const names = (d.entities.find((e) => e.id === ENTITY) as (typeof d.entities)[number]).name;
    expect(body.data.name).toBe(lang === "zh-Hant" ? toHant(names.zh as string) : names[lang]);
  });

  it.each(TAGS)("Accept-Language: %s answers %s (Content-Language %s)", async (tag, lang, contentLanguage) => {
    const { res, body } = await getDocumented<{ meta: { lang: string } }>(`/v1/entities/${ENTITY}`, {
      headers: { "Accept-Language": tag },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Language")).toBe(contentLanguage);
    expect(body.meta.lang).toBe(lang);
  });

  it("honours q-values and skips ranges naming no served language", () => {
    expect(pickLang(undefined, "fr-FR, de;q=0.9, zh-TW;q=0.8, en;q=0.5")).toBe("zh-Hant");
    expect(pickLang(undefined, "en;q=0.2, zh-Hans;q=0.9")).toBe("zh");
    expect(pickLang(undefined, "ja;q=0, zh-HK")).toBe("zh-Hant");
    expect(pickLang(undefined, "*")).toBe("en");
    expect(pickLang(undefined, "fr, de")).toBe("en");
    expect(pickLang(undefined, "")).toBe("en");
    expect(pickLang("zh-TW", "ja")).toBe("zh-Hant");
    expect(pickLang(undefined, "zh_TW")).toBe("zh-Hant");
  });

  it("refuses a tag that names no served language, or is no tag", async () => {
    for (const bad of ["fr", "zh-", "-zh", "english", "*", "zh-Hant-TW-toolongsubtag"]) {
      expect(matchLang(bad), bad).toBeNull();
      const { res, body } = await getDocumented<{ errors: { parameter: string }[] }>(
        `/v1/entities/${ENTITY}?lang=${encodeURIComponent(bad)}`,
      );
      expect(res.status, bad).toBe(400);
      expect(body.errors[0]?.parameter).toBe("lang");
    }
  });

  it("lets ?lang= win over Accept-Language, and shares one cache entry between equivalent tags", async () => {
    const first = await request(`/v1/entities/${ENTITY}?lang=zh-TW`, { headers: { "Accept-Language": "ja" } });
    expect(first.headers.get("Content-Language")).toBe("zh-Hant");
    const a = await request(`/v1/entities/${ENTITY}`, { headers: { "Accept-Language": "zh-TW" } });
    const b = await request(`/v1/entities/${ENTITY}`, { headers: { "Accept-Language": "zh-Hant-HK" } });
    expect(a.headers.get("ETag")).toBe(b.headers.get("ETag"));
    expect(await a.text()).toBe(await b.text());
  });
});

describe("Vary", () => {
  const unique = (vary: string | null) => {
    const names = (vary ?? "").split(",").map((v) => v.trim().toLowerCase());
    expect(new Set(names).size, vary ?? "").toBe(names.length);
    return names;
  };

  it("names Accept and Accept-Language once each, on a 200, a cached 200 and a 304", async () => {
    const path = `/v1/facts/apple-selected-alibaba-china-ai-partner?lang=ja`;
    const first = await request(path);
    expect(unique(first.headers.get("Vary")).sort()).toEqual(["accept", "accept-language"]);
    const again = await request(path);
    expect(unique(again.headers.get("Vary")).sort()).toEqual(["accept", "accept-language"]);
    const notModified = await request(path, { headers: { "If-None-Match": first.headers.get("ETag") as string } });
    expect(notModified.status).toBe(304);
    expect(unique(notModified.headers.get("Vary")).sort()).toEqual(["accept", "accept-language"]);
  });
});

/** The served texts of a JSON record: every string but ids, links, enums, dates, verbatim quotes and Markdown. */
const NOT_TEXT = new Set([
  "id",
  "href",
  "url",
  "permalink",
  "relations_href",
  "type",
  "kind",
  "status",
  "metric",
  "unit",
  "verdict",
  "direction",
  "label",
  "subject_id",
  "value",
  "date",
  "as_of",
  "precision",
  "certainty",
  "language",
  "lang",
  "code",
  "formula",
  "quote",
  "phrase",
  "markdown",
  "aliases",
  "names",
  "figure",
  "figures",
  "sources",
  "citations",
  "events",
  "entities",
  "stories",
  "story",
  "partnership",
  "parties",
  "subject",
  "object",
  "budget",
  "model",
  "fallback",
  "inputs",
  "author",
]);

function textsOf(value: unknown, path: string, out: { path: string; text: string }[] = []) {
  if (typeof value === "string") out.push({ path, text: value });
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      textsOf(v, `${path}[${i}]`, out);
    });
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      // A citation's text and its sources' titles are texts; a subject or party is a reference with a name.
      if (k === "citation" && v && typeof v === "object") {
        const c = v as { text: string; sources: { title: string; publisher: string }[] };
        out.push({ path: `${path}.citation.text`, text: c.text });
        c.sources.forEach((s, i) => {
          out.push({ path: `${path}.citation.sources[${i}].title`, text: s.title });
          out.push({ path: `${path}.citation.sources[${i}].publisher`, text: s.publisher });
        });
      } else if (
        (k === "subject" || k === "other" || k === "publisher" || k === "device") &&
        v &&
        typeof v === "object"
      ) {
        textsOf((v as { name?: unknown }).name, `${path}.${k}.name`, out);
      } else if ((k === "participants" || k === "parties" || k === "entities") && Array.isArray(v)) {
        v.forEach((x, i) => {
          if (x && typeof x === "object") textsOf((x as { name?: unknown }).name, `${path}.${k}[${i}].name`, out);
        });
      } else if (!NOT_TEXT.has(k)) textsOf(v, path ? `${path}.${k}` : k, out);
    }
  }
  return out;
}

/** Every `fallback` list in a record, with where it is. */
function fallbacksOf(value: unknown, path: string, out: { path: string; fallback: unknown }[] = []) {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      fallbacksOf(v, `${path}[${i}]`, out);
    });
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "fallback") out.push({ path, fallback: v });
      else fallbacksOf(v, `${path}.${k}`, out);
    }
  }
  return out;
}

async function all(path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  let next: string | null = path;
  while (next) {
    const { res, body }: { res: Response; body: { data: unknown[]; links: { next: string | null } } } =
      await getDocumented(next.replace(/^https?:\/\/[^/]+/, ""));
    expect(res.status, next).toBe(200);
    out.push(...body.data);
    next = body.links.next;
  }
  return out;
}

describe("every text of every record, in every served language", () => {
  it.each([...LANGS])(
    "%s: non-empty, no fallback, typography of the language",
    async (lang) => {
      const records: { where: string; body: unknown }[] = [];
      const q = `lang=${lang}&limit=100`;
      for (const kind of ["stories", "sources", "entities", "figures", "budgets", "events", "facts"]) {
        for (const r of await all(`/v1/${kind}?${q}`))
          records.push({ where: `${kind}/${(r as { id: string }).id}`, body: r });
      }
      for (const p of d.partnerships) {
        const { body } = await getDocumented<{ data: unknown }>(`/v1/partnerships/${p.id}?lang=${lang}`);
        records.push({ where: `partnerships/${p.id}`, body: body.data });
      }
      for (const e of d.entities) {
        const { body } = await getDocumented<{ data: unknown[] }>(`/v1/entities/${e.id}/relations?lang=${lang}`);
        body.data.forEach((r, i) => {
          records.push({ where: `entities/${e.id}/relations[${i}]`, body: r });
        });
      }
      for (const b of d.budgets) {
        for (const m of d.entities.filter((e) => e.type === "model" && e.stories.includes(b.story))) {
          const { body } = await getDocumented<{ data: unknown }>(
            `/v1/budget-checks?model=${m.id}&budget=${b.id}&lang=${lang}`,
          );
          records.push({ where: `budget-checks/${m.id}|${b.id}`, body: body.data });
        }
      }
      const estimate = await getDocumented<{ data: unknown }>(
        `/v1/budget-estimate?parameters=2.2B&bits=FP16&lang=${lang}`,
      );
      records.push({ where: "budget-estimate", body: estimate.body.data });
      expect(records.length).toBeGreaterThan(150);

      const problems: string[] = [];
      let texts = 0;
      for (const { where, body } of records) {
        for (const { path, fallback } of fallbacksOf(body, "")) {
          if (!Array.isArray(fallback) || fallback.length > 0)
            problems.push(`${where}${path}: fallback ${JSON.stringify(fallback)}`);
        }
        for (const { path, text } of textsOf(body, "")) {
          texts++;
          if (text.trim() === "") problems.push(`${where} ${path}: empty`);
          for (const p of typographyProblems(lang, text)) problems.push(`${where} ${path}: ${p}`);
        }
      }
      expect(problems).toEqual([]);
      expect(texts).toBeGreaterThan(1000);
      // The rules bite: what a template got wrong before would be caught.
      if (lang !== "en") {
        expect(typographyProblems(lang, "出典:Gate, Kiki(2025-02)")).toHaveLength(1);
        expect(typographyProblems(lang, "约 4.4GB")).toHaveLength(1);
      }
    },
    120_000,
  );

  it("serves Traditional Chinese as OpenCC converts the Simplified text (Taiwan phrasing)", async () => {
    const f = d.facts.find((x) => x.id === "apple-selected-alibaba-china-ai-partner") as (typeof d.facts)[number];
    const { body } = await getDocumented<{ data: { text: string } }>(`/v1/facts/${f.id}?lang=zh-Hant`);
    expect(body.data.text).toBe(toHant(f.text.zh as string));
    expect(body.data.text).not.toBe(f.text.zh);
    expect(toHant("软件的内存和信息网络")).toBe("軟體的記憶體和資訊網路");
    expect(toHant("2.2B参数，“智能”")).toBe("2.2B參數，「智慧」");
  });
});
