/**
 * `If-None-Match` answered by the hot path (issue 9, item 5): once an answer is held, a request naming its ETag
 * gets the same 304 the app makes, without the app; `*` and other ETags are answered as before.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { BASE } from "./helpers";

const PATH = "/v1/facts/apple-selected-alibaba-china-ai-partner?lang=ja";

/** A fresh app whose inner app's calls are counted (the hot path calls it for everything it does not answer). */
function counted() {
  const created = createApp();
  const inner = created.app.fetch.bind(created.app);
  const calls = { n: 0 };
  created.app.fetch = ((...args: Parameters<typeof inner>) => {
    calls.n++;
    return inner(...args);
  }) as typeof created.app.fetch;
  const send = async (headers: Record<string, string> = {}, method = "GET") => {
    const ctx = createExecutionContext();
    const res = await created.fetch(new Request(`${BASE}${PATH}`, { method, headers }), env as never, ctx);
    const body = await res.text();
    await waitOnExecutionContext(ctx);
    return { res, body, fields: [...res.headers].filter(([k]) => k !== "ratelimit-policy") };
  };
  return { send, calls };
}

describe("the hot path answers If-None-Match", () => {
  it("with the app's own 304, learnt from the first one and copied after", async () => {
    const { send, calls } = counted();
    const first = await send();
    expect(first.res.status).toBe(200);
    const etag = first.res.headers.get("ETag") as string;
    expect(etag).toMatch(/^"[0-9a-f]{12}-/);
    expect(calls.n).toBe(1);

    // The first conditional request is the app's, the next ones the hot path's: the same 304, field for field.
    const learnt = await send({ "If-None-Match": etag });
    expect(learnt.res.status).toBe(304);
    expect(calls.n).toBe(2);
    const held = await send({ "If-None-Match": etag });
    expect(calls.n).toBe(2);
    expect(held.res.status).toBe(304);
    expect(held.body).toBe("");
    expect(held.fields).toEqual(learnt.fields);
    expect(held.res.headers.get("ETag")).toBe(etag);
    // The weak form (as compression sends it back), a list, and HEAD: 304s too, from the hot path.
    for (const [value, method] of [
      [`W/${etag}`, "GET"],
      [`"other", ${etag}`, "GET"],
      [etag, "HEAD"],
    ] as const) {
      const again = await send({ "If-None-Match": value }, method);
      expect(again.res.status, `${method} ${value}`).toBe(304);
      expect(again.fields, `${method} ${value}`).toEqual(learnt.fields);
    }
    expect(calls.n).toBe(2);
  });

  it("answers another ETag with the held 200, and leaves `*` to the app", async () => {
    const { send, calls } = counted();
    const first = await send();
    const other = await send({ "If-None-Match": '"000000000000-0000000000"' });
    expect(other.res.status).toBe(200);
    expect(other.body).toBe(first.body);
    expect(other.res.headers.get("Cache-Status")).toMatch(/; hit; ttl=/);
    expect(calls.n).toBe(1);
    const any = await send({ "If-None-Match": "*" });
    expect(any.res.status).toBe(304);
    expect(calls.n).toBe(2);
  });
});
