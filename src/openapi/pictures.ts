/** The contract of a picture (SVG) answer, shared by the routes that draw one. */
import { createRoute, z } from "@hono/zod-openapi";
import { strictQuery } from "./query";
import { commonErrors, langQuery, problemResponse } from "./schemas";

export const svgContent = (description: string, example: string) => ({
  description,
  headers: {
    "Content-Security-Policy": {
      description: "`default-src 'none'`: the picture runs and loads nothing.",
      schema: { type: "string" as const },
    },
  },
  content: {
    "image/svg+xml": {
      schema: z.string().openapi({
        description:
          'An SVG 1.1 document with `role="img"`, a `<title>` and a `<desc>` (the picture\'s content as text), `xml:lang` set to the language; no script and no style element or attribute.',
        example,
      }),
    },
  },
});

/** What every picture promises, for the descriptions. */
export const PICTURE_NOTE =
  "Release-bound like every answer (strong `ETag`, `Cache-Control`, `Cache-Tag`); `?lang=` or `Accept-Language` picks the language of its words. Embed it with `<img src=… alt=…>`: the page's alt text can repeat the `<title>`.";

const CARD_KIND_NAMES = { facts: "fact", figures: "figure", entities: "entity", partnerships: "partnership" } as const;

/** The contract of a record's share card: `/v1/{kind}/{id}/card.png`. */
export function cardRoute(kind: keyof typeof CARD_KIND_NAMES, tag: string, operationId: string, example: string) {
  const noun = CARD_KIND_NAMES[kind];
  return createRoute({
    method: "get",
    path: `/v1/${kind}/{id}/card.png`,
    operationId,
    tags: [tag],
    summary: `Share card of a ${noun} (PNG, 1200×630)`,
    description: `The picture chat apps show when the ${noun}'s permalink is posted (the page's \`og:image\` and \`twitter:image\`, oEmbed's \`thumbnail_url\`): a 1200×630 PNG with the ${noun}'s ${kind === "entities" ? "name and description" : "statement"}${kind === "facts" || kind === "figures" ? " and its status" : ""}, the sources with their publishers and dates, the release and the site's name, in the language asked (Noto Sans with Noto Sans JP, SC or TC; every character drawn). Rendered in the worker on the first request of each release and language, then cached like every answer. ${PICTURE_NOTE.replace("`<img src=… alt=…>`", '`<meta property="og:image">`')}`,
    request: {
      params: z.object({
        id: z
          .string()
          .min(1)
          .max(200, { error: "must be at most 200 characters" })
          .openapi({
            param: { name: "id", in: "path" },
            description: `${noun[0]?.toUpperCase()}${noun.slice(1)} id.`,
            example,
          }),
      }),
      query: strictQuery({ lang: langQuery }),
    },
    responses: {
      200: {
        description: "The card.",
        content: {
          "image/png": {
            schema: z.string().openapi({ format: "binary", description: "A PNG image, 1200×630." }),
          },
        },
      },
      404: problemResponse(`No ${noun} has this id (type not-found); \`suggestions\` lists close ids.`),
      ...commonErrors,
    },
  });
}
