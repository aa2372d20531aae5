/**
 * Every link we publish resolves. The links of /llms.txt and /llms-full.txt (in each language), the /v1 index,
 * the front door, the Atom feed and every permalink page (each fact, entity and partnership: every href and
 * src of the HTML, and every URL of this origin anywhere in it) are followed: each must answer 2xx, or 308 to
 * a URL that answers 2xx (an alias); a fragment must name an element of its page; a path of public/ is a
 * static file wrangler serves before the worker. Links to other origins cannot be followed offline: they are
 * required to be https URLs.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, request } from "./helpers";

const d = env.TEST_DATASET;

/** URLs of this origin (absolute or root-relative) and of other origins, by where each was found. */
interface Links {
  own: Map<string, Set<string>>;
  other: Map<string, Set<string>>;
  fragments: string[];
}

const found = (): Links => ({ own: new Map(), other: new Map(), fragments: [] });

function add(links: Links, url: string, where: string) {
  if (url.startsWith("data:")) return;
  if (url.startsWith("#")) {
    links.fragments.push(url);
    return;
  }
  const absolute = url.startsWith("/") ? `${BASE}${url}` : url;
  const bucket = absolute.startsWith(`${BASE}/`) || absolute === BASE ? links.own : links.other;
  const set = bucket.get(absolute) ?? new Set<string>();
  set.add(where);
  bucket.set(absolute, set);
}

/** Every http(s) URL in a text (Markdown links, autolinks, bare URLs), trailing punctuation dropped. */
const URLS = /https?:\/\/[^\s<>()[\]"'`]+/g;
const textLinks = (text: string) => [...text.matchAll(URLS)].map((m) => m[0].replace(/[.,;:]+$/, ""));

const unescapeHtml = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? _,
  );

/** href and src attributes, and every URL of this origin anywhere else in the page (meta tags, JSON-LD). */
function htmlLinks(html: string): string[] {
  const attributes = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => unescapeHtml(m[1] as string));
  const elsewhere = textLinks(unescapeHtml(html)).filter((u) => u.startsWith(`${BASE}/`));
  return [...attributes, ...elsewhere];
}

/** Every string of a JSON value that is a URL. */
function jsonLinks(value: unknown): string[] {
  if (typeof value === "string") return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(jsonLinks);
  if (value && typeof value === "object") return Object.values(value).flatMap(jsonLinks);
  return [];
}

async function fetched(path: string, init?: RequestInit) {
  const res = await request(path, init);
  expect(res.status, path).toBe(200);
  return res.text();
}

/** What a link answers: "ok", or why not. Results are shared by every surface that links the same URL. */
const verdicts = new Map<string, Promise<string>>();
function check(url: string): Promise<string> {
  let verdict = verdicts.get(url);
  if (!verdict) {
    verdict = resolve(url);
    verdicts.set(url, verdict);
  }
  return verdict;
}

async function resolve(url: string): Promise<string> {
  const path = url.slice(BASE.length) || "/";
  if (env.TEST_PUBLIC_FILES.includes(new URL(url).pathname)) return "ok";
  // Redirects are not followed here: only a 308 (an alias or a former id) is a documented redirect.
  const res = await request(path, { redirect: "manual" });
  await res.arrayBuffer();
  if (res.status >= 200 && res.status < 300) return "ok";
  if (res.status === 308) {
    const location = res.headers.get("Location") ?? "";
    if (!location.startsWith(`${BASE}/`)) return `308 to ${location}, not an absolute URL of this origin`;
    const next = await request(location.slice(BASE.length), { redirect: "manual" });
    await next.arrayBuffer();
    return next.status >= 200 && next.status < 300 ? "ok" : `308 to ${location}, which answers ${next.status}`;
  }
  return `${res.status}`;
}

/** Follows every link; returns the ones that fail, with where they were found. */
async function broken(links: Links): Promise<string[]> {
  const out: string[] = [];
  const own = [...links.own];
  // A few at a time: the requests overlap their I/O, and the order of the report stays the links' order.
  for (let i = 0; i < own.length; i += 8) {
    const batch = own.slice(i, i + 8);
    const verdicts = await Promise.all(batch.map(([url]) => check(url)));
    batch.forEach(([url, where], j) => {
      if (verdicts[j] !== "ok") out.push(`${url} → ${verdicts[j]} (in ${[...where].slice(0, 3).join(", ")})`);
    });
  }
  for (const [url, where] of links.other) {
    if (!/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(?:\/\S*)?$/.test(url))
      out.push(`${url}: not an https URL (in ${[...where][0]})`);
  }
  return out;
}

