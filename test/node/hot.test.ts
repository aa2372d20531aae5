/** The in-isolate answer cache: bounded by bytes, least recently used out first, expired entries not served. */
import { describe, expect, it } from "vitest";
import { type HotEntry, HotCache } from "../../src/lib/hot";

const entry = (bytes: number, at = Date.now(), maxAge = 300, staleIfError = 0): HotEntry => ({
  status: 200,
  headers: [["content-type", "application/json"]],
  template: new Response(null, { headers: [["content-type", "application/json"]] }),
  etag: '"r-1"',
  body: new ArrayBuffer(bytes),
  storedAt: at,
  cacheControl: `public, max-age=${maxAge}`,
  maxAge,
  staleIfError,
});

describe("HotCache", () => {
  it("never holds more than its bound, whatever is put in (a Zipf-like replay of 20,000 keys)", () => {
    const cache = new HotCache(256 * 1024);
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 20_000; i++) {
      // Zipf-like: key k with probability ∝ 1/k over 5,000 keys; sizes from 200 B to 20 KB.
      const k = Math.floor(5_000 ** random());
      const key = `release/v1/facts/${k}`;
      if (!cache.get(key)) cache.set(key, entry(200 + ((k * 7919) % 20_000)));
      expect(cache.bytes).toBeLessThanOrEqual(256 * 1024);
    }
    expect(cache.entries).toBeGreaterThan(10);
  });

  it("evicts the least recently used entry first", () => {
    // Room for exactly eight entries of this size (an entry may take at most an eighth of the bound).
    // Its headers count three times: as kept, and in the templates of its 200 and its 304.
    const size = (key: string) =>
      1000 + 2 * key.length + 3 * 2 * ("content-type".length + "application/json".length) + 200;
    const cache = new HotCache(8 * size("a"));
    for (const key of "abcdefgh") cache.set(key, entry(1000));
    expect(cache.entries).toBe(8);
    expect(cache.get("a")).toBeDefined(); // a is now the most recently used
    cache.set("i", entry(1000));
    expect(cache.get("b")).toBeUndefined();
    for (const key of "acdefghi") expect(cache.get(key), key).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(8 * size("a"));
  });

  it("does not serve an entry past its max-age, and forgets it", () => {
    const cache = new HotCache();
    cache.set("old", entry(100, Date.now() - 301_000, 300));
    const before = cache.bytes;
    expect(before).toBeGreaterThan(0);
    expect(cache.get("old")).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it("keeps an entry past its max-age through its stale-if-error window, only to stand in", () => {
    const cache = new HotCache();
    const now = Date.now();
    cache.set("stale", entry(100, now - 301_000, 300, 60));
    expect(cache.get("stale", now)).toBeUndefined();
    expect(cache.stale("stale", now)?.storedAt).toBe(now - 301_000);
    expect(cache.bytes).toBeGreaterThan(0);
    // Past max-age and stale-if-error: neither serves it, and it is forgotten.
    expect(cache.stale("stale", now + 60_000)).toBeUndefined();
    expect(cache.bytes).toBe(0);
    cache.set("fresh", entry(100, now, 300, 60));
    expect(cache.stale("fresh", now)).toBe(cache.get("fresh", now));
  });

  it("keeps no answer larger than an eighth of its bound", () => {
    const cache = new HotCache(8_000);
    cache.set("big", entry(2_000));
    expect(cache.get("big")).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
