/** Expected values computed from the dataset files, independently of the worker. */
import { env } from "cloudflare:workers";
import { withHant } from "../src/dataset/hant";
import { buildRelease } from "../src/dataset/release";
import { BASE } from "./helpers";

export type Lang = "en" | "ja" | "zh" | "zh-Hant";
type Localized = { en: string; ja?: string; zh?: string; "zh-Hant"?: string };
/** The dataset as served: Traditional Chinese derived from the Simplified text, as publishing does. */
const d = withHant(env.TEST_DATASET);
/** The version of the real dataset's release (what the setup publishes). */
const VERSION = (await buildRelease(env.TEST_DATASET)).version;

/** The pinned URL of a living link in the real dataset's release: `/facts/x`, `/v1/facts/x` → `/v1/releases/{v}/facts/x`. */
export const pinnedOf = (link: string) =>
  `${BASE}/v1/releases/${VERSION}/${link.slice(BASE.length).replace(/^\/(v1\/)?/, "")}`;

/** The ready citation the API must give, built from the dataset files (names and titles in `lang`). */
export function citationOf(statement: string, link: string, ids: string[], lang: Lang) {
  const cjk = (source: string, comma: string, list: string) => ({
    one: source,
    many: source,
    list,
    credit: (a: string | null, p: string, x: string) => (a ? `${a}（${p}${comma}${x}）` : `${p}（${x}）`),
    dash: "——",
    end: "。",
    gap: "",
    beforeLink: "。",
  });
  const w = {
    en: {
      one: "Source: ",
      many: "Sources: ",
      list: "; ",
      credit: (a: string | null, p: string, x: string) => (a ? `${a}, ${p} (${x})` : `${p} (${x})`),
      dash: " — ",
      end: ".",
      gap: " ",
      beforeLink: " · ",
    },
    ja: cjk("出典：", "、", "、"),
    zh: cjk("来源：", "，", "；"),
    "zh-Hant": cjk("來源：", "，", "；"),
  }[lang];
  const permalinkWord = { en: "permalink", ja: "パーマリンク", zh: "永久链接", "zh-Hant": "永久連結" }[lang];
  const sources = [...new Set(ids)].map((id) => {
    const s = d.sources.find((x) => x.id === id);
    const p = s && d.entities.find((x) => x.id === s.publisher);
    if (!s || !p) throw new Error(`no source ${id}`);
    const publisher = p.name as Localized;
    return {
      id,
      title: (s.title as Localized)[lang] ?? s.title.en,
      publisher: publisher[lang] ?? publisher.en,
      author: s.author ?? null,
      date: s.date,
      url: s.url ?? null,
      href: `${BASE}/v1/sources/${id}`,
    };
  });
  const label = sources.length === 1 ? w.one : w.many;
  const plain = sources.map((s) => w.credit(s.author, s.publisher, s.date)).join(w.list);
  const md = sources
    .map((s) => {
      const head = s.author ?? s.publisher;
      return `[${head}](${s.url ?? s.href})${w.credit(s.author, s.publisher, s.date).slice(head.length)}`;
    })
    .join(w.list);
  return {
    text: `${statement}${w.dash}${label}${plain}${w.end}${w.gap}${link}`,
    markdown: `> ${statement}\n\n${w.dash.trimStart()}${label}${md}${w.beforeLink}[${permalinkWord}](${link})`,
    permalink: link,
    pinned: pinnedOf(link),
    sources,
  };
}
