/**
 * Which representation the client wants: `?format=` (for clients that cannot set headers) wins over `Accept`.
 * Routes that offer more than JSON declare `format` in their query schema and read `representation`;
 * the cache key includes it, and answers vary on Accept.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

export const REPRESENTATIONS = {
  json: "application/json",
  text: "text/plain",
  markdown: "text/markdown",
  jsonld: "application/ld+json",
} as const;
export type Representation = keyof typeof REPRESENTATIONS;

const BY_TYPE: Record<string, Representation> = {
  "application/json": "json",
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "application/ld+json": "jsonld",
};

/** The best representation for an Accept header (q-values honoured; JSON for anything else). */
export function fromAccept(accept: string | undefined): Representation {
  if (!accept) return "json";
  const ranked = accept
    .split(",")
    .map((part, i) => {
      const [type = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { type } of ranked) {
    const rep = BY_TYPE[type];
    if (rep) return rep;
    if (type === "*/*" || type === "application/*") return "json";
  }
  return "json";
}

export const negotiate = createMiddleware<AppEnv>(async (c, next) => {
  const format = c.req.query("format");
  const rep = format && format in REPRESENTATIONS ? (format as Representation) : fromAccept(c.req.header("Accept"));
  c.set("representation", rep);
  await next();
  c.res.headers.append("Vary", "Accept");
});
