import type { RouteHandler } from "@hono/zod-openapi";
import { sendCard } from "../../lib/cards";
import type { Context } from "hono";
import type { DocKind } from "../../compose";
import type { AppEnv } from "../../env";
import { orm } from "../../queries/common";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { collection, sendJson, single, suggestionsFor, listPage } from "../../lib/serve";
import { absolute, origin } from "../../lib/urls";
import { withOrigin } from "../../compose/links";
import { type DocRow, documentsByIds, resolveDocument } from "../../queries/documents";
import * as q from "../../queries/entities";
import type { getEntity, listEntities, listEntityRelations, getEntityCard } from "./entities.routes";

/**
 * The document for a path id (`kind` is entity or relations): itself, a 308 to its canonical URL (a former
 * id, an alias, a differently written name), or a 404 with suggestions. One keyed read.
 */
async function resolve(
  c: Context<AppEnv>,
  kind: DocKind,
  id: string,
  suffix = "",
): Promise<{ row: DocRow | null; redirect: string }> {
  const keys = q.entityKeysOf(id);
  const found = await resolveDocument(c.get("d1"), c.get("release").version, kind, keys, c.get("lang"), "entity");
  if (found.doc) return { row: found.doc, redirect: "" };
  const targets = [...new Set(keys.flatMap((k) => found.aliases.get(k) ?? []))];
  if (targets.length === 1) {
    const url = new URL(c.req.url);
    return { row: null, redirect: absolute(c, `/v1/entities/${targets[0]}${suffix}${url.search}`) };
  }
  throw new ProblemError("not-found", {
    detail: `No entity has the id "${id}".`,
    suggestions: await suggestionsFor(c, "entity", id),
  });
}

export const list: RouteHandler<typeof listEntities, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  if (!query.q) {
    return (await listPage(c, "entities", "entity", query, {
      filters: [
        { parameter: "type", facet: "type", value: query.type },
        { parameter: "story", facet: "story", value: query.story, names: "story" },
      ],
    })) as never;
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("entities", query.cursor, 1);
  const release = c.get("release").version;
  // A name search: the matching ids (one query over the names), then their documents (one keyed read).
  const ids = await q.listEntities(orm(c.get("d1")), release, { ...query, cursor, limit });
  const docs = await documentsByIds(c.get("d1"), release, c.get("lang"), { entity: ids.map((r) => r.id) });
  const rows = ids.map((r) => docs.find((d) => d.id === r.id)).filter((d): d is DocRow & { kind: string } => !!d);
  const p = page(c, "entities", rows, limit, (r) => [r.id]);
  return sendJson(
    c,
    collection(
      c,
      p.items.map((r) => r.body),
      p,
      limit,
    ),
  ) as never;
};

export const get: RouteHandler<typeof getEntity, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const found = await resolve(c, "entity", id);
  if (!found.row) return c.redirect(found.redirect, 308);
  return sendJson(c, single(c, found.row.body, `/v1/entities/${id}`)) as never;
};

export const relations: RouteHandler<typeof listEntityRelations, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const found = await resolve(c, "relations", id, "/relations");
  if (!found.row) return c.redirect(found.redirect, 308);
  const release = JSON.stringify(c.get("release").version);
  const self = JSON.stringify(`${origin(c)}/v1/entities/${id}/relations`);
  return sendJson(
    c,
    `{"data":${withOrigin(found.row.body, origin(c))},"meta":{"release":${release},"lang":${JSON.stringify(c.get("lang"))},"entity":${JSON.stringify(id)}},"links":{"self":${self}}}`,
  ) as never;
};

/** The share card (PNG). */
export const card: RouteHandler<typeof getEntityCard, AppEnv> = async (c) =>
  (await sendCard(c, "entities", c.req.valid("param").id)) as never;
