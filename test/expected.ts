/** Expected values computed from the dataset files, independently of the worker. */
import { env } from "cloudflare:workers";
import { BASE } from "./helpers";

export type Lang = "en" | "ja" | "zh";
type Localized = { en: string; ja?: string; zh?: string };
const d = env.TEST_DATASET;

/** The ready citation the API must give, built from the dataset files (names and titles in `lang`). */
export function citationOf(statement: string, link: string, ids: string[], lang: Lang) {
  const w = {
    en: { one: "Source: ", many: "Sources: ", list: "; ", by: ", ", end: ".", date: (x: string) => ` (${x})` },
    ja: { one: "出典:", many: "出典:", list: "、", by: "・", end: "。", date: (x: string) => `(${x})` },
    zh: { one: "来源:", many: "来源:", list: ";", by: ",", end: "。", date: (x: string) => `(${x})` },
  }[lang];
  const permalinkWord = { en: "permalink", ja: "パーマリンク", zh: "永久链接" }[lang];
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
  const who = (s: (typeof sources)[number]) => `${s.publisher}${s.author ? `${w.by}${s.author}` : ""}`;
  const label = sources.length === 1 ? w.one : w.many;
  const plain = sources.map((s) => `${who(s)}${w.date(s.date)}`).join(w.list);
  const md = sources.map((s) => `[${who(s)}](${s.url ?? s.href})${w.date(s.date)}`).join(w.list);
  return {
    text: `${statement} — ${label}${plain}${w.end} ${link}`,
    markdown: `> ${statement}\n\n— ${label}${md} · [${permalinkWord}](${link})`,
    permalink: link,
    sources,
  };
}
