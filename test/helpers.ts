import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { d1Executor, publishDataset } from "../src/dataset/publish";
import type { Dataset } from "../src/dataset/schema";
import { RECORD_KIND } from "../src/domain";
import worker from "../src/index";

export const BASE = "http://api.test";

/**
 * The state of the app `request()` reaches: `exports.default` runs the worker's module, the very instance the
 * tests import. A test that publishes a release and serves it at once makes this app forget its memoized
 * release (`workerState.release.forget()`); a test that needs an app of its own builds one with createApp().
 */
export const workerState = worker.state;

/** Sends a request to the worker's default export, as a client would. */
export async function request(path: string, init?: RequestInit): Promise<Response> {
  return (exports as unknown as { default: { fetch(r: Request): Promise<Response> } }).default.fetch(
    new Request(`${BASE}${path}`, init),
  );
}

export async function getJson<T = Record<string, unknown>>(path: string, init?: RequestInit) {
  const res = await request(path, init);
  const body = (await res.json()) as T;
  return { res, body };
}

/**
 * A request to an app of the test's own (createApp) that reports D1's counts (X-D1-Rows-Read), as the
 * benchmark's metrics workers do: the answer, its JSON body and the rows D1 read for it.
 */
export async function metered<T = Record<string, unknown>>(
  fetch: (request: Request, env: never, ctx: ExecutionContext) => Promise<Response>,
  path: string,
) {
  const ctx = createExecutionContext();
  const res = await fetch(new Request(`${BASE}${path}`), { ...env, D1_METRICS: "1" } as never, ctx);
  const body = (await res.json()) as T;
  await waitOnExecutionContext(ctx);
  return { res, body, rowsRead: Number(res.headers.get("X-D1-Rows-Read")) };
}

/** Every record of a dataset as a release's change list names it (added), ordered by kind then id. */
export const allAdded = (x: Dataset) =>
  Object.entries(RECORD_KIND)
    .flatMap(([k, kind]) =>
      (x[k as keyof Dataset] as { id: string }[]).map((r) => ({ change: "added" as const, kind, id: r.id })),
    )
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The version of the release the setup published. */
export async function currentVersion(): Promise<string> {
  const row = await env.DB.prepare(
    "SELECT version FROM releases WHERE status = 'published' ORDER BY seq DESC LIMIT 1",
  ).first<{ version: string }>();
  if (!row) throw new Error("no release published");
  return row.version;
}

/**
 * Runs `fn` while a modified copy of the real dataset is the published release, then publishes the real one again.
 * The curated data has every text in every language, so a test of the English fallback deletes a language here.
 */
export async function withDataset<T>(mutate: (d: Dataset) => void, fn: (d: Dataset) => Promise<T>): Promise<T> {
  const dataset = structuredClone(env.TEST_DATASET) as Dataset;
  mutate(dataset);
  await publishDataset(d1Executor(env.DB), dataset);
  workerState.release.forget();
  try {
    return await fn(dataset);
  } finally {
    await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
    workerState.release.forget();
  }
}

/** The `Content-Language` a served language answers with (`zh` is Simplified Chinese: `zh-Hans`). */
export const tagOf = (lang: string) => (lang === "zh" ? "zh-Hans" : lang);

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown };
}

/**
 * One example request per GET operation of the served spec: path parameters and required query parameters from
 * the spec's examples (oEmbed's `url` names a permalink of this origin), `extra` added to operations that take it.
 */
export async function operationExamples(extra: Record<string, string> = {}): Promise<string[]> {
  const doc = (await (await request("/openapi.json")).json()) as {
    paths: Record<string, Record<string, { parameters?: SpecParameter[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([template, item]) => {
    const op = item.get;
    if (!op) return [];
    let path = template;
    const query = new URLSearchParams();
    for (const p of op.parameters ?? []) {
      const value =
        p.name === "url"
          ? `${BASE}/facts/apple-selected-alibaba-china-ai-partner`
          : String(p.example ?? p.schema?.example);
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (p.in === "query" && (p.required || p.name in extra))
        query.set(p.name, p.name in extra ? (extra[p.name] as string) : value);
    }
    return [`${path}${query.size ? `?${query}` : ""}`];
  });
}
