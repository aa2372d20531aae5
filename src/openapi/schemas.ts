/** Schemas shared by every operation: the envelopes, the problem, the common query parameters. */
import { z } from "@hono/zod-openapi";
import { LANGS } from "../dataset/schema";
import { matchLang } from "../lib/lang";
import { PROBLEM_TYPES } from "../lib/problem";

/**
 * The release in the document's examples. It stands for the serving release: the document served at
 * `/openapi.json` (and quoted by llms.txt) has it replaced by the version and content hash of the release that
 * answers (`servedDocument` in served.ts), so an example release URL resolves. Only the committed snapshot
 * and the generated client keep this stand-in.
 */
export const RELEASE_EXAMPLE = "3f9a1c2b7d4e";
export const CONTENT_HASH_EXAMPLE = `${RELEASE_EXAMPLE}5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b`;

/** The largest value of an int32, the format every integer of this API is declared with. */
export const INT32_MAX = 2_147_483_647;

/**
 * An integer in [min, max], declared as `format: int32` with its bounds (zod's own z.int32() is emitted as a
 * plain number by the OpenAPI generator, so the format is set explicitly).
 */
export const int32 = (min = 0, max = INT32_MAX) => z.number().int().min(min).max(max).openapi({ format: "int32" });

export const ProblemSchema = z
  .object({
    type: z.string().openapi({
      description: "URI reference naming the problem type; GET it for its documentation.",
      example: "/problems/invalid-parameter",
    }),
    title: z.string().openapi({ description: "Short summary of the problem type.", example: "Invalid parameter" }),
    status: int32(400, 599).openapi({ description: "The HTTP status code.", example: 400 }),
    detail: z.string().openapi({
      description: "What went wrong with this request, for a human.",
      example: "limit must be an integer between 1 and 100",
    }),
    instance: z
      .string()
      .openapi({ description: "The path and query of the request.", example: "/v1/entities?limit=500" }),
    request_id: z.string().openapi({
      description: "This request's id, also sent as `X-Request-Id`; quote it when reporting a problem.",
      example: "3f1c0e9a6b2d4c58",
    }),
    errors: z
      .array(
        z.object({
          parameter: z.string().openapi({ description: "The offending parameter.", example: "limit" }),
          in: z.enum(["query", "path", "header"]).openapi({ description: "Where the parameter is.", example: "query" }),
          detail: z.string().openapi({
            description: "What is wrong and what is allowed.",
            example: "must be an integer between 1 and 100",
          }),
        }),
      )
      .optional()
      .openapi({ description: "One entry per invalid parameter (invalid-parameter, unknown-parameter)." }),
    allowed: z
      .array(z.string())
      .optional()
      .openapi({
        description: "The parameters this operation accepts (unknown-parameter).",
        example: ["lang", "limit", "cursor"],
      }),
    suggestions: z
      .array(z.string())
      .optional()
      .openapi({
        description: "Close ids that do exist (not-found); for a pinned URL naming no release, the published versions.",
        example: ["apple"],
      }),
    current: z.string().optional().openapi({
      description: "For a pinned URL whose release is no longer kept (gone): the same path in the release serving now.",
      example: "https://api.example/v1/facts/apple-selected-alibaba-china-ai-partner",
    }),
  })
  .openapi("Problem", {
    description: `RFC 9457 problem details. Types: ${Object.entries(PROBLEM_TYPES)
      .map(([k, v]) => `\`/problems/${k}\` (${v.status}) ${v.description}`)
      .join(" ")}`,
  });

export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The error responses every operation can give. */
export const commonErrors = {
  400: problemResponse(
    "A parameter is invalid or unknown, or there are more than 32 (types invalid-parameter, unknown-parameter, invalid-cursor, too-many-parameters).",
  ),
  414: problemResponse("The URL is longer than 4,096 characters (type uri-too-long)."),
  429: problemResponse("Rate limit exceeded (type rate-limited); see `Retry-After`."),
  431: problemResponse("The request headers take more than 16 KiB (type header-fields-too-large)."),
  500: problemResponse("Unexpected error (type internal-error); carries the request id, never internals."),
  503: problemResponse(
    "The database failed or overran its deadline and no cache holds this answer (type service-unavailable; see `Retry-After`), or no release is published yet (type no-release).",
  ),
} as const;

export const LangSchema = z.enum(LANGS).openapi({
  description:
    "Language of texts and names: en, ja, zh (Simplified Chinese) or zh-Hant (Traditional Chinese, converted from the Simplified text at publish). `Content-Language` gives the BCP 47 tag of the same language (`zh` answers as `zh-Hans`). The values may grow within v1 as languages are added: treat an unknown one as a language you do not know.",
  example: "en",
  "x-extensible-enum": true,
});

/** The 400's words for a `lang` that names no served language. */
export const LANG_ERROR = `must be one of ${LANGS.map((l) => JSON.stringify(l)).join(", ")} or a BCP 47 tag for one (zh-CN, zh-TW, zh-Hans, ja-JP…)`;

export const langQuery = z
  .string()
  .max(35, { error: LANG_ERROR })
  .refine((tag) => matchLang(tag) !== null, { error: LANG_ERROR })
  .optional()
  .openapi({
    param: { name: "lang", in: "query" },
    description:
      "Language of texts and names, as a BCP 47 tag matched case-insensitively: `en` (and `en-US`, `en-GB`…), `ja` (`ja-JP`), Simplified Chinese `zh` (`zh-Hans`, `zh-CN`, `zh-SG`, or `zh` with any other region) and Traditional Chinese `zh-Hant` (`zh-Hant-TW`, `zh-TW`, `zh-HK`, `zh-MO`). Wins over `Accept-Language`, which is matched the same way range by range (q-values honoured); default en. `Content-Language` names the variant that answered (`en`, `ja`, `zh-Hans`, `zh-Hant`) and `meta.lang` its key (`en`, `ja`, `zh`, `zh-Hant`). A text missing in that language is served in English and listed in the record's `fallback`.",
    example: "ja",
  });

/**
 * A page size or a number of hits, 1–`max`: one rule for every bad value (not a number, a fraction, out of
 * range), so the 400 says what is allowed rather than which check failed.
 */
export const countQuery = (max: number, description: string, example: number) => {
  const rule = { error: `must be an integer between 1 and ${max}` };
  return z.coerce
    .number(rule)
    .int(rule)
    .min(1, rule)
    .max(max, rule)
    .optional()
    .openapi({ param: { name: "limit", in: "query" }, description, example, format: "int32" });
};

export const limitQuery = countQuery(100, "Page size, 1–100 (default 20).", 20);

export const cursorQuery = z
  .string()
  .min(1)
  .max(512, { error: "must be at most 512 characters; use meta.next_cursor of the previous page as it is" })
  .optional()
  .openapi({
    param: { name: "cursor", in: "query" },
    description: 'Opaque cursor from `meta.next_cursor` or the `Link: rel="next"` header of the previous page.',
    example: "eyJrIjpbImFwcGxlIl19",
  });

export const idParam = (description: string, example: string) =>
  z
    .string()
    .min(1)
    .max(200, { error: "must be at most 200 characters" })
    .openapi({ param: { name: "id", in: "path" }, description, example });

export const MetaSchema = z
  .object({
    release: z.string().openapi({
      description: "Version (content hash) of the dataset release that answered.",
      example: RELEASE_EXAMPLE,
    }),
    lang: LangSchema,
  })
  .openapi("Meta", { description: "About the answer: the release and the language." });

export const CollectionMetaSchema = MetaSchema.extend({
  limit: int32(1, 100).openapi({ description: "The page size used.", example: 20 }),
  next_cursor: z
    .string()
    .nullable()
    .openapi({ description: "Cursor of the next page, or null on the last page.", example: null }),
}).openapi("CollectionMeta", { description: "About the page: release, language, page size and the next cursor." });

export const LinksSchema = z
  .object({
    self: z.string().openapi({ description: "This page's URL.", example: "https://api.example/v1/entities?limit=20" }),
    next: z.string().nullable().openapi({ description: "The next page's URL, or null.", example: null }),
  })
  .openapi("CollectionLinks", { description: "Links of a page." });

export const SelfLinkSchema = z
  .object({
    self: z.string().openapi({ description: "This record's URL.", example: "https://api.example/v1/entities/apple" }),
  })
  .openapi("RecordLinks", { description: "Links of a record." });

/** A page of records; with an `included` schema, the related records `include=` embeds. */
export const collectionOf = <T extends z.ZodTypeAny, I extends z.ZodTypeAny = z.ZodNever>(
  item: T,
  name: string,
  description: string,
  included?: I,
) =>
  z
    .object({
      data: z.array(item).openapi({ description: "The records of this page." }),
      ...(included ? { included: included.optional() } : {}),
      meta: CollectionMetaSchema,
      links: LinksSchema,
    })
    .openapi(name, { description }) as z.ZodObject<{
    data: z.ZodArray<T>;
    included: z.ZodOptional<I>;
    meta: typeof CollectionMetaSchema;
    links: typeof LinksSchema;
  }>;

/** One record; with an `included` schema, the related records `include=` embeds. */
export const singleOf = <T extends z.ZodTypeAny, I extends z.ZodTypeAny = z.ZodNever>(
  item: T,
  name: string,
  description: string,
  included?: I,
) =>
  z
    .object({
      data: item,
      ...(included ? { included: included.optional() } : {}),
      meta: MetaSchema,
      links: SelfLinkSchema,
    })
    .openapi(name, { description }) as z.ZodObject<{
    data: T;
    included: z.ZodOptional<I>;
    meta: typeof MetaSchema;
    links: typeof SelfLinkSchema;
  }>;

export const jsonContent = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** Free text from the client (search terms): trimmed, 1–100 characters, no control characters. */
export const textQuery = () =>
  z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(100, { error: "must be at most 100 characters" })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { error: "must not contain control characters" });
