/**
 * What a permalink page (and its oEmbed card) shows: what is stored of the page, read with one keyed query,
 * completed by the documents it refers to, read with another (src/compose/pages.ts), its links made absolute
 * and the serving release set. A page stored whole by an earlier release is one query.
 */
import type { Context } from "hono";
import { withOrigin } from "../../compose/links";
import type { PageKind, PageView } from "../../compose/pages";
import type { AppEnv } from "../../env";
import { neighboursOf } from "../../lib/serve";
import { origin } from "../../lib/urls";
import { resolveDocument } from "../../queries/documents";
import { readView } from "../../queries/pages";
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
  const stored = await readView(d1, release, kind, id, c.get("lang"));
  if (stored) {
    const view = JSON.parse(withOrigin(JSON.stringify(stored), origin(c))) as PageView;
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
