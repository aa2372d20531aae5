/**
 * The in-isolate cache of serialized answers: the hottest layer, consulted before any other. Bounded by
 * bytes, least recently used first out; keyed by release and canonical request (so a new release makes old
 * entries unreachable, and they age out).
 */
export interface HotEntry {
  status: number;
  headers: [string, string][];
  /** The status and headers as one bodiless answer, copied into each answer served (src/hot-path.ts). */
  template: Response;
  /** The last GET hit's status and headers (per-serving fields and signature included), for its URL and age. */
  served?: { url: string; age: number; policy: string | undefined; template: Response };
  /** The answer's ETag (what `If-None-Match` is compared with). */
  etag: string;
  /** The app's 304 to a request holding that ETag, as a bodiless template (learnt from the first such request). */
  notModified?: Response;
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

/**
 * What an entry holds in memory, roughly: its body, its key, its headers (UTF-16) three times (as kept, and in
 * the templates of its 200 and its 304), and a fixed overhead.
 */
const cost = (key: string, e: HotEntry) =>
  e.body.byteLength + 2 * key.length + 3 * e.headers.reduce((n, [k, v]) => n + 2 * (k.length + v.length), 0) + 200;

/** What the hot path derives from a request's URL, Accept and Accept-Language (src/hot-path.ts). */
export interface Derived {
  /** The URL is within the request limits (length, query parameters: src/middleware/limits.ts). */
  withinLimits: boolean;
  /** The release-free, day-free part of the answer's key; undefined when the hot path does not serve it. */
  canonical?: string;
  /** The key takes the UTC day (the fact of the day). */
  dayBound?: boolean;
}

/** The longest memo key (URL and two header values) remembered; longer requests are derived each time. */
const MEMO_KEY_MAX = 1024;

/**
 * What the hot path derived from each recent request URL and negotiation headers, so a hit parses no URL:
 * bounded by count (each key at most MEMO_KEY_MAX characters), the oldest out first.
 */
export class RequestMemo {
  private readonly map = new Map<string, Derived>();

  constructor(readonly maxEntries = 4096) {}

  get(key: string): Derived | undefined {
    return this.map.get(key);
  }

  set(key: string, value: Derived) {
    if (key.length > MEMO_KEY_MAX) return;
    if (this.map.size >= this.maxEntries) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
  }
}
