import { createRoute, z } from "@hono/zod-openapi";
import { strictQuery } from "../../openapi/query";
import { commonErrors, idParam, int32, jsonContent, langQuery, problemResponse } from "../../openapi/schemas";

const html = (description: string, example: string) => ({
  description,
  headers: {
    "Content-Security-Policy": {
      description: "Strict: no script, styles only from this origin, no framing.",
      schema: { type: "string" as const },
    },
  },
  content: {
    "text/html": {
      schema: z.string().openapi({ description: "An HTML5 document.", example }),
    },
  },
});

const PAGE_NOTE =
  'A small server-rendered HTML page (no script) for people and unfurlers: the statement, its sources and a ready citation, links to related records, OpenGraph and Twitter card meta tags, the schema.org JSON-LD in a `script` element of type `application/ld+json`, `<link rel="alternate">` to the JSON record and to oEmbed, and `<link rel="canonical">`. `?lang=` or `Accept-Language` picks the language (`<html lang>`). Bots: link this URL as the permalink (it is the `permalink` of the record\'s `citation`).';

const notFound = (what: string) =>
  html(
    `No ${what} has this id: an HTML page (always HTML, so browsers and unfurlers show it) listing close ids.`,
    '<!doctype html><html lang="en">…<h1>Not found</h1>…</html>',
  );

export const factPage = createRoute({
  method: "get",
  path: "/facts/{id}",
  operationId: "getFactPage",
  tags: ["Facts"],
  summary: "Fact permalink page (HTML)",
  description: `The permalink of a fact. ${PAGE_NOTE} The JSON-LD is a schema.org \`Claim\`: its \`text\`, \`author\`, \`datePublished\` and \`appearance\` (the sources).`,
  request: {
    params: z.object({ id: idParam("Fact id.", "apple-selected-alibaba-china-ai-partner") }),
    query: strictQuery({ lang: langQuery }),
  },
  responses: {
    200: html(
      "The fact's page.",
      '<!doctype html><html lang="en">…<h1>Apple\'s much-watched "China AI partner" has ultimately been settled as Alibaba.</h1>…</html>',
    ),
    404: notFound("fact"),
    ...commonErrors,
  },
});

export const entityPage = createRoute({
  method: "get",
  path: "/entities/{id}",
  operationId: "getEntityPage",
  tags: ["Entities"],
  summary: "Entity permalink page (HTML)",
  description: `The permalink of an entity: its names, aliases, relations, partnerships and the facts about it. ${PAGE_NOTE} The JSON-LD is an \`Organization\`, \`Person\`, \`Product\`, \`SoftwareApplication\`, \`GovernmentOrganization\`, \`Legislation\`, \`NewsMediaOrganization\` or \`Place\` by the entity's type. A former id or an alias redirects (308) to the canonical page.`,
  request: {
    params: z.object({ id: idParam("Entity id (a former id or an alias redirects).", "alibaba-group") }),
    query: strictQuery({ lang: langQuery }),
  },
  responses: {
    200: html("The entity's page.", '<!doctype html><html lang="en">…<h1>Alibaba Group</h1>…</html>'),
    308: {
      description: "A former id or an alias: `Location` is the canonical page.",
      headers: {
        Location: {
          description: "The canonical page.",
          schema: { type: "string" as const, format: "uri-reference", maxLength: 2048 },
        },
      },
    },
    404: notFound("entity"),
    ...commonErrors,
  },
});

export const partnershipPage = createRoute({
  method: "get",
  path: "/partnerships/{id}",
  operationId: "getPartnershipPage",
  tags: ["Partnerships"],
  summary: "Partnership permalink page (HTML)",
  description: `The permalink of a partnership: the two parties, the status and its history, the reasons given and the timeline. ${PAGE_NOTE} The JSON-LD is a schema.org \`Thing\` (schema.org has no partnership type) with the sources as \`subjectOf\`.`,
  request: {
    params: z.object({ id: idParam("Partnership id.", "apple-alibaba-apple-intelligence-china") }),
    query: strictQuery({ lang: langQuery }),
  },
  responses: {
    200: html(
      "The partnership's page.",
      '<!doctype html><html lang="en">…<h1>Apple × Alibaba Group: Bringing Apple Intelligence to China</h1>…</html>',
    ),
    404: notFound("partnership"),
    ...commonErrors,
  },
});

