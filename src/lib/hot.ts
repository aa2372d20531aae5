/**
 * The in-isolate cache of serialized answers: the hottest layer, consulted before any other. Bounded by
 * bytes, least recently used first out; keyed by release and canonical request (so a new release makes old
 * entries unreachable, and they age out).
 */
export interface HotEntry {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
  storedAt: number;
  /** The Cache-Control the client is told (max-age bounds how long the entry is served). */
  cacheControl: string;
  maxAge: number;
  /** Seconds past max-age the entry may still stand in for an answer that cannot be made (stale-if-error). */
  staleIfError: number;
}

export class HotCache {
  private readonly map = new Map<string, HotEntry>();
  private size = 0;

  constructor(readonly maxBytes = 32 * 1024 * 1024) {}

  get bytes() {
    return this.size;
  }

  get entries() {
    return this.map.size;
  }

  /** The entry for `key` if it is still fresh at `now` (seconds of max-age), marked most recently used. */
  get(key: string, now = Date.now()): HotEntry | undefined {
    const entry = this.usable(key, now);
    return entry && now - entry.storedAt < entry.maxAge * 1000 ? entry : undefined;
  }

  /**
   * The entry for `key` if it is fresh or within its stale-if-error window at `now`: what stands in when the
   * answer cannot be made. An entry past both is forgotten.
   */
  stale(key: string, now = Date.now()): HotEntry | undefined {
    return this.usable(key, now);
  }

  /** The entry unless it is past its stale-if-error window too (then forgotten), marked most recently used. */
  private usable(key: string, now: number): HotEntry | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    this.map.delete(key);
    if (now - entry.storedAt >= (entry.maxAge + entry.staleIfError) * 1000) {
      this.size -= cost(key, entry);
      return undefined;
    }
    this.map.set(key, entry);
    return entry;
  }

  set(key: string, entry: HotEntry) {
    const size = cost(key, entry);
    if (size > this.maxBytes / 8) return;
    const old = this.map.get(key);
    if (old) {
      this.map.delete(key);
      this.size -= cost(key, old);
    }
    this.map.set(key, entry);
    this.size += size;
    for (const [k, v] of this.map) {
      if (this.size <= this.maxBytes) break;
      this.map.delete(k);
      this.size -= cost(k, v);
    }
  }
}

/** What an entry holds in memory, roughly: its body, its key and headers (UTF-16), and a fixed overhead. */
const cost = (key: string, e: HotEntry) =>
  e.body.byteLength + 2 * key.length + e.headers.reduce((n, [k, v]) => n + 2 * (k.length + v.length), 0) + 200;
