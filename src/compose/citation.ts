/**
 * Ready-made citations for bots: a record's statement with its sources, as plain text and Markdown, with a
 * permalink. The one builder, used by every record kind and every representation.
 */
import type { Lang } from "../dataset/schema";
import type { Citation } from "../lib/citation";
import type { SourceDoc } from "./sources";

/** The words around a citation, in each language. */
const WORDS: Record<
  Lang,
  {
    source: string;
    sources: string;
    permalink: string;
    list: string;
    by: string;
    end: string;
    date: (d: string) => string;
  }
> = {
  en: {
    source: "Source: ",
    sources: "Sources: ",
    permalink: "permalink",
    list: "; ",
    by: ", ",
    end: ".",
    date: (d) => ` (${d})`,
  },
  ja: {
    source: "出典:",
    sources: "出典:",
    permalink: "パーマリンク",
    list: "、",
    by: "・",
    end: "。",
    date: (d) => `(${d})`,
  },
  zh: {
    source: "来源:",
    sources: "来源:",
    permalink: "永久链接",
    list: ";",
    by: ",",
    end: "。",
    date: (d) => `(${d})`,
  },
};

/**
 * The citation of a statement in `lang`: the sources in the order given (publisher, author and date each), a
 * plain-text line and a Markdown block ready to paste, and the permalink.
 */
export function citationOf(statement: string, link: string, sources: SourceDoc[], lang: Lang): Citation {
  const w = WORDS[lang] ?? WORDS.en;
  const cited = sources.map((s) => ({
    id: s.id,
    title: s.title,
    publisher: s.publisher.name,
    author: s.author,
    date: s.date.value,
    url: s.url,
    href: s.href,
  }));
  const who = (s: (typeof cited)[number]) => `${s.publisher}${s.author ? `${w.by}${s.author}` : ""}`;
  const label = cited.length === 1 ? w.source : w.sources;
  const plain = cited.map((s) => `${who(s)}${w.date(s.date)}`).join(w.list);
  const md = cited.map((s) => `[${who(s)}](${s.url ?? s.href})${w.date(s.date)}`).join(w.list);
  const said = statement.trim();
  return {
    text: cited.length ? `${said} — ${label}${plain}${w.end} ${link}` : `${said} ${link}`,
    markdown: `> ${said.replaceAll("\n", "\n> ")}\n\n— ${cited.length ? `${label}${md} · ` : ""}[${w.permalink}](${link})`,
    permalink: link,
    sources: cited,
  };
}
