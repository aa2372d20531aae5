import type { Context } from "hono";
import type { Lang } from "../dataset/schema";
import type { AppEnv } from "../env";
import { Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import { entitiesByIds, type EntityRow, namesOf, storiesOf } from "../queries/entities";

interface NameRow {
  entityId: string;
  lang: string;
  text: string;
  isAlias: boolean;
  note: string | null;
}

export function entityRef(
  c: Context<AppEnv>,
  l: Localizer,
  field: string,
  e: { id: string; type: string; name: EntityRow["name"] },
) {
  return { id: e.id, type: e.type, name: l.text(field, e.name), href: absolute(c, `/v1/entities/${e.id}`) };
}

export function presentEntity(c: Context<AppEnv>, row: EntityRow, names: NameRow[], stories: string[], lang: Lang) {
  const l = new Localizer(lang);
  return {
    id: row.id,
    type: row.type,
    name: l.text("name", row.name),
    names: { en: row.name.en, ja: row.name.ja ?? null, zh: row.name.zh ?? null },
    aliases: names.filter((n) => n.isAlias).map((n) => ({ text: n.text, lang: n.lang, note: n.note })),
    description: l.text("description", row.description),
    stories,
    url: row.url,
    href: absolute(c, `/v1/entities/${row.id}`),
    relations_href: absolute(c, `/v1/entities/${row.id}/relations`),
    fallback: l.fallback,
  };
}

/** Presents a page of entity rows: two queries (names, stories) whatever the page size. */
export async function presentEntities(c: Context<AppEnv>, rows: EntityRow[]) {
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const [names, stories] = ids.length
    ? await Promise.all([namesOf(db, release, ids), storiesOf(db, release, ids)])
    : [[], []];
  return rows.map((row) =>
    presentEntity(
      c,
      row,
      names.filter((n) => n.entityId === row.id),
      stories.filter((s) => s.entityId === row.id).map((s) => s.storyId),
      c.get("lang"),
    ),
  );
}

/** Full entity records for `included.entities`: three queries whatever the number of ids. */
export async function loadEntities(c: Context<AppEnv>, ids: Iterable<string>) {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return [];
  return presentEntities(c, await entitiesByIds(c.get("db"), c.get("release").version, unique));
}
