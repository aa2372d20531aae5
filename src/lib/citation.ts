/**
 * The Citation in the contract: how a record is quoted and cited. Built by src/compose/citation.ts.
 */
import { z } from "@hono/zod-openapi";

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
    pinned: z.string().openapi({
      description:
        "The record as the release that answered has it, forever: its pinned URL (`/v1/releases/{version}/…`, immutable). Cite it when the exact wording matters; `permalink` follows the record as it changes.",
      example: "https://api.example/v1/releases/3f9a1c2b7d4e/facts/apple-selected-alibaba-china-ai-partner",
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
