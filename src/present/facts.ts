import type { Context } from "hono";
import type { AppEnv } from "../env";
import { Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import { entitiesOfFacts, type FactRow, linksOfFacts } from "../queries/facts";
import { citationsOf } from "../queries/sources";
import { entityRef, loadEntities } from "./entities";
import { loadSources } from "./sources";

export type FactInclude = "sources" | "entities";

/** Presents a page of fact rows: three queries (entities, figure/event links, citations) whatever the page size. */
export async function presentFacts(c: Context<AppEnv>, rows: FactRow[]) {
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const [ents, links, cites] = ids.length
    ? await Promise.all([
        entitiesOfFacts(db, release, ids),
        linksOfFacts(db, release, ids),
        citationsOf(db, release, "fact", ids),
      ])
    : [[], [], new Map<string, string[]>()];
  return rows.map((row) => {
    const l = new Localizer(c.get("lang"));
    const text = l.text("text", row.text);
    const entities = ents
      .filter((e) => e.factId === row.id)
      .map((e) => ({ ...entityRef(c, l, "entities.name", e), type: e.type }));
    const mine = links.filter((x) => x.factId === row.id);
    return {
      id: row.id,
      text,
      topic: row.topic,
      status: row.status,
      entities,
      figures: mine.filter((x) => x.kind === "figure").map((x) => x.targetId),
      events: mine.filter((x) => x.kind === "event").map((x) => x.targetId),
      quote: row.quote,
      sources: cites.get(row.id) ?? [],
      story: row.storyId,
      href: absolute(c, `/v1/facts/${row.id}`),
      fallback: l.fallback,
    };
  });
}

export type FactOut = Awaited<ReturnType<typeof presentFacts>>[number];

/** `included` for `include=`: at most one query per kind, whatever the page size; undefined when not asked. */
export async function factIncluded(c: Context<AppEnv>, data: FactOut[], include: Set<FactInclude>) {
  if (include.size === 0) return undefined;
  const [sources, entities] = await Promise.all([
    include.has("sources")
      ? loadSources(
          c,
          data.flatMap((f) => f.sources),
        )
      : undefined,
    include.has("entities")
      ? loadEntities(
          c,
          data.flatMap((f) => f.entities.map((e) => e.id)),
        )
      : undefined,
  ]);
  return { ...(sources ? { sources } : {}), ...(entities ? { entities } : {}) };
}
