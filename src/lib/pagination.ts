/**
 * Opaque keyset cursors: base64url JSON naming the collection, its filters' fingerprint and the sort key
 * of the last record served. Stable under ties because every sort key ends with the unique id.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ProblemError } from "./problem";
import { absolute } from "./urls";

export const DEFAULT_LIMIT = 20;

interface CursorBody {
  c: string;
  k: (string | number)[];
}

const b64url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
const unb64url = (s: string) => {
  const bin = atob(s.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
    Uint8Array.from(bin, (ch) => ch.charCodeAt(0)),
  );
};

export function encodeCursor(collection: string, key: (string | number)[]): string {
  return b64url(JSON.stringify({ c: collection, k: key } satisfies CursorBody));
}

/** The sort key a cursor continues after, or a 400 invalid-cursor problem. */
export function decodeCursor(
  collection: string,
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (cursor === undefined) return null;
  const invalid = () =>
    new ProblemError("invalid-cursor", {
      detail:
        "cursor: not a cursor of this collection. Use meta.next_cursor of the previous page, or omit it to start again.",
      errors: [{ parameter: "cursor", in: "query", detail: "not a cursor of this collection" }],
    });
  let body: CursorBody;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
    body = JSON.parse(unb64url(cursor));
  } catch {
    throw invalid();
  }
  if (
    !body ||
    body.c !== collection ||
    !Array.isArray(body.k) ||
    body.k.length !== arity ||
    !body.k.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))
  ) {
    throw invalid();
  }
  return body.k;
}

/** Fetch `limit + 1` rows; this trims the page and builds the next cursor and links. */
export function page<T>(
  c: Context<AppEnv>,
  collection: string,
  rows: T[],
  limit: number,
  keyOf: (row: T) => (string | number)[],
) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  const nextCursor = hasMore && last ? encodeCursor(collection, keyOf(last)) : null;
  const url = new URL(c.req.url);
  const self = absolute(c, url.pathname + url.search);
  let next: string | null = null;
  if (nextCursor) {
    const n = new URL(self);
    n.searchParams.set("cursor", nextCursor);
    next = n.toString();
    c.header("Link", `<${next}>; rel="next"`);
  }
  return { items, nextCursor, links: { self, next } };
}
