/** Composes entities and their relations. */
import type { Entity, Lang } from "../dataset/schema";
import { Localizer } from "../lib/localize";
import { link } from "./links";
import { binary, type ReleaseRows } from "./rows";

/** A reference to an entity: id, type, name in the Localizer's language, and its URL. */
export function entityRef(l: Localizer, field: string, e: Pick<Entity, "id" | "type" | "name">) {
  return { id: e.id, type: e.type, name: l.text(field, e.name), href: link(`/v1/entities/${e.id}`) };
}

/** The aliases an entity is found by: each (language, text) once, names excluded, by language then text. */
function aliasesOf(e: Entity) {
  const seen = new Set(Object.entries(e.name).map(([lang, text]) => `${lang}\u0000${text}`));
  const out: { text: string; lang: string; note: string | null }[] = [];
  for (const a of e.aliases) {
    const key = `${a.lang}\u0000${a.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: a.text, lang: a.lang, note: a.note ?? null });
  }
  return out.sort((a, b) => binary(a.lang, b.lang) || binary(a.text, b.text));
}

export function composeEntity(rows: ReleaseRows, id: string, lang: Lang) {
  const e = rows.entity(id);
  const l = new Localizer(lang);
  return {
    id: e.id,
    type: e.type,
    name: l.text("name", e.name),
    names: { en: e.name.en, ja: e.name.ja ?? null, zh: e.name.zh ?? null, "zh-Hant": e.name["zh-Hant"] ?? null },
    aliases: aliasesOf(e),
    description: l.text("description", e.description),
    stories: [...new Set(e.stories)].sort(binary),
    url: e.url ?? null,
    href: link(`/v1/entities/${e.id}`),
    relations_href: link(`/v1/entities/${e.id}/relations`),
    fallback: l.fallback,
  };
}

const INVERSE: Record<string, string> = {
  subsidiary_of: "parent_of",
  product_of: "has_product",
  founder_of: "founded_by",
  executive_of: "led_by",
  competitor_of: "competitor_of",
  partner_of: "partner_of",
  derived_from: "source_of",
  issued_by: "issuer_of",
  publisher_of: "published_by",
  author_at: "has_author",
  located_in: "location_of",
};

/** Every relation in which the entity is subject or object, by type then the other entity's id. */
export function composeRelations(rows: ReleaseRows, id: string, lang: Lang) {
  const found = [...rows.relationsOf(id)];
  const other = (r: (typeof found)[number]) => (r.subjectId === id ? r.objectId : r.subjectId);
  found.sort((a, b) => binary(a.type, b.type) || binary(other(a), other(b)));
  return found.map((r) => {
    const outgoing = r.subjectId === id;
    // Each relation is a record of its own: its own fallback list.
    const l = new Localizer(lang);
    return {
      type: r.type,
      direction: outgoing ? ("outgoing" as const) : ("incoming" as const),
      label: outgoing ? r.type : (INVERSE[r.type] ?? r.type),
      subject: r.subjectId,
      object: r.objectId,
      other: entityRef(l, "other.name", rows.entity(other(r))),
      note: l.text("note", r.note),
      sources: rows.citesOf("relation", `${r.subjectId}|${r.type}|${r.objectId}`),
      fallback: l.fallback,
    };
  });
}

export type EntityDoc = ReturnType<typeof composeEntity>;

export type RelationsDoc = ReturnType<typeof composeRelations>;
