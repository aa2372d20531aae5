import { env, exports } from "cloudflare:workers";

export const BASE = "http://api.test";

/** Sends a request to the worker's default export, as a client would. */
export async function request(path: string, init?: RequestInit): Promise<Response> {
  return (exports as any).default.fetch(new Request(`${BASE}${path}`, init));
}

export async function getJson<T = Record<string, unknown>>(path: string, init?: RequestInit) {
  const res = await request(path, init);
  const body = (await res.json()) as T;
  return { res, body };
}

/** The version of the release the setup published. */
export async function currentVersion(): Promise<string> {
  const row = await env.DB.prepare(
    "SELECT version FROM releases WHERE status = 'published' ORDER BY seq DESC LIMIT 1",
  ).first<{ version: string }>();
  if (!row) throw new Error("no release published");
  return row.version;
}
