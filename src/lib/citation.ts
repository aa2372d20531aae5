/**
 * Ready-made citations for bots: a record's statement with its sources, as plain text and Markdown, with a
 * permalink. One builder, used by every record kind and every representation.
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Lang } from "../dataset/schema";
import type { AppEnv } from "../env";
import { loadSources, type presentSource } from "../present/sources";
import { citationsOf } from "../queries/sources";
import { absolute } from "./urls";
import { citationOf as buildCitation } from "../compose/citation";

type SourceOut = ReturnType<typeof presentSource>;

export const CitationSchema = z
  .object({
    text: z.string().openapi({
      description:
        "The statement, its sources (publisher, author, date) and the permalink in plain text, in the answer's language: ready to paste as is.",
      example:
        'Apple\'s much-watched "China AI partner" has ultimately been settled as Alibaba. — Sources: The Information (2025-02); Kiki, Gate (2025-02). https://api.example/facts/apple-selected-alibaba-china-ai-partner',
    }),
    markdown: z.string().openapi({
      description: "The same in Markdown: the statement as a quote, then the sources and the permalink as links.",
      example:
        '> Apple\'s much-watched "China AI partner" has ultimately been settled as Alibaba.\n\n— Sources: [The Information](https://api.example/v1/sources/the-information-apple-alibaba-report) (2025-02); [Kiki](https://api.example/v1/sources/gate-kiki-apple-alibaba-ai-alliance), Gate (2025-02) · [permalink](https://api.example/facts/apple-selected-alibaba-china-ai-partner)',
    }),
    permalink: z.string().openapi({
      description: "The record's human-readable page (unfurls with OpenGraph and oEmbed).",
      example: "https://api.example/facts/apple-selected-alibaba-china-ai-partner",
    }),
    sources: z
      .array(
        z.object({
          id: z.string().openapi({ description: "Source id.", example: "the-information-apple-alibaba-report" }),
          title: z.string().openapi({
            description: "Source title.",
            example: "The Information's report on Apple partnering with Alibaba for Apple Intelligence in China",
          }),
          publisher: z.string().openapi({ description: "Publisher's name.", example: "The Information" }),
          author: z.string().nullable().openapi({ description: "Author, when known.", example: null }),
          date: z.string().openapi({ description: "Publication date, as precise as known.", example: "2025-02" }),
          url: z.string().nullable().openapi({ description: "Where to read it, when known.", example: null }),
          href: z.string().openapi({
            description: "The source in this API.",
            example: "https://api.example/v1/sources/the-information-apple-alibaba-report",
          }),
        }),
      )
      .max(20)
      .openapi({ description: "The sources cited, in order, with publishers and dates." }),
  })
  .openapi("Citation", { description: "How to quote and cite the record." });

export type Citation = z.infer<typeof CitationSchema>;

const PAGE_KINDS = new Set(["facts", "entities", "partnerships"]);

/** `/facts/{id}` for kinds with an HTML page, else the API URL. */
export function permalink(c: Context<AppEnv>, kind: string, id: string) {
  return absolute(c, PAGE_KINDS.has(kind) ? `/${kind}/${id}` : `/v1/${kind}/${id}`);
}

/**
 * The citation of a statement, in the request's language (or `lang`): the one builder (src/compose/citation.ts)
 * over sources presented from the tables.
 */
export function citationOf(
  c: Context<AppEnv>,
  statement: string,
  link: string,
  sources: SourceOut[],
  lang: Lang = c.get("lang") ?? "en",
): Citation {
  return buildCitation(statement, link, sources, lang);
}

/**
 * Citations for a page of records of one kind: the cited source ids in citation order (one query) and the
 * sources themselves (one query), whatever the page size. `citation(id, statement, link)` then builds each.
 */
export async function citationsFor(c: Context<AppEnv>, kind: string, ids: readonly string[]) {
  const cites = ids.length
    ? await citationsOf(c.get("db"), c.get("release").version, kind, ids)
    : new Map<string, string[]>();
  const loaded = await loadSources(c, [...cites.values()].flat());
  const byId = new Map(loaded.map((s) => [s.id, s]));
  const sourcesOf = (id: string) =>
    (cites.get(id) ?? []).map((s) => byId.get(s)).filter((s): s is SourceOut => s !== undefined);
  return {
    /** Source ids of a record, in citation order. */
    ids: (id: string) => cites.get(id) ?? [],
    /** Presented sources of a record, in citation order. */
    sourcesOf,
    /** Every presented source loaded, by id (for `included.sources`). */
    loaded,
    citation: (id: string, statement: string, link: string) => citationOf(c, statement, link, sourcesOf(id)),
  };
}
