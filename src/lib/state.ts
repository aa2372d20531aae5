import { HotCache } from "./hot";
import { Signatures } from "./signing";

/** One client's requests in the current rate-limit window, as this isolate counted them. */
export interface RateWindow {
  start: number;
  count: number;
}

/** What an app instance keeps between requests: owned by createApp(), never by a module. */
export class AppState {
  /** Every id of a kind per release ("release/kind" → ids), for 404 suggestions. */
  readonly ids = new Map<string, string[]>();
  /** Each client's requests in the current rate-limit window, as this isolate counted them. */
  readonly rateWindows = new Map<string, RateWindow>();
  /** What pinned requests read about a release ("version" → its row, or null when none is published). */
  readonly pinned = new Map<
    string,
    {
      serving: string | undefined;
      row: { version: string; content_hash: string; published_at: string; counts: string; kept: number } | null;
    }
  >();
  /** The signing keys and the digests and signatures of the answers already signed (see signing.ts). */
  readonly signatures = new Signatures();
  /** Serialized answers, served before any routing (see hot-path.ts). */
  readonly hot: HotCache;

  constructor(options: { hotBytes?: number } = {}) {
    this.hot = new HotCache(options.hotBytes);
  }
}
