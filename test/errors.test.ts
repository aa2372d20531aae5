/**
 * One error vocabulary, tested to the word: every bad request below is answered with an RFC 9457 problem
 * whose whole body is asserted — its type, its exact `detail` and each `errors[]` entry with the parameter,
 * where it was and the rule it broke. The rules (src/openapi/hook.ts):
 * - a parameter given twice where it takes one value: `limit: give one value, not 2` (a list parameter adds
 *   how to send a list: comma-separated, in one value);
 * - a required parameter missing: `q is required`; an empty or blank value: `cursor must not be empty`;
 * - an impossible calendar date is rejected, naming the parameter and the month's length;
 * - any other bad value: the parameter's rule in its own words (`limit must be an integer between 1 and 100`).
 */
import { describe, expect, it } from "vitest";
import { FACT_TOPICS, ENTITY_TYPES } from "../src/dataset/schema";
import { PROBLEM_TYPES } from "../src/lib/problem";
import { request } from "./helpers";
import { expectDocumented } from "./spec";

type In = "query" | "path";
type Row = [path: string, detail: string, errors: [parameter: string, at: In, rule: string][]];

const oneOf = (values: readonly string[]) => `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
const LANG = `${oneOf(["en", "ja", "zh", "zh-Hant"])} or a BCP 47 tag for one (zh-CN, zh-TW, zh-Hans, ja-JP…)`;
const DATE = "must be a date YYYY, YYYY-MM or YYYY-MM-DD";
const LIMIT = "must be an integer between 1 and 100";
const MODEL = "qwen-2-2b-pruned";
const BUDGET = "apple-core-ml-on-device-model-budget";
const PARAMETERS_RULE = "must be a parameter count such as 2.2B, 7e9 or 500M, between 1M and 10T";
const BITS_RULE = "must be the bits per weight, a number from 1 to 64, or one of FP32, FP16, BF16, INT8, INT4";

/** invalid-parameter: each request, its detail, and its errors in order. */
const INVALID: Row[] = [
  // A parameter given more than once where it takes one value.
  ["/v1/entities?limit=1&limit=2", "limit: give one value, not 2", [["limit", "query", "give one value, not 2"]]],
  [
    "/v1/facts?topic=model_budget&topic=market",
    "topic: give one value, not 2",
    [["topic", "query", "give one value, not 2"]],
  ],
  [
    "/v1/facts?status=reported&status=reported",
    "status: give one value, not 2",
    [["status", "query", "give one value, not 2"]],
  ],
  [
    "/v1/events?from=2024&from=2025&from=2026",
    "from: give one value, not 3",
    [["from", "query", "give one value, not 3"]],
  ],
  ["/v1/search?q=qwen&q=baidu", "q: give one value, not 2", [["q", "query", "give one value, not 2"]]],
  ["/v1/entities/apple?lang=ja&lang=en", "lang: give one value, not 2", [["lang", "query", "give one value, not 2"]]],
  ["/v1/facts?cursor=a&cursor=b", "cursor: give one value, not 2", [["cursor", "query", "give one value, not 2"]]],
  [
    `/v1/budget-checks?model=${MODEL}&model=${MODEL}&budget=${BUDGET}`,
    "model: give one value, not 2",
    [["model", "query", "give one value, not 2"]],
  ],
  [
    "/v1/budget-estimate?parameters=2B&parameters=7B&bits=16",
    "parameters: give one value, not 2",
    [["parameters", "query", "give one value, not 2"]],
  ],
  // …a list parameter says how to send a list.
  [
    "/v1/facts?include=sources&include=entities",
    "include: give one value, not 2 (a list is comma-separated: include=sources,entities)",
    [["include", "query", "give one value, not 2 (a list is comma-separated: include=sources,entities)"]],
  ],
  [
    "/v1/search?q=qwen&type=entity&type=fact",
    "type: give one value, not 2 (a list is comma-separated: type=entity,fact)",
    [["type", "query", "give one value, not 2 (a list is comma-separated: type=entity,fact)"]],
  ],
  // A required parameter missing.
  ["/v1/search", "q is required", [["q", "query", "is required"]]],
  ["/v1/search?type=entity", "q is required", [["q", "query", "is required"]]],
  [`/v1/budget-checks?budget=${BUDGET}`, "model is required", [["model", "query", "is required"]]],
  [
    "/v1/budget-checks",
    "model is required; budget is required",
    [
      ["model", "query", "is required"],
      ["budget", "query", "is required"],
    ],
  ],
  ["/v1/budget-estimate?bits=FP16", "parameters is required", [["parameters", "query", "is required"]]],
  ["/oembed", "url is required", [["url", "query", "is required"]]],
  // An empty (or blank) value.
  ["/v1/facts?cursor=", "cursor must not be empty", [["cursor", "query", "must not be empty"]]],
  ["/v1/search?q=", "q must not be empty", [["q", "query", "must not be empty"]]],
  ["/v1/search?q=%20%20", "q must not be empty", [["q", "query", "must not be empty"]]],
  ["/v1/entities?limit=", "limit must not be empty", [["limit", "query", "must not be empty"]]],
  ["/v1/entities?type=", "type must not be empty", [["type", "query", "must not be empty"]]],
  ["/v1/facts?include=", "include must not be empty", [["include", "query", "must not be empty"]]],
  ["/v1/entities?lang=", "lang must not be empty", [["lang", "query", "must not be empty"]]],
  [`/v1/budget-checks?model=&budget=${BUDGET}`, "model must not be empty", [["model", "query", "must not be empty"]]],
  ["/oembed?url=", "url must not be empty", [["url", "query", "must not be empty"]]],
  // Dates: the format, and days that no calendar has.
  [
    "/v1/events?from=2025-02-30",
    "from must be a real calendar date: 2025-02 has 28 days",
    [["from", "query", "must be a real calendar date: 2025-02 has 28 days"]],
  ],
  [
    "/v1/events?to=2024-02-30",
    "to must be a real calendar date: 2024-02 has 29 days",
    [["to", "query", "must be a real calendar date: 2024-02 has 29 days"]],
  ],
  [
    "/v1/events?from=2024-04-31",
    "from must be a real calendar date: 2024-04 has 30 days",
    [["from", "query", "must be a real calendar date: 2024-04 has 30 days"]],
  ],
  [
    "/v1/events?from=1900-02-29",
    "from must be a real calendar date: 1900-02 has 28 days",
    [["from", "query", "must be a real calendar date: 1900-02 has 28 days"]],
  ],
  ["/v1/events?from=2024-13", `from ${DATE}`, [["from", "query", DATE]]],
  ["/v1/events?to=24", `to ${DATE}`, [["to", "query", DATE]]],
  ["/v1/events?from=2024-1-5", `from ${DATE}`, [["from", "query", DATE]]],
  // Numbers: one rule whatever is wrong with the value.
  ["/v1/entities?limit=500", `limit ${LIMIT}`, [["limit", "query", LIMIT]]],
  ["/v1/entities?limit=0", `limit ${LIMIT}`, [["limit", "query", LIMIT]]],
  ["/v1/entities?limit=abc", `limit ${LIMIT}`, [["limit", "query", LIMIT]]],
  ["/v1/facts?limit=1.5", `limit ${LIMIT}`, [["limit", "query", LIMIT]]],
  [
    "/v1/search?q=qwen&limit=51",
    "limit must be an integer between 1 and 50",
    [["limit", "query", "must be an integer between 1 and 50"]],
  ],
  [
    "/oembed?url=https%3A%2F%2Fapi.test%2Ffacts%2Fx&maxwidth=0",
    "maxwidth must be an integer between 1 and 4096",
    [["maxwidth", "query", "must be an integer between 1 and 4096"]],
  ],
  // Enumerations and lists.
  ["/v1/entities?lang=fr", `lang ${LANG}`, [["lang", "query", LANG]]],
  ["/v1/facts?topic=weather", `topic ${oneOf(FACT_TOPICS)}`, [["topic", "query", oneOf(FACT_TOPICS)]]],
  ["/v1/entities?type=company", `type ${oneOf(ENTITY_TYPES)}`, [["type", "query", oneOf(ENTITY_TYPES)]]],
  [
    "/v1/facts/apple-selected-alibaba-china-ai-partner?format=xml",
    `format ${oneOf(["json", "text", "markdown", "jsonld"])}`,
    [["format", "query", oneOf(["json", "text", "markdown", "jsonld"])]],
  ],
  [
    "/v1/facts?include=sources,figures",
    "include must be a comma-separated list of: sources, entities",
    [["include", "query", "must be a comma-separated list of: sources, entities"]],
  ],
  [
    "/v1/facts?include=sources,",
    "include must be a comma-separated list of: sources, entities",
    [["include", "query", "must be a comma-separated list of: sources, entities"]],
  ],
  [
    "/v1/search?q=qwen&type=budget",
    "type must be a comma-separated list of: entity, fact, event, source",
    [["type", "query", "must be a comma-separated list of: entity, fact, event, source"]],
  ],
  // Text and ids: lengths and characters.
  [
    `/v1/search?q=${"a".repeat(101)}`,
    "q must be at most 100 characters",
    [["q", "query", "must be at most 100 characters"]],
  ],
  [
    "/v1/entities?q=a%00b",
    "q must not contain control characters",
    [["q", "query", "must not contain control characters"]],
  ],
  [
    `/v1/entities?story=${"s".repeat(81)}`,
    "story must be at most 80 characters",
    [["story", "query", "must be at most 80 characters"]],
  ],
  [
    `/v1/facts?cursor=${"c".repeat(513)}`,
    "cursor must be at most 512 characters; use meta.next_cursor of the previous page as it is",
    [["cursor", "query", "must be at most 512 characters; use meta.next_cursor of the previous page as it is"]],
  ],
  [
    `/v1/facts/${"x".repeat(201)}`,
    "id must be at most 200 characters",
    [["id", "path", "must be at most 200 characters"]],
  ],
  [
    "/problems/no-such-problem",
    `type ${oneOf(Object.keys(PROBLEM_TYPES))}`,
    [["type", "path", oneOf(Object.keys(PROBLEM_TYPES))]],
  ],
  // Parsed values: the calculator's own rules.
  [
    "/v1/budget-estimate?parameters=seven&bits=16",
    `parameters ${PARAMETERS_RULE}`,
    [["parameters", "query", PARAMETERS_RULE]],
  ],
  ["/v1/budget-estimate?parameters=7B&bits=3.5.1", `bits ${BITS_RULE}`, [["bits", "query", BITS_RULE]]],
  [
    `/v1/budget-checks?model=not%20an%20id&budget=${BUDGET}`,
    "model must be the id of an entity of type model, e.g. qwen-2-2b-pruned",
    [["model", "query", "must be the id of an entity of type model, e.g. qwen-2-2b-pruned"]],
  ],
  // Several parameters at once: one entry each, in the operation's parameter order.
  [
    "/v1/entities?limit=0&lang=fr",
    `lang ${LANG}; limit ${LIMIT}`,
    [
      ["lang", "query", LANG],
      ["limit", "query", LIMIT],
    ],
  ],
  [
    "/v1/events?from=2025-02-30&to=2025-02-30&limit=1&limit=2",
    "from must be a real calendar date: 2025-02 has 28 days; to must be a real calendar date: 2025-02 has 28 days; limit: give one value, not 2",
    [
      ["from", "query", "must be a real calendar date: 2025-02 has 28 days"],
      ["to", "query", "must be a real calendar date: 2025-02 has 28 days"],
      ["limit", "query", "give one value, not 2"],
    ],
  ],
];

async function problemOf(path: string) {
  const res = await request(path);
  const body = (await res.json()) as Record<string, unknown>;
  return { res, body };
}

describe("one error vocabulary", () => {
  it("has a table of at least 40 bad requests", () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(40);
    expect(new Set(INVALID.map(([path]) => path)).size).toBe(INVALID.length);
  });

  it.each(INVALID)("%s → %s", async (path, detail, errors) => {
    const { res, body } = await problemOf(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json; charset=utf-8");
    expect(body).toEqual({
      type: "/problems/invalid-parameter",
      title: "Invalid parameter",
      status: 400,
      detail,
      instance: path,
      request_id: res.headers.get("X-Request-Id"),
      errors: errors.map(([parameter, at, rule]) => ({ parameter, in: at, detail: rule })),
    });
    await expectDocumented(path, res, body);
  });

  it("never shows zod's own words or a validator dump", async () => {
    for (const [path] of INVALID) {
      const { body } = await problemOf(path);
      expect(JSON.stringify(body), path).not.toMatch(
        /Invalid input|Too (?:big|small)|expected (?:string|number)|received|ZodError|"code"/,
      );
    }
  });

  it("lists, given once and comma-separated, are accepted where the API takes lists", async () => {
    for (const path of ["/v1/facts?include=sources,entities", "/v1/search?q=qwen&type=entity,fact"]) {
      const res = await request(path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
  });

  it("other problems keep the vocabulary: an unknown parameter, a cursor of another collection", async () => {
    const unknown = await problemOf("/v1?limitt=1");
    expect(unknown.body).toEqual({
      type: "/problems/unknown-parameter",
      title: "Unknown parameter",
      status: 400,
      detail: "Unknown query parameter: limitt. Allowed: lang.",
      instance: "/v1?limitt=1",
      request_id: unknown.res.headers.get("X-Request-Id"),
      errors: [{ parameter: "limitt", in: "query", detail: "not a parameter of this operation" }],
      allowed: ["lang"],
    });
    const cursor = await problemOf("/v1/facts?cursor=abc");
    expect(cursor.body).toEqual({
      type: "/problems/invalid-cursor",
      title: "Invalid cursor",
      status: 400,
      detail:
        "cursor: not a cursor of this collection. Use meta.next_cursor of the previous page, or omit it to start again.",
      instance: "/v1/facts?cursor=abc",
      request_id: cursor.res.headers.get("X-Request-Id"),
      errors: [{ parameter: "cursor", in: "query", detail: "not a cursor of this collection" }],
    });
  });
});
