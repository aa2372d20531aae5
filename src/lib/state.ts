import { HotCache } from "./hot";

/** One client's requests in the current rate-limit window, as this isolate counted them. */
export interface RateWindow {
  start: number;
  count: number;
}

/** What an app instance keeps between requests: owned by createApp(), never by a module. */
export class AppState {
  /** Every id of a kind per release ("release/kind" → ids): the fact of the day (404 suggestions read the neighbours). */
  readonly ids = new Map<string, string[]>();
  /** Each client's requests in the current rate-limit window, as this isolate counted them. */
  readonly rateWindows = new Map<string, RateWindow>();
  /** Serialized answers, served before any routing (see hot-path.ts). */
  readonly hot: HotCache;

  constructor(options: { hotBytes?: number } = {}) {
    this.hot = new HotCache(options.hotBytes);
  }
}
