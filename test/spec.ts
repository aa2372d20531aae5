/** Validates responses against the schema the OpenAPI document gives for them. */
import { Validator } from "@cfworker/json-schema";
import { expect } from "vitest";
import { BASE, request } from "./helpers";

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: Record<string, unknown>;
};

let doc: Doc | undefined;
export async function spec(): Promise<Doc> {
  doc ??= (await (await request("/openapi.json")).json()) as Doc;
  return doc;
}

/** `/v1/entities/apple` → `/v1/entities/{id}`: the spec path whose template matches. */
function templateFor(d: Doc, pathname: string): string {
  const hit = Object.keys(d.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname));
  if (!hit) throw new Error(`no spec path matches ${pathname}`);
  return hit;
}

/** Asserts that `body` (already read from `res`) is what the spec documents for this request and status. */
export async function expectDocumented(url: string, res: Response, body: unknown, method = "get") {
  const d = await spec();
  const path = templateFor(d, new URL(url, "http://x").pathname);
  const op = d.paths[path]?.[method];
  expect(op, `${method} ${path} is in the spec`).toBeDefined();
  const response = op?.responses[String(res.status)];
  expect(response, `${method} ${path} documents status ${res.status}`).toBeDefined();
  const type = (res.headers.get("Content-Type") ?? "").split(";")[0] as string;
  const schema = response?.content?.[type]?.schema;
  expect(schema, `${method} ${path} ${res.status} documents ${type}`).toBeDefined();
  const result = new Validator({ ...schema, components: d.components } as object, "2020-12", false).validate(body);
  expect(result.errors, `${path} ${res.status} body matches its schema`).toEqual([]);
}

/** GET a path, check the answer against the spec, and return status, headers and body. */
export async function getDocumented<T = Record<string, unknown>>(path: string, init?: RequestInit) {
  const res = await request(path, init);
  const body = (await res.json()) as T;
  await expectDocumented(path, res, body, (init?.method ?? "get").toLowerCase());
  return { res, body };
}

/** Follows `links.next` from `path` to the last page, checking each page and its Link header. */
export async function walkPages(path: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let next: string | null = path;
  let pages = 0;
  while (next) {
    const { res, body }: { res: Response; body: { data: { id: string }[]; links: { next: string | null } } } =
      await getDocumented(next.replace(BASE, ""));
    expect(res.status).toBe(200);
    ids.push(...body.data.map((r) => r.id));
    if (body.links.next) expect(res.headers.get("Link")).toBe(`<${body.links.next}>; rel="next"`);
    else expect(res.headers.get("Link")).toBeNull();
    next = body.links.next;
    pages++;
  }
  return { ids, pages };
}