export const OembedSchema = z
  .object({
    type: z.literal("rich").openapi({ description: "Always rich: the card is HTML.", example: "rich" }),
    version: z.literal("1.0").openapi({ description: "The oEmbed version.", example: "1.0" }),
    title: z.string().openapi({
      description: "The record's statement or name.",
      example: 'Apple\'s much-watched "China AI partner" has ultimately been settled as Alibaba.',
    }),
    author_name: z
      .string()
      .optional()
      .openapi({ description: "The publisher of the record's first source.", example: "The Information" }),
    author_url: z.string().optional().openapi({
      description: "Where that source can be read (its URL, or the source in this API).",
      example: "https://api.example/v1/sources/the-information-apple-alibaba-report",
    }),
    provider_name: z.literal("Alliance Facts API").openapi({ description: "This API.", example: "Alliance Facts API" }),
    provider_url: z.string().openapi({ description: "This API's origin.", example: "https://api.example/" }),
    cache_age: int32(0, 86400).openapi({ description: "Seconds the answer may be cached.", example: 300 }),
    thumbnail_url: z.string().openapi({
      description: "The record's share card: a 1200×630 PNG (`/v1/{kind}/{id}/card.png`), in the card's language.",
      example: "https://api.example/v1/facts/apple-selected-alibaba-china-ai-partner/card.png",
    }),
    thumbnail_width: int32(1200, 1200).openapi({ description: "The card's width in pixels.", example: 1200 }),
    thumbnail_height: int32(630, 630).openapi({ description: "The card's height in pixels.", example: 630 }),
    html: z.string().openapi({
      description:
        "The card: a `<blockquote>` with the statement, its sources and a link to the permalink. No script; safe to embed.",
      example:
        '<blockquote class="alliance-facts-card" lang="en" cite="https://api.example/facts/apple-selected-alibaba-china-ai-partner" style="margin:0;max-width:480px"><p>…</p></blockquote>',
    }),
    width: int32(1, 480).openapi({ description: "Card width in pixels (≤ maxwidth).", example: 480 }),
    height: int32(1, 4096).openapi({ description: "Estimated card height in pixels (≤ maxheight).", example: 168 }),
  })
  .openapi("Oembed", { description: "An oEmbed 1.0 response of type rich (https://oembed.com)." });

const dimension = (name: string, description: string, example: number) =>
  z.coerce
    .number({ error: "must be an integer between 1 and 4096" })
    .int({ error: "must be an integer between 1 and 4096" })
    .min(1, { error: "must be an integer between 1 and 4096" })
    .max(4096, { error: "must be an integer between 1 and 4096" })
    .optional()
    .openapi({ param: { name, in: "query" }, description, example });

export const oembed = createRoute({
  method: "get",
  path: "/oembed",
  operationId: "getOembed",
  tags: ["Meta"],
  summary: "oEmbed card for a permalink",
  description:
    'oEmbed 1.0 (https://oembed.com) for the permalinks of this API (`/facts/{id}`, `/entities/{id}`, `/partnerships/{id}` on this origin): an embeddable card of type `rich` with the statement, its sources and a link. Permalink pages advertise this endpoint with `<link rel="alternate" type="application/json+oembed">`. The language is the permalink\'s `?lang=`, else this request\'s `lang` or `Accept-Language`. Any other URL, or an unknown id, is a 404; `format=xml` is a 501 (only JSON is offered).',
  request: {
    query: strictQuery({
      url: z
        .string({ error: "required: the permalink to embed" })
        .min(1, { error: "required: the permalink to embed" })
        .max(2048, { error: "must be at most 2048 characters" })
        .openapi({
          param: { name: "url", in: "query" },
          description: "The permalink to embed (absolute, on this origin).",
          example: "https://api.example/facts/apple-selected-alibaba-china-ai-partner",
        }),
      format: z
        .enum(["json", "xml"])
        .optional()
        .openapi({
          param: { name: "format", in: "query" },
          description: "json (default). xml is answered 501 Not Implemented.",
          example: "json",
        }),
      maxwidth: dimension("maxwidth", "Largest width the consumer can show, in pixels (default and cap 480).", 400),
      maxheight: dimension("maxheight", "Largest height the consumer can show, in pixels.", 300),
      lang: langQuery,
    }),
  },
  responses: {
    200: jsonContent(OembedSchema, "The card."),
    404: problemResponse("The URL is not a permalink of this API, or no record has its id (type not-found)."),
    501: problemResponse("`format=xml`: only JSON is implemented (type not-implemented)."),
    ...commonErrors,
  },
});
