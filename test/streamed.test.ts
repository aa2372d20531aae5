/**
 * The answers that hold the whole release (the export, its NDJSON form, llms-full.txt) are read and written a page
 * at a time: the same records and bytes whatever the page size, never kept whole by this worker's caches, and
 * without a digest (which would need the whole body first).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { synthesize } from "../scripts/synthetic";
import { DATASET_KINDS } from "../src/dataset/schema";
import { orm } from "../src/queries/common";
import { asWritten, datasetPage, datasetPages } from "../src/queries/export";
import { fullInput, joined } from "../src/routes/llms/llms.data";
import { INDEX_LIMIT, llmsFullTxt, specInfo } from "../src/routes/llms/llms.markdown";
import { BASE, currentVersion, request, withDataset } from "./helpers";

const threeTimes = (d: Parameters<typeof synthesize>[0]) => Object.assign(d, synthesize(structuredClone(d), 3));
const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

async function text(iterable: AsyncIterable<string>) {
  let out = "";
  for await (const chunk of iterable) out += chunk;
  return out;
}

describe("whole-release answers, a page at a time", () => {
  it("reads every record of every kind as curated, whatever the page size", async () => {
    await withDataset(threeTimes, async (d) => {
      const db = orm(env.DB);
      const version = await currentVersion();
      for (const kind of DATASET_KINDS) {
        const expected = byId(d[kind] as { id: string }[]);
        expect(expected.length, kind).toBeGreaterThan(2);
        for (const size of [2, 500]) {
          const read: { id: string }[] = [];
          for await (const page of datasetPages(db, version, kind, size)) {
            expect(page.length, `${kind} pages of ${size}`).toBeLessThanOrEqual(size);
            read.push(...(page as { id: string }[]));
          }
          expect(read.map(asWritten), `${kind} in pages of ${size}`).toEqual(expected);
        }
        // By ids, and (for the kinds a story has) by story: the same records.
        const some = expected.filter((_, i) => i % 2 === 0);
        expect(
          (await datasetPage(db, version, kind, { ids: some.map((r) => r.id) })).map(asWritten),
          `${kind} by ids`,
        ).toEqual(some);
        if (kind !== "sources") {
          const story = d.stories[1]?.id as string;
          const own = expected.filter((r) => {
            const x = r as { id: string; story?: string; stories?: string[] };
            return kind === "stories" ? x.id === story : (x.story ?? "") === story || (x.stories ?? []).includes(story);
          });
          expect(own.length, kind).toBeGreaterThan(0);
          expect(
            (await datasetPage(db, version, kind, { stories: [story] })).map(asWritten),
            `${kind} of ${story}`,
          ).toEqual(own);
        }
      }
    });
  }, 120_000);

  it("writes llms-full.txt the same whatever the page sizes", async () => {
    await withDataset(threeTimes, async (d) => {
      // Pages of 1 and 2 stories: several pages, against the default page that holds them all.
      expect(d.stories.length).toBeGreaterThan(2);
      const served = await (await request("/llms-full.txt?lang=ja")).text();
      const row = await env.DB.prepare(
        "SELECT version, published_at, counts FROM releases WHERE status = 'published' ORDER BY seq DESC LIMIT 1",
      ).first<{ version: string; published_at: string; counts: string }>();
      const doc = await (await request("/openapi.json")).json();
      const input = {
        origin: BASE,
        lang: "ja" as const,
        release: {
          version: row?.version ?? "",
          publishedAt: row?.published_at ?? "",
          counts: JSON.parse(row?.counts ?? "{}"),
        },
        spec: specInfo(doc as Parameters<typeof specInfo>[0]),
      };
      for (const sizes of [
        { sources: 1, stories: 1, orphans: 1 },
        { sources: 2, stories: 2, orphans: 2 },
      ]) {
        expect(await text(joined(llmsFullTxt(fullInput(env.DB, input, sizes)))), JSON.stringify(sizes)).toBe(served);
      }
      // Every story has its section, in id order.
      const headings = served.split("\n").filter((l) => l.startsWith("## Story: "));
      expect(headings.length).toBe(d.stories.length);
    });
  }, 60_000);

  it("lists the first records of a kind in llms.txt, then links the collection", async () => {
    await withDataset(threeTimes, async (d) => {
      expect(d.facts.length).toBeGreaterThan(INDEX_LIMIT);
      const body = await (await request("/llms.txt")).text();
      const facts = body.split("\n## Facts\n\n")[1]?.split("\n\n")[0]?.split("\n") ?? [];
      expect(facts.length).toBe(INDEX_LIMIT + 1);
      expect(facts.slice(0, INDEX_LIMIT).map((l) => /^- \[([^\]]+)\]/.exec(l)?.[1])).toEqual(
        byId(d.facts)
          .slice(0, INDEX_LIMIT)
          .map((f) => f.id),
      );
      expect(facts.at(-1)).toBe(
        `- [All ${d.facts.length} facts](${BASE}/v1/facts): The first ${INDEX_LIMIT} are listed here, in id order; the collection pages through all of them (and \`/llms-full.txt\` holds them all).`,
      );
      // Kinds under the limit are listed whole, with no such line.
      expect(body).not.toContain(`- [All ${d.partnerships.length} partnerships]`);
    });
  }, 60_000);

  it("streams the three answers without a digest, and no cache in this worker keeps them", async () => {
    for (const path of [
      "/v1/export",
      "/v1/export.ndjson",
      "/llms-full.txt",
      `/v1/releases/${await currentVersion()}/export`,
    ]) {
      for (const round of [1, 2]) {
        const res = await request(path);
        expect(res.status, path).toBe(200);
        expect(res.body, path).toBeInstanceOf(ReadableStream);
        expect(res.headers.get("Content-Digest"), path).toBeNull();
        expect(res.headers.get("Signature"), path).toBeNull();
        // Neither the Cache API layer nor the hot LRU holds it: every request is made again.
        expect(res.headers.get("Cache-Status"), `${path} #${round}`).toMatch(/; fwd=uri-miss$/);
        expect(res.headers.get("ETag"), path).toContain(await currentVersion());
        expect((await res.text()).length, path).toBeGreaterThan(50_000);
      }
    }
    // Other answers are digested as before.
    expect((await request("/llms.txt")).headers.get("Content-Digest")).toMatch(/^sha-256=:/);
  }, 60_000);
});
