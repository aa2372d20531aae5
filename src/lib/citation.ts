/**
 * Ready-made citations for bots: a record's statement with its sources, as plain text and Markdown, with a
 * permalink. One builder, used by every record kind and every representation.
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { presentSource } from "../present/sources";
import { absolute } from "./urls";

type SourceOut = ReturnType<typeof presentSource>;

export const CitationSchema = z
  .object({
    text: z.string().openapi({
      description: "The statement and its sources in plain text, ready to paste.",
      example:
        "Apple's much-watched \"China AI partner\" has ultimately been settled as Alibaba. — Sources: The Information (2025-02); Gate, Kiki (2025-02). https://api.example/facts/apple-selected-alibaba-china-ai-partner",
    }),
    markdown: z.string().openapi({
      description: "The same in Markdown, with links.",
      example:
        "> Apple's much-watched \"China AI partner\" has ultimately been settled as Alibaba.\n\n— [The Information](https://api.example/v1/sources/the-information-apple-alibaba-report) (2025-02) · [permalink](https://api.example/facts/apple-selected-alibaba-china-ai-partner)",
    }),
    permalink: z.string().openapi({
      description: "The record's human-readable page (unfurls with OpenGraph and oEmbed).",
      example: "https://api.example/facts/apple-selected-alibaba-china-ai-partner",
    }),
    sources: z
      .array(
        z.object({
          id: z.string().openapi({ description: "Source id.", example: "the-information-apple-alibaba-report" }),
          title: z.string().openapi({ description: "Source title.", example: "Apple and Alibaba partner on AI in China" }),
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

export function citationOf(c: Context<AppEnv>, statement: string, link: string, sources: SourceOut[]): Citation {
  const cited = sources.map((s) => ({
    id: s.id,
    title: s.title,
    publisher: s.publisher.name,
    author: s.author,
    date: s.date.value,
    url: s.url,
    href: s.href,
  }));
  const plain = cited.map((s) => `${s.publisher}${s.author ? `, ${s.author}` : ""} (${s.date})`).join("; ");
  const md = cited
    .map((s) => `[${s.publisher}${s.author ? `, ${s.author}` : ""}](${s.url ?? s.href}) (${s.date})`)
    .join("; ");
  const label = cited.length === 1 ? "Source" : "Sources";
  return {
    text: `${statement} — ${label}: ${plain}. ${link}`,
    markdown: `> ${statement.replaceAll("\n", "\n> ")}\n\n— ${md} · [permalink](${link})`,
    permalink: link,
    sources: cited,
  };
}
