import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { Localizer } from "../../lib/localize";
import { DEFAULT_LIMIT, decodeCursor, page } from "../../lib/pagination";
import { ProblemError } from "../../lib/problem";
import { absolute } from "../../lib/urls";
import * as q from "../../queries/entities";
import { citationsOf } from "../../queries/sources";
import { entityRef, presentEntities } from "../../present/entities";
import { collection, single } from "../../lib/envelope";
import type { getEntity, listEntities, listEntityRelations } from "./entities.routes";

/** The entity for a path id: itself, a 308 to its canonical URL, or a 404 with suggestions. */
async function resolve(c: Context<AppEnv>, id: string, suffix = "") {
  const db = c.get("db");
  const release = c.get("release").version;
  const row = await q.getEntity(db, release, id);
  if (row) return { row, redirect: "" };
  const canonical = await q.resolveEntityAlias(db, release, id);
  if (canonical) {
    const url = new URL(c.req.url);
    return { row: null, redirect: absolute(c, `/v1/entities/${canonical}${suffix}${url.search}`) };
  }
  throw new ProblemError("not-found", {
    detail: `No entity has the id "${id}".`,
    suggestions: await q.closeEntityIds(db, release, id),
  });
}

export const list: RouteHandler<typeof listEntities, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const limit = query.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor("entities", query.cursor, 1);
  const rows = await q.listEntities(c.get("db"), c.get("release").version, { ...query, cursor, limit });
  const p = page(c, "entities", rows, limit, (r) => [r.id]);
  return c.json(collection(c, await presentEntities(c, p.items), p, limit), 200);
};

export const get: RouteHandler<typeof getEntity, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const found = await resolve(c, id);
  if (!found.row) return c.redirect(found.redirect, 308);
  const [data] = await presentEntities(c, [found.row]);
  if (!data) throw new Error("unreachable: an entity row always presents");
  return c.json(single(c, data, `/v1/entities/${id}`), 200);
};

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

export const relations: RouteHandler<typeof listEntityRelations, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const found = await resolve(c, id, "/relations");
  if (!found.row) return c.redirect(found.redirect, 308);
  const db = c.get("db");
  const release = c.get("release").version;
  const rows = await q.relationsOf(db, release, id);
  const cites = await citationsOf(
    db,
    release,
    "relation",
    rows.map((r) => `${r.subjectId}|${r.type}|${r.objectId}`),
  );
  const l = new Localizer(c.get("lang"));
  const data = rows.map((r) => {
    const outgoing = r.subjectId === id;
    const otherId = outgoing ? r.objectId : r.subjectId;
    return {
      type: r.type,
      direction: outgoing ? ("outgoing" as const) : ("incoming" as const),
      label: outgoing ? r.type : (INVERSE[r.type] ?? r.type),
      subject: r.subjectId,
      object: r.objectId,
      other: entityRef(c, l, "other.name", { id: otherId, type: r.otherType, name: r.otherName }),
      note: l.text("note", r.note),
      sources: cites.get(`${r.subjectId}|${r.type}|${r.objectId}`) ?? [],
    };
  });
  return c.json(
    {
      data,
      meta: { release, lang: c.get("lang"), entity: id },
      links: { self: absolute(c, `/v1/entities/${id}/relations`) },
    },
    200,
  );
};
