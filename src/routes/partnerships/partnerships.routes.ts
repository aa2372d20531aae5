import { cardRoute } from "../../openapi/pictures";
import { createRoute, z } from "@hono/zod-openapi";
import { PARTNERSHIP_STATUSES } from "../../dataset/schema";
import { includeQuery } from "../../openapi/include";
import { strictQuery } from "../../openapi/query";
import {
  collectionOf,
  commonErrors,
  cursorQuery,
  idParam,
  jsonContent,
  langQuery,
  limitQuery,
  problemResponse,
  singleOf,
} from "../../openapi/schemas";
import { PartnershipDetailSchema, PartnershipIncludedSchema, PartnershipSchema } from "./partnerships.schemas";

const tags = ["Partnerships"];
export const PARTNERSHIP_INCLUDES = ["sources", "entities"] as const;
const include = includeQuery(PARTNERSHIP_INCLUDES, "sources,entities");
const citing =
  'Bots: say "<parties[0].name> and <parties[1].name>: <status>" with `subject`, quote `summary`, attribute reasons with basis `analysis` to the article\'s author, and cite `sources` (`include=sources` embeds them, together with the sources of every history step and reason).';

export const listPartnerships = createRoute({
  method: "get",
  path: "/v1/partnerships",
  operationId: "listPartnerships",
  tags,
  summary: "List partnerships",
  description: `Who courted whom and how it went, ordered by id: the two parties (the courting one first), the current status, its history oldest first, the reasons given and the sources. Filter by \`party\` (either side) or \`status\`. \`include=sources,entities\` embeds every source and party referenced. ${citing}`,
  request: {
    query: strictQuery({
      party: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "party", in: "query" },
          description: "Only partnerships this entity is a party to, on either side (an entity id).",
          example: "baidu",
        }),
      status: z
        .enum(PARTNERSHIP_STATUSES)
        .optional()
        .openapi({
          param: { name: "status", in: "query" },
          description: "Only partnerships whose current status is this.",
          example: "rumoured",
        }),
      include,
      lang: langQuery,
      limit: limitQuery,
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: jsonContent(
      collectionOf(PartnershipSchema, "PartnershipList", "A page of partnerships.", PartnershipIncludedSchema),
      "A page of partnerships.",
    ),
    ...commonErrors,
  },
});

export const getPartnership = createRoute({
  method: "get",
  path: "/v1/partnerships/{id}",
  operationId: "getPartnership",
  tags,
  summary: "Get a partnership",
  description: `One partnership with its status history, reasons and, embedded under \`events\`, the events of its timeline by date then id. \`include=sources,entities\` embeds every source and entity referenced, including those of the events. ${citing}`,
  request: {
    params: z.object({ id: idParam("Partnership id.", "apple-alibaba-apple-intelligence-china") }),
    query: strictQuery({ include, lang: langQuery }),
  },
  responses: {
    200: jsonContent(
      singleOf(
        PartnershipDetailSchema,
        "PartnershipResponse",
        "One partnership with its timeline.",
        PartnershipIncludedSchema,
      ),
      "The partnership.",
    ),
    404: problemResponse("No partnership has this id (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});

export const getPartnershipCard = cardRoute(
  "partnerships",
  "Partnerships",
  "getPartnershipCard",
  "apple-alibaba-apple-intelligence-china",
);
