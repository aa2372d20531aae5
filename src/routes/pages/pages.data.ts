/**
 * What a permalink page (and its oEmbed card) shows: the view composed at publish (src/compose/pages.ts),
 * read with one keyed query, its links made absolute and the serving release set.
 */
import type { Context } from "hono";
import { withOrigin } from "../../compose/links";
import type { PageKind, PageView } from "../../compose/pages";
import type { AppEnv } from "../../env";
import { neighboursOf } from "../../lib/serve";
import { origin } from "../../lib/urls";
import { getDocument, resolveDocument } from "../../queries/documents";
import { closest, entityKeysOf } from "../../queries/entities";

export type {
  EntityView,
  FactView,
  PageKind,
  PageView,
  PartnershipView,
  Picture,
  Ref,
  SourceView,
} from "../../compose/pages";
export { PAGE_KINDS } from "../../compose/pages";

/** The outcome of a lookup: the view, a redirect to the canonical id, or not found with close ids. */
export type Loaded<V> = { view: V } | { redirect: string } | { missing: string[] };

const RECORD_KIND = { facts: "fact", entities: "entity", partnerships: "partnership" } as const;

export async function loadView(c: Context<AppEnv>, kind: PageKind, id: string): Promise<Loaded<PageView>> {
  const d1 = c.get("d1");
  const release = c.get("release").version;
  const row = await getDocument(d1, release, "page", `${kind}/${id}`, c.get("lang"));
  if (row) {
    const view = JSON.parse(withOrigin(row.body, origin(c))) as PageView;
    view.release = release;
    return { view };
  }
  if (kind === "entities") {
    const keys = entityKeysOf(id);
    const found = await resolveDocument(d1, release, "entity", keys, "en");
    const targets = [...new Set(keys.flatMap((k) => found.aliases.get(k) ?? []))];
    if (targets.length === 1 && targets[0] !== id) return { redirect: targets[0] as string };
  }
  return { missing: closest(id, await neighboursOf(c, RECORD_KIND[kind], id)) };
}
