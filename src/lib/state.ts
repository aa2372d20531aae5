import { HotCache } from "./hot";

/** What an app instance keeps between requests: owned by createApp(), never by a module. */
export class AppState {
  /** Every id of a kind per release ("release/kind" → ids), for 404 suggestions. */
  readonly ids = new Map<string, string[]>();
  /** Serialized answers, hottest first out of the way of everything else. */
  readonly hot: HotCache;

  constructor(options: { hotBytes?: number } = {}) {
    this.hot = new HotCache(options.hotBytes);
  }
}
