import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { buildClaimBase, factOf, leanEntity, leanFact, leanFigure } from "../../claims/base";
import { type ClaimBase, type ClaimReading, checkClaim, factLookup, readClaim } from "../../claims/check";
import type { DocKind } from "../../compose";
import type { AppEnv } from "../../env";
import { sendJson } from "../../lib/serve";
import { absolute, origin } from "../../lib/urls";
import { offered, sendAs } from "../../middleware/negotiate";
import { documentsByIds, fieldColumns, type ListFilter, listDocuments } from "../../queries/documents";
import { factCandidates } from "../../queries/search";
import { CLAIM_FORMATS, type checkClaim as checkClaimRoute } from "./claims.routes";

/** Documents per read when the base is built: each page is cut to what the matcher compares before the next. */
const PAGE = 1000;

/** The fields of each document the base reads (src/claims/base.ts picks from them): D1 hands back only these. */
const ENTITY_FIELDS = ["id", "type", "names", "aliases"];
const FIGURE_FIELDS = ["id", "metric", "subject", "value", "unit", "display", "kind", "conditions", "derivation"];
const FACT_FIELDS = ["id", "status", "text", "figures"];

/** Every document of a kind in a language, a page at a time, each cut to `pick(doc)` as it is read. */
async function readAll<T>(
  db: D1Database,
  release: string,
  kind: DocKind,
  lang: string,
  pick: (doc: never) => T,
  fields: readonly string[],
  facets?: ListFilter["facets"],
) {
  const out: T[] = [];
  let cursor: string[] | null = null;
  const columns = fieldColumns(fields);
  for (;;) {
    const rows = await listDocuments(db, release, kind, lang, {
      cursor,
      limit: PAGE,
      columns,
      ...(facets ? { facets } : {}),
    });
    for (const r of rows.slice(0, PAGE)) out.push(pick(JSON.parse(r.body) as never));
    if (rows.length <= PAGE) return out;
    const last = rows[PAGE - 1] as { sort: string; id: string };
    cursor = [last.sort, last.id];
  }
}

/**
 * The base of the serving release: every entity and figure document and the disputed facts (through the
 * facts' `status` list), read once per release and app, a page at a time and cut to the fields the matcher
 * compares (src/claims/base.ts), so what is held is the base, not the documents.
 */
function baseOf(c: Context<AppEnv>): Promise<ClaimBase> {
  const state = c.get("state");
  const release = c.get("release").version;
  let base = state.claimBases.get(release);
  if (!base) {
    const db = c.get("d1");
    base = (async () => {
      const entities = await readAll(db, release, "entity", "en", leanEntity, ENTITY_FIELDS);
      const figures = await readAll(db, release, "figure", "en", leanFigure, FIGURE_FIELDS);
      const disputed = await readAll(db, release, "fact", "en", leanFact, FACT_FIELDS, [["status", "disputed"]]);
      return buildClaimBase({ entities, figures, disputed });
    })();
    base.catch(() => state.claimBases.delete(release));
    if (state.claimBases.size > 4) state.claimBases.clear();
    state.claimBases.set(release, base);
  }
  return base;
}

/**
 * The base with the facts a sentence (its reading) may restate: looked up in the search index (at most FACT_CANDIDATES), then
 * read in the sentence's language by key, in the collection's order. Two queries, and none when the check
 * compares no fact (the sentence has a number).
 */
async function withFacts(c: Context<AppEnv>, base: ClaimBase, reading: ClaimReading): Promise<ClaimBase> {
  const lookup = factLookup(reading);
  if (!lookup) return base;
  const db = c.get("d1");
  const release = c.get("release").version;
  const ids = await factCandidates(db, release, lookup.terms);
  if (ids.length === 0) return base;
  const docs = await documentsByIds(db, release, lookup.lang, { fact: ids });
  docs.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...base, facts: docs.map((d) => factOf(leanFact(JSON.parse(d.body) as never), lookup.lang)) };
}

const RATINGS = { supported: 5, disputed: 3, contradicted: 1 } as const;
const str = JSON.stringify;

export const check: RouteHandler<typeof checkClaimRoute, AppEnv> = async (c) => {
  const rep = offered(c, CLAIM_FORMATS);
  const { text } = c.req.valid("query");
  const base = await baseOf(c);
  const reading = readClaim(text, base);
  const result = checkClaim(reading, await withFacts(c, base, reading));
  const self = absolute(c, `/v1/claims/check?${new URL(c.req.url).searchParams}`);
  if (rep === "jsonld") {
    const rating = result.verdict === "unknown" ? undefined : RATINGS[result.verdict];
    const figures = result.matches.filter((m) => m.kind === "figure").map((m) => m.id);
    const facts = result.matches.filter((m) => m.kind === "fact").map((m) => m.id);
    const review = {
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: self,
      claimReviewed: text,
      inLanguage: result.lang,
      datePublished: c.get("release").publishedAt.slice(0, 10),
      author: { "@type": "Organization", name: "Alliance Facts API", url: `${origin(c)}/` },
      reviewRating: {
        "@type": "Rating",
        ...(rating === undefined ? {} : { ratingValue: rating }),
        bestRating: 5,
        worstRating: 1,
        alternateName: `${result.verdict.charAt(0).toUpperCase()}${result.verdict.slice(1)}`,
      },
      isBasedOn: [...new Set([...figures.map((id) => `/v1/figures/${id}`), ...facts.map((id) => `/facts/${id}`)])].map(
        (p) => absolute(c, p),
      ),
    };
    return sendAs(c, "jsonld", str(review)) as never;
  }
  const ids: Partial<Record<DocKind, string[]>> = {
    figure: result.matches.filter((m) => m.kind === "figure").map((m) => m.id),
    fact: result.matches.filter((m) => m.kind === "fact").map((m) => m.id),
  };
  const docs = await documentsByIds(c.get("d1"), c.get("release").version, c.get("lang"), ids);
  const bodyOf = new Map(docs.map((d) => [`${d.kind}/${d.id}`, d.body]));
  // Each matched figure's metric, in one pass over the figures (not one search per match).
  const matched = new Set(ids.figure);
  const metrics = new Map(base.figures.filter((f) => matched.has(f.id)).map((f) => [f.id, f.metric]));
  const matches = result.matches.map((m) => {
    const metric = m.kind === "figure" ? (metrics.get(m.id) ?? null) : null;
    const head = str({ kind: m.kind, id: m.id, verdict: m.verdict, metric, claimed: m.claimed, stored: m.stored });
    return `${head.slice(0, -1)},"record":${bodyOf.get(`${m.kind}/${m.id}`) ?? "null"}}`;
  });
  const data = str({
    text,
    text_lang: result.lang,
    verdict: result.verdict,
    reason: result.reason,
    entities: result.entities,
  });
  const meta = str({ release: c.get("release").version, lang: c.get("lang") });
  return sendJson(
    c,
    `{"data":${data.slice(0, -1)},"matches":[${matches.join(",")}]},"meta":${meta},"links":${str({ self })}}`,
  ) as never;
};
