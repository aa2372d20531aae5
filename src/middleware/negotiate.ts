/**
 * Which representation the client wants: `?format=` (for clients that cannot set headers) wins over `Accept`.
 * Routes that offer more than JSON declare `format` in their query schema and read `representationOf(c)`;
 * the cache key includes the representation, and answers vary on Accept.
 *
 * An Accept that allows none of the representations (e.g. only `image/png`) gives the representation
 * `none`: it has its own cache key (never stored: routes with representations answer it with a 406), so a
 * cached JSON answer is never served to a client that refused JSON. Routes that serve only JSON ignore it.
 *
 * Day-bound answers (`/v1/facts/today`) also carry the UTC day in their key, so their ETag and their cache
 * entry change at midnight.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ProblemError } from "../lib/problem";
import { addVary } from "../lib/vary";

import { REPRESENTATIONS, type Representation } from "../domain";

export type { Representation } from "../domain";
export type Negotiated = Representation | "none";

/** The exact Content-Type each representation is sent with. */
export const CONTENT_TYPES: Record<Representation, string> = {
  json: "application/json",
  text: "text/plain; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  jsonld: "application/ld+json; charset=utf-8",
};

const BY_TYPE: Record<string, Representation> = {
  "application/json": "json",
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "application/ld+json": "jsonld",
  // Wildcards: the usual choice of each family.
  "*/*": "json",
  "application/*": "json",
  "text/*": "text",
};

function ranked(accept: string) {
  return accept
    .split(",")
    .map((part, i) => {
      const [type = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { type: type.trim(), q: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.q > 0 && x.type !== "")
    .sort((a, b) => b.q - a.q || a.i - b.i);
}

/** The best representation an Accept header allows (q-values honoured), or null when it allows none. */
export function acceptedRepresentation(accept: string | undefined): Representation | null {
  if (!accept?.trim()) return "json";
  for (const { type } of ranked(accept)) {
    const rep = BY_TYPE[type];
    if (rep) return rep;
  }
  return null;
}

/** Paths whose answer changes with the UTC day: their cache key holds the day. */
const DAY_BOUND = new Set(["/v1/facts/today"]);

/** The UTC day (YYYY-MM-DD) of a time. */
export const utcDay = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

/** The representation a `format` parameter or an Accept header asks for ("none": Accept allows none). */
export function negotiated(format: string | undefined | null, accept: string | undefined | null): Negotiated {
  return format && Object.hasOwn(REPRESENTATIONS, format)
    ? (format as Representation)
    : (acceptedRepresentation(accept ?? undefined) ?? "none");
}

/** Whether a path's answer changes with the UTC day. */
export const isDayBound = (path: string) => DAY_BOUND.has(path);

export const negotiate = createMiddleware<AppEnv>(async (c, next) => {
  c.set("representation", negotiated(c.req.query("format"), c.req.header("Accept")));
  if (DAY_BOUND.has(new URL(c.req.url).pathname)) c.set("day", utcDay());
  await next();
  addVary(c.res.headers, "Accept");
});

/** The representation negotiated for this request. */
export function representationOf(c: Context<AppEnv>): Negotiated {
  const rep = c.get("representation") ?? "json";
  return rep === "none" || Object.hasOwn(REPRESENTATIONS, rep) ? (rep as Negotiated) : "json";
}

/** The UTC day a day-bound answer is for: the one in its cache key, so key and answer always agree. */
export function dayOf(c: Context<AppEnv>): string {
  return c.get("day") ?? utcDay();
}

/**
 * The representation to answer in, among those a route offers: a 406 problem when the client's Accept allows
 * none of them. `fallback` (JSON) serves representations a route does not offer but a client may still read.
 */
export function offered<R extends Representation>(c: Context<AppEnv>, reps: readonly R[], fallback?: R): R {
  const rep = representationOf(c);
  if (rep !== "none" && (reps as readonly string[]).includes(rep)) return rep as R;
  if (rep !== "none" && fallback) return fallback;
  throw new ProblemError("not-acceptable", {
    detail: `Accept allows none of the representations offered here: ${reps.map((r) => REPRESENTATIONS[r]).join(", ")} (or ask with ?format=${reps.join("|")}).`,
  });
}

/** A body in a non-JSON representation, with its exact Content-Type. */
export function sendAs(c: Context<AppEnv>, rep: Exclude<Representation, "json">, body: string): Response {
  return c.body(body, 200, { "Content-Type": CONTENT_TYPES[rep] });
}
