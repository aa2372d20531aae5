import { createRoute, z } from "@hono/zod-openapi";
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
import { EventIncludedSchema, EventSchema } from "../../openapi/models/events";

const tags = ["Events"];
export const EVENT_INCLUDES = ["sources", "entities"] as const;
const include = includeQuery(EVENT_INCLUDES, "sources,entities");

const PARTIAL_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
const RANGE_RULE =
  "A partial date stands for the whole period it names (2024 = all of 2024, 2024-06 = all of June 2024), and so does each event's date: an event matches when the two periods overlap. So `from=2024` includes events dated 2024, 2024-03 and 2024-03-05, and `to=2024-06` includes an event dated only 2024 (its year overlaps) but not one dated 2024-07.";
const DATE_RULE = "must be a date YYYY, YYYY-MM or YYYY-MM-DD";
/** Days in a month (1–12) of a year, by the proleptic Gregorian calendar. */
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dateQuery = (name: "from" | "to", lead: string, example: string) =>
  z
    .string()
    .max(10, { error: DATE_RULE })
    .regex(PARTIAL_DATE, { error: DATE_RULE })
    // The pattern allows a day up to 31 in any month: 2025-02-30 is no day at all, not the end of February.
    .superRefine((value, ctx) => {
      const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!day || !PARTIAL_DATE.test(value)) return;
      const days = daysIn(Number(day[1]), Number(day[2]));
      if (Number(day[3]) > days) {
        ctx.addIssue({ code: "custom", message: `must be a real calendar date: ${day[1]}-${day[2]} has ${days} days` });
      }
    })
    .optional()
    .openapi({
      param: { name, in: "query" },
      description: `${lead} (YYYY, YYYY-MM or YYYY-MM-DD). ${RANGE_RULE} \`from\` later than \`to\` is a 400.`,
      example,
    });

export const listEvents = createRoute({
  method: "get",
  path: "/v1/events",
  operationId: "listEvents",
  tags,
  summary: "List events",
  description:
    'Dated happenings on the story\'s timeline, ordered by date then id (a year-precision date such as "2024" sorts before the months of that year). Filter by participant (`entity`), by `partnership`, and by a date range (`from`, `to`, inclusive, overlap semantics). Every date carries its precision and certainty: an event dated "2024" with certainty `relative` means the article said "last year". Bots: quote each event\'s `citation.text` as is (the title and the date as precisely as known, its sources\' publishers and dates, and the link) or `citation.markdown`; when writing your own sentence, say the date at its precision ("in 2024", not a day), and cite `citation.sources`. `quote` is the original wording.',
  request: {
    query: strictQuery({
      entity: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "entity", in: "query" },
          description: "Only events this entity takes part in (an entity id).",
          example: "deepseek",
        }),
      partnership: z
        .string()
        .min(1)
        .max(80)
        .optional()
        .openapi({
          param: { name: "partnership", in: "query" },
          description: "Only events on this partnership's timeline (a partnership id).",
          example: "apple-baidu-apple-intelligence-china",
        }),
      from: dateQuery("from", "Only events on or after this date", "2024"),
      to: dateQuery("to", "Only events on or before this date", "2024-12"),
      include,
      lang: langQuery,
      limit: limitQuery,
      cursor: cursorQuery,
    }),
  },
  responses: {
    200: jsonContent(
      collectionOf(EventSchema, "EventList", "A page of events, by date then id.", EventIncludedSchema),
      "A page of events.",
    ),
    ...commonErrors,
  },
});

export const getEvent = createRoute({
  method: "get",
  path: "/v1/events/{id}",
  operationId: "getEvent",
  tags,
  summary: "Get an event",
  description:
    "One event: its date with precision and certainty, title, description, participants, the partnership it belongs to, the article's original sentence and its sources. Bots: quote `citation.text` as is (title, date, the sources' publishers and dates, the link) or `citation.markdown`; or quote `title` with `date.value` at its precision and cite `citation.sources`, linking `citation.permalink`.",
  request: {
    params: z.object({ id: idParam("Event id.", "apple-selects-baidu-main-partner") }),
    query: strictQuery({ include, lang: langQuery }),
  },
  responses: {
    200: jsonContent(singleOf(EventSchema, "EventResponse", "One event.", EventIncludedSchema), "The event."),
    404: problemResponse("No event has this id (type not-found); `suggestions` lists close ids."),
    ...commonErrors,
  },
});
