/** Composes budgets (limit profiles). */
import type { Lang } from "../dataset/schema";
import { Localizer } from "../lib/localize";
import { entityRef } from "./entities";
import { link } from "./links";
import type { ReleaseRows } from "./rows";

export function composeBudget(rows: ReleaseRows, id: string, lang: Lang) {
  const b = rows.budgets.get(id);
  if (!b) throw new Error(`unknown budget ${id}`);
  const l = new Localizer(lang);
  const owner = rows.entity(b.owner);
  const appliesTo = rows.entity(b.applies_to);
  return {
    id: b.id,
    name: l.text("name", b.name),
    description: l.text("description", b.description),
    owner: { ...entityRef(l, "owner.name", owner), type: owner.type },
    applies_to: { ...entityRef(l, "applies_to.name", appliesTo), type: appliesTo.type },
    limits: rows.limits(id).map((x) => ({ metric: x.metric, max: x.max, unit: x.unit, figure: x.figureId })),
    sources: rows.citesOf("budget", id),
    story: b.story,
    href: link(`/v1/budgets/${b.id}`),
    fallback: l.fallback,
  };
}
