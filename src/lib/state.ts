import type { ClaimBase } from "../claims/check";
import { AnswerBodies } from "./bodies";
import { HotCache, RequestMemo } from "./hot";
import { ReleaseMemo } from "./release-memo";
import { Signatures } from "./signing";

/** One client's requests in the current rate-limit window, as this isolate counted them. */
export interface RateWindow {
  start: number;
  count: number;
}

/** What an app instance keeps between requests: owned by createApp(), never by a module. */
export class AppState {
  /** The serving release, memoized for a few seconds, and the last one seen (served while its lookup fails). */
  readonly release = new ReleaseMemo();
  /** Every id of a kind per release ("release/kind" → ids): the fact of the day (404 suggestions read the neighbours). */
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
  /** The bytes of answers already read whole, so no later step tees a body again (see bodies.ts). */
  readonly bodies = new AnswerBodies();
  /** The signing keys and the digests and signatures of the answers already signed (see signing.ts). */
  readonly signatures = new Signatures(this.bodies);
  /**
   * The OpenAPI document as the serving release sees it (src/openapi/served.ts), and what llms.txt quotes from it
   * (`info`), built once per release: `key` is the release's version and content hash.
   */
  spec: { key: string; doc: Record<string, unknown>; info?: unknown } | undefined;
  /** The claim check's base per release (built from the composed documents on the first check). */
  readonly claimBases = new Map<string, Promise<ClaimBase>>();
  /** The app's own fetch (hot path included), for answering requests in-process (the MCP tools); set by createApp. */
  appFetch: (request: Request, env: object, ctx: ExecutionContext | undefined) => Promise<Response> = () =>
    Promise.reject(new Error("the app is not created yet"));
  /** Serialized answers, served before any routing (see hot-path.ts). */
  readonly hot: HotCache;
  /** What the hot path derived from recent requests (their keys), so a hit parses no URL. */
  readonly hotKeys = new RequestMemo();

  constructor(options: { hotBytes?: number } = {}) {
    this.hot = new HotCache(options.hotBytes);
  }
}
