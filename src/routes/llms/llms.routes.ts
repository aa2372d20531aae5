import { createRoute, z } from "@hono/zod-openapi";
import { strictQuery } from "../../openapi/query";
import { commonErrors, langQuery } from "../../openapi/schemas";

const markdown = (description: string, example: string) => ({
  description,
  content: { "text/markdown": { schema: z.string().openapi({ description: "Markdown (CommonMark).", example }) } },
});

export const llmsTxt = createRoute({
  method: "get",
  path: "/llms.txt",
  operationId: "getLlmsTxt",
  tags: ["Meta"],
  summary: "llms.txt for LLM agents",
  description:
    "An index of this API for LLM agents, in the llms.txt layout (https://llmstxt.org): an H1, a summary, then sections of links with notes — the operations (from this OpenAPI document), the stories, facts (their permalink and text), entities and partnerships of the current release (the first 200 of each kind in id order; past that, a last line links the collection), and under Optional the full dataset and the bulk and change-feed operations. Generated from the data and the spec; `?lang=` picks the language of the texts.",
  request: { query: strictQuery({ lang: langQuery }) },
  responses: {
    200: markdown(
      "The llms.txt file.",
      "# Alliance Facts API\n\n> A read-only JSON API of citable facts…\n\n## API\n\n- [OpenAPI document](https://api.example/openapi.json): …",
    ),
    ...commonErrors,
  },
});

export const llmsFullTxt = createRoute({
  method: "get",
  path: "/llms-full.txt",
  operationId: "getLlmsFullTxt",
  tags: ["Meta"],
  summary: "The whole dataset as Markdown for LLM agents",
  description:
    "The current release as one compact Markdown document: the sources, then per story its entities, figures (values, conditions, sources), budgets, partnerships (status history and reasons), events by date, and facts, each fact as its ready citation (statement — sources, permalink). Bots: quote a fact's line as is; it carries its citation. Streamed as it is read (a page of records at a time), so it has no Content-Length and no Content-Digest or signature; each record is digested and signed at its own URL.",
  request: { query: strictQuery({ lang: langQuery }) },
  responses: {
    200: markdown(
      "The whole dataset in Markdown.",
      '# Alliance Facts API: full dataset\n\n…\n### Facts\n\n- (reported) Apple\'s much-watched "China AI partner" has ultimately been settled as Alibaba. — Sources: The Information (2025-02); Kiki, Gate (2025-02). https://api.example/facts/apple-selected-alibaba-china-ai-partner',
    ),
    ...commonErrors,
  },
});