/** Hundreds of requests, on a shared machine. */
const SLOW = { timeout: 120_000 };

describe("every link we publish resolves", () => {
  it("the checker itself catches a dead link, a bad redirect target and a missing static file", async () => {
    const links = found();
    add(links, `${BASE}/v1/releases/d8c110615b3e`, "test");
    add(links, `${BASE}/v1/search`, "test");
    add(links, "/missing.css", "test");
    add(links, `${BASE}/v1/entities/aliyun`, "test");
    add(links, "/pages.css", "test");
    add(links, "http://insecure.example/x", "test");
    expect(await check(`${BASE}/v1/entities/aliyun`)).toBe("ok");
    // The worker's 308 itself is what is judged (not a followed redirect).
    expect((await request("/v1/entities/aliyun", { redirect: "manual" })).status).toBe(308);
    expect(await broken(links)).toEqual([
      `${BASE}/v1/releases/d8c110615b3e → 404 (in test)`,
      `${BASE}/v1/search → 400 (in test)`,
      `${BASE}/missing.css → 404 (in test)`,
      "http://insecure.example/x: not an https URL (in test)",
    ]);
  });

  for (const path of ["/llms.txt", "/llms.txt?lang=ja", "/llms-full.txt", "/llms-full.txt?lang=zh"]) {
    it(`${path}: every URL in it`, SLOW, async () => {
      const links = found();
      for (const url of textLinks(await fetched(path))) add(links, url, path);
      // The operations, and every story, fact, entity and partnership (llms.txt) or source and fact (full).
      expect(links.own.size).toBeGreaterThan(path.startsWith("/llms.txt") ? 150 : 100);
      expect(await broken(links)).toEqual([]);
    });
  }

  it("the /v1 index and the front door: every URL in their bodies", SLOW, async () => {
    const links = found();
    for (const path of ["/v1", "/"]) {
      const res = await request(path, { headers: { Accept: "application/json" } });
      expect(res.status, path).toBe(200);
      for (const url of jsonLinks(await res.json())) add(links, url, path);
    }
    // Nine collections, the release, the spec, the docs, search, health, llms.txt.
    expect(links.own.size).toBeGreaterThanOrEqual(15);
    expect([...links.own.keys()]).toContain(`${BASE}/v1/releases`);
    expect(await broken(links)).toEqual([]);
  });

  it("the Atom feed: every href and id", SLOW, async () => {
    const links = found();
    const atom = await fetched("/v1/changes.atom");
    for (const m of atom.matchAll(/\shref="([^"]*)"|<id>([^<]*)<\/id>/g))
      add(links, unescapeHtml((m[1] ?? m[2]) as string), "atom");
    expect([...links.own.keys()].filter((u) => u.includes("/v1/releases/")).length).toBeGreaterThanOrEqual(1);
    expect(await broken(links)).toEqual([]);
  });

  describe("the permalink pages: every href in the HTML", () => {
    const pages = [
      ...d.facts.map((f) => `/facts/${f.id}`),
      ...d.entities.map((e) => `/entities/${e.id}`),
      ...d.partnerships.map((p) => `/partnerships/${p.id}`),
    ];
    const links = found();
    const missingFragments: string[] = [];

    beforeAll(async () => {
      for (const page of [...pages, `${pages[0]}?lang=ja`]) {
        const html = await fetched(page);
        for (const url of htmlLinks(html)) {
          add(links, url, page);
          if (url.startsWith("#") && !html.includes(` id="${url.slice(1)}"`)) missingFragments.push(`${page} ${url}`);
        }
      }
    }, SLOW.timeout);

    it("links of this origin answer 2xx (or 308 to a 2xx); fragments name an element", SLOW, async () => {
      expect(pages).toHaveLength(d.facts.length + d.entities.length + d.partnerships.length);
      // Sources, records, languages, the stylesheet, oEmbed, the spec, the docs, llms.txt.
      expect(links.own.size).toBeGreaterThan(pages.length * 3);
      expect([...links.own.keys()]).toContain(`${BASE}/pages.css`);
      expect(links.fragments.length).toBeGreaterThan(0);
      expect(missingFragments).toEqual([]);
      expect(await broken(links)).toEqual([]);
    });
  });
});
