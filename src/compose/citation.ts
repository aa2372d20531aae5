/**
 * Ready-made citations for bots: a record's statement with its sources, as plain text and Markdown, with a
 * permalink. The one builder, used by every record kind and every representation.
 *
 * A source is credited author first, then publisher and date, so neither can be read as part of the other:
 * "Kiki, Gate (2025-02)" in English, 「Kiki（Gate，2025-02）」 in Chinese, 「Kiki（Gate、2025-02）」 in Japanese;
 * without an author, "The Information (2025-02)" / 「The Information（2025-02）」. Chinese and Japanese use
 * full-width punctuation and no space next to CJK text.
 */
import type { Lang } from "../dataset/schema";
import type { Citation } from "../lib/citation";

interface Words {
  source: string;
  sources: string;
  permalink: string;
  /** Between two sources. */
  list: string;
  /** An author's credit: the author, the publisher, the date. */
  credit: (author: string, publisher: string, date: string) => string;
  /** A credit without an author: the publisher and the date. */
  plain: (publisher: string, date: string) => string;
  end: string;
  /** Between the statement and the sources, and before the permalink. */
  dash: string;
  gap: string;
  /** Before the permalink in Markdown. */
  beforeLink: string;
}

const latin: Words = {
  source: "Source: ",
  sources: "Sources: ",
  permalink: "permalink",
  list: "; ",
  credit: (a, p, d) => `${a}, ${p} (${d})`,
  plain: (p, d) => `${p} (${d})`,
  end: ".",
  dash: " — ",
  gap: " ",
  beforeLink: " · ",
};
const chinese = (source: string, permalink: string): Words => ({
  source,
  sources: source,
  permalink,
  list: "；",
  credit: (a, p, d) => `${a}（${p}，${d}）`,
  plain: (p, d) => `${p}（${d}）`,
  end: "。",
  dash: "——",
  gap: "",
  beforeLink: "。",
});

/** The words around a citation, in each language. */
export const CITATION_WORDS: Record<Lang, Words> = {
  en: latin,
  ja: {
    source: "出典：",
    sources: "出典：",
    permalink: "パーマリンク",
    list: "、",
    credit: (a, p, d) => `${a}（${p}、${d}）`,
    plain: (p, d) => `${p}（${d}）`,
    end: "。",
    dash: "——",
    gap: "",
    beforeLink: "。",
  },
  zh: chinese("来源：", "永久链接"),
  "zh-Hant": chinese("來源：", "永久連結"),
};

/** What a citation needs of a source (a composed source, or one presented from the tables). */
export interface CitedSource {
  id: string;
  title: string;
  publisher: { name: string };
  author: string | null;
  date: { value: string };
  url: string | null;
  href: string;
}

/** One source's credit in `lang`, e.g. "Kiki, Gate (2025-02)". */
export function creditOf(s: { publisher: string; author: string | null; date: string }, lang: Lang): string {
  const w = CITATION_WORDS[lang] ?? CITATION_WORDS.en;
  return s.author ? w.credit(s.author, s.publisher, s.date) : w.plain(s.publisher, s.date);
}

/**
 * The citation of a statement in `lang`: the sources in the order given (author, publisher and date each), a
 * plain-text line and a Markdown block ready to paste, the living permalink and the pinned one (the record as
 * this release has it; callers that use only the text and Markdown may leave it out).
 */
export function citationOf(
  statement: string,
  link: string,
  sources: CitedSource[],
  lang: Lang,
  pinned = link,
): Citation {
  const w = CITATION_WORDS[lang] ?? CITATION_WORDS.en;
  const cited = sources.map((s) => ({
    id: s.id,
    title: s.title,
    publisher: s.publisher.name,
    author: s.author,
    date: s.date.value,
    url: s.url,
    href: s.href,
  }));
  const label = cited.length === 1 ? w.source : w.sources;
  const plain = cited.map((s) => creditOf(s, lang)).join(w.list);
  // Markdown links the credit's head (the author, or the publisher) to the source.
  const md = cited
    .map((s) => {
      const head = s.author ?? s.publisher;
      const credit = creditOf(s, lang);
      return `[${head}](${s.url ?? s.href})${credit.slice(head.length)}`;
    })
    .join(w.list);
  const said = statement.trim();
  return {
    text: cited.length ? `${said}${w.dash}${label}${plain}${w.end}${w.gap}${link}` : `${said}${w.gap}${link}`,
    markdown: `> ${said.replaceAll("\n", "\n> ")}\n\n${w.dash.trimStart()}${cited.length ? `${label}${md}${w.beforeLink}` : ""}[${w.permalink}](${link})`,
    permalink: link,
    pinned,
    sources: cited,
  };
}
