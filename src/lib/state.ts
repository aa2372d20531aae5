/** What an app instance keeps between requests: owned by createApp(), never by a module. */
export class AppState {
  /** Every id of a kind per release ("release/kind" → ids), for 404 suggestions. */
  readonly ids = new Map<string, string[]>();
}
