import { HotCache } from "./hot";

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
  /**
   * The OpenAPI document as the serving release sees it (src/openapi/served.ts), and what llms.txt quotes from it
   * (`info`), built once per release: `key` is the release's version and content hash.
   */
  spec: { key: string; doc: Record<string, unknown>; info?: unknown } | undefined;
  /** Serialized answers, served before any routing (see hot-path.ts). */
  readonly hot: HotCache;

  constructor(options: { hotBytes?: number } = {}) {
    this.hot = new HotCache(options.hotBytes);
  }
}
