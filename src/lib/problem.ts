/**
 * The one error contract: RFC 9457 `application/problem+json`. Every error the API sends is built here,
 * and every type is documented (GET /problems/{type}, and the Problem schema in the spec).
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";

export const PROBLEM_TYPES = {
  "invalid-parameter": {
    status: 400,
    title: "Invalid parameter",
    description:
      "A query or path parameter has a value the operation does not accept. `errors` names each parameter and the rule it broke, in the same words everywhere: `give one value, not 2` (a parameter given more than once; a list is comma-separated in one value), `is required`, `must not be empty`, or what the value must be (`must be an integer between 1 and 100`, `must be a real calendar date: 2025-02 has 28 days`).",
  },
  "unknown-parameter": {
    status: 400,
    title: "Unknown parameter",
    description: "The request has a query parameter the operation does not define. `allowed` lists the ones it does.",
  },
  "invalid-cursor": {
    status: 400,
    title: "Invalid cursor",
    description:
      "The `cursor` is not one this API issued for this collection and release. Start again from the first page.",
  },
  "too-many-parameters": {
    status: 400,
    title: "Too many parameters",
    description:
      "The query has more parameters than any operation takes (at most 32 are accepted). Send only the ones the operation documents.",
  },
  "not-found": {
    status: 404,
    title: "Not found",
    description: "No record or route has this id or path. `suggestions` lists close ids when there are some.",
  },
  gone: {
    status: 410,
    title: "Gone",
    description:
      'The release a pinned URL names (`/v1/releases/{version}/…`) was published but is no longer kept. `current` (and the `Link: rel="latest-version"` header) is the same path in the release serving now.',
  },
  "method-not-allowed": {
    status: 405,
    title: "Method not allowed",
    description: "The API is read-only: only GET, HEAD and OPTIONS are accepted. `Allow` lists them.",
  },
  "not-acceptable": {
    status: 406,
    title: "Not acceptable",
    description: "None of the media types in `Accept` can be produced for this resource.",
  },
  "not-implemented": {
    status: 501,
    title: "Not implemented",
    description:
      "The request asks for something this API does not implement, such as oEmbed's `format=xml` (only JSON is offered).",
  },
  "uri-too-long": {
    status: 414,
    title: "URI too long",
    description: "The URL is longer than this API accepts (4,096 characters). No operation needs a longer one.",
  },
  "header-fields-too-large": {
    status: 431,
    title: "Request header fields too large",
    description:
      "The request headers take more than this API accepts (16 KiB in all, names and values). Send fewer or shorter headers.",
  },
  "rate-limited": {
    status: 429,
    title: "Too many requests",
    description: "The client sent more requests than the rate limit allows. Wait `Retry-After` seconds.",
  },
  "no-release": {
    status: 503,
    title: "No release published",
    description: "The database has no published release yet. Publish one with `npm run db:seed`.",
  },
  "service-unavailable": {
    status: 503,
    title: "Service unavailable",
    description:
      "The database failed or did not answer in time, and no cache holds this answer (answers a cache holds are served stale meanwhile, with `Cache-Status: …; detail=stale-if-error`). Retry after `Retry-After` seconds.",
  },
  "internal-error": {
    status: 500,
    title: "Internal error",
    description: "The server failed unexpectedly. Quote `request_id` when reporting it.",
  },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export interface ParameterError {
  /** The parameter's name (query or path). */
  parameter: string;
  /** Where it was: query or path. */
  in: "query" | "path" | "header";
  detail: string;
}

/**
 * One parameter's rule as a sentence of a problem's `detail`: a rule that is a predicate reads after the name
 * (`q is required`, `cursor must not be empty`, `limit must be an integer between 1 and 100`); any other rule
 * follows a colon (`limit: give one value, not 2`, `model: no entity has the id "x"`).
 */
export function parameterSentence(parameter: string, rule: string): string {
  return /^(?:is|are|must|may)\b/.test(rule) ? `${parameter} ${rule}` : `${parameter}: ${rule}`;
}

export interface ProblemExtras {
  detail?: string;
  errors?: ParameterError[];
  allowed?: string[];
  suggestions?: string[];
  /** For a release no longer kept: the living URL of the same path. */
  current?: string;
  headers?: Record<string, string>;
}

/**
 * A problem document, with this request's `request_id`. Problems are never stored by any cache (`no-store`, a 404
 * too): they name one request, and nothing a shared cache keeps may (src/lib/shared.ts).
 */
function problemBody(c: Context<AppEnv>, type: ProblemType, extras: ProblemExtras) {
  const def = PROBLEM_TYPES[type];
  const url = new URL(c.req.url);
  return {
    type: `/problems/${type}`,
    title: def.title,
    status: def.status,
    detail: extras.detail ?? def.description,
    instance: url.pathname + url.search,
    request_id: c.get("requestId") ?? "",
    ...(extras.errors ? { errors: extras.errors } : {}),
    ...(extras.allowed ? { allowed: extras.allowed } : {}),
    ...(extras.suggestions ? { suggestions: extras.suggestions } : {}),
    ...(extras.current ? { current: extras.current } : {}),
  };
}

export function problem(c: Context<AppEnv>, type: ProblemType, extras: ProblemExtras = {}): Response {
  const body = problemBody(c, type, extras);
  const headers = new Headers(extras.headers);
  headers.set("Content-Type", "application/problem+json; charset=utf-8");
  // Never stored, a 404 included: the body names its request (a 404 costs a bounded read to make again).
  headers.set("Cache-Control", "no-store");
  headers.set("Content-Language", "en");
  return new Response(c.req.method === "HEAD" ? null : JSON.stringify(body), { status: body.status, headers });
}

/** Thrown anywhere below a handler; the app's error handler turns it into a problem response. */
export class ProblemError extends Error {
  constructor(
    readonly type: ProblemType,
    readonly extras: ProblemExtras = {},
  ) {
    super(extras.detail ?? PROBLEM_TYPES[type].title);
  }
}

/** The answer for a path no route has. */
export const notFoundRoute = (c: Context<AppEnv>) =>
  problem(c, "not-found", { detail: `No route for ${new URL(c.req.url).pathname}. Start at /v1.` });
