import { createApp } from "./app";
import type { Bindings } from "./env";
import type { AppState } from "./lib/state";

/**
 * The worker: one app per isolate, created at load. What it keeps between requests (the serving-release memo,
 * the hot cache, the served spec…) is that app's state, never a module's. The state rides on the default export
 * so that tests reaching this worker (`exports.default`) can act on the instance they use (src/lib/state.ts).
 */
const { fetch, state } = createApp();

export default { fetch, state } satisfies ExportedHandler<Bindings> & { state: AppState };
