/** Composes stories. */
import type { Lang } from "../dataset/schema";
import { dateOf, Localizer } from "../lib/localize";
import { link } from "./links";
import { precisionOf, type ReleaseRows } from "./rows";

export function composeStory(rows: ReleaseRows, id: string, lang: Lang) {
  const s = rows.stories.get(id);
  if (!s) throw new Error(`unknown story ${id}`);
  const l = new Localizer(lang);
  return {
    id: s.id,
    headline: l.text("headline", s.headline),
    summary: l.text("summary", s.summary),
    date: dateOf(s.date, precisionOf(s.date), s.certainty, s.phrase),
    sources: rows.citesOf("story", s.id),
    href: link(`/v1/stories/${s.id}`),
    fallback: l.fallback,
  };
}

export type StoryDoc = ReturnType<typeof composeStory>;
