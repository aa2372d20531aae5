/**
 * The spec, judged in Node by a maintained OpenAPI validator, guarded by the committed snapshot, and checked
 * against the published v1 baseline for changes that would break v1 clients (scripts/openapi-breaking.ts).
 */
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { BASELINE, breakingChanges, compareSpecs } from "../../scripts/openapi-breaking";
import { currentSpec, SNAPSHOT } from "../../scripts/openapi";

const spec = JSON.parse(currentSpec());

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("matches the committed snapshot (run npm run openapi:write after a reviewed change)", () => {
    expect(JSON.parse(readFileSync(SNAPSHOT, "utf8"))).toEqual(spec);
  });

  it("describes every operation, parameter and field", () => {
    const missing: string[] = [];
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const key of ["operationId", "summary", "description", "tags"])
          if (!op[key]) missing.push(`${where}: ${key}`);
        const id = op.operationId as string;
        if (operationIds.has(id)) missing.push(`${where}: duplicate operationId ${id}`);
        operationIds.add(id);
        for (const declared of (op.parameters as ({ name: string; description?: string } | { $ref: string })[]) ?? []) {
          // A shared header parameter is declared once under components/parameters.
          const p =
            "$ref" in declared
              ? spec.components.parameters[declared.$ref.replace("#/components/parameters/", "")]
              : declared;
          if (!p) missing.push(`${where}: ${JSON.stringify(declared)} resolves to nothing`);
          else if (!p.description) missing.push(`${where}: parameter ${p.name} has no description`);
        }
        const responses = op.responses as Record<string, { description?: string }>;
        for (const [status, r] of Object.entries(responses))
          if (!r.description) missing.push(`${where}: ${status} has no description`);
        if (path.startsWith("/v1") && !responses["400"]) missing.push(`${where}: no 400 documented`);
      }
    }
    const walk = (schema: Record<string, unknown>, at: string) => {
      const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [name, prop] of Object.entries(props ?? {})) {
        const described =
          prop.description ||
          prop.$ref ||
          (prop.allOf as { description?: string }[] | undefined)?.some((x) => x.description);
        if (!described) missing.push(`${at}.${name}: no description`);
        walk(prop, `${at}.${name}`);
      }
      if (schema.items) walk(schema.items as Record<string, unknown>, `${at}[]`);
    };
    for (const [name, schema] of Object.entries<Record<string, unknown>>(spec.components.schemas)) walk(schema, name);
    expect(missing).toEqual([]);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as loose JSON
type Doc = any;
const param = (doc: Doc, path: string, name: string) =>
  doc.paths[path].get.parameters.find((p: { name: string }) => p.name === name);
/** Where a parameter of GET /v1/entities is in the current spec (diff paths name it by index). */
const at = (name: string) =>
  `paths./v1/entities.get.parameters.${spec.paths["/v1/entities"].get.parameters.findIndex((p: { name: string }) => p.name === name)}`;

describe("the breaking-change guard (published v1 baseline → current spec)", () => {
  it("finds no change that would break v1 clients (npx tsx scripts/openapi-breaking.ts lists them)", () => {
    const baseline = JSON.parse(readFileSync(BASELINE, "utf8"));
    expect(breakingChanges(baseline, spec).map((c) => `${c.action} ${c.path} ${c.description}`)).toEqual([]);
  });

  // Synthetic mutations of the real spec: each must be caught, so the guard cannot pass silently.
  const breaking: [string, (d: Doc) => void, string][] = [
    ["a removed path", (d) => delete d.paths["/v1/stories/{id}"], "remove paths./v1/stories/{id}.get"],
    [
      "a removed response field",
      (d) => {
        const story = d.components.schemas.Story;
        delete story.properties.headline;
        story.required = story.required.filter((k: string) => k !== "headline");
      },
      "remove paths./v1/stories/{id}.get.responses.200.content.application/json.schema.properties.data.properties.headline",
    ],
    [
      "a narrowed parameter type (string → integer)",
      (d) => {
        param(d, "/v1/entities", "q").schema = { type: "integer", format: "int32", minimum: 0, maximum: 9 };
      },
      `replace ${at("q")}.schema.type`,
    ],
    [
      "a narrowed parameter enum",
      (d) => param(d, "/v1/entities", "type").schema.enum.pop(),
      `remove ${at("type")}.schema.enum.${spec.paths["/v1/entities"].get.parameters.find((p: { name: string }) => p.name === "type").schema.enum.length - 1}`,
    ],
    [
      "a narrowed parameter range",
      (d) => {
        param(d, "/v1/entities", "limit").schema.maximum = 50;
      },
      `replace ${at("limit")}.schema.maximum`,
    ],
    [
      "a changed response field type (string → integer)",
      (d) => {
        d.components.schemas.Story.properties.headline.type = "integer";
      },
      "replace paths./v1/stories/{id}.get.responses.200.content.application/json.schema.properties.data.properties.headline.type",
    ],
    [
      "a response field that may now be null (3.1 type array)",
      (d) => {
        d.components.schemas.Story.properties.headline.type = ["string", "null"];
      },
      "add paths./v1/stories/{id}.get.responses.200.content.application/json.schema.properties.data.properties.headline.nullable",
    ],
    [
      "a new required parameter",
      (d) =>
        d.paths["/v1/entities"].get.parameters.push({
          name: "tenant",
          in: "query",
          required: true,
          description: "A new required parameter.",
          schema: { type: "string", maxLength: 20 },
        }),
      `add paths./v1/entities.get.parameters.${spec.paths["/v1/entities"].get.parameters.length}`,
    ],
  ];
  it.each(breaking)(
    "fails on %s",
    (_name, mutate, expected) => {
      const after = structuredClone(spec);
      mutate(after);
      const found = breakingChanges(spec, after).map((c) => `${c.action} ${c.path}`);
      expect(found).toContain(expected);
    },
    60_000,
  );

  const additive: [string, (d: Doc) => void][] = [
    [
      "a new optional parameter",
      (d) =>
        d.paths["/v1/entities"].get.parameters.push({
          name: "since",
          in: "query",
          description: "A new optional filter.",
          schema: { type: "string", maxLength: 10 },
        }),
    ],
    [
      "a new response field",
      (d) => {
        const story = d.components.schemas.Story;
        story.properties.updated_at = { type: "string", description: "A new field." };
        story.required.push("updated_at");
      },
    ],
    [
      "a new path",
      (d) => {
        d.paths["/v1/timelines"] = structuredClone(d.paths["/v1/stories"]);
        d.paths["/v1/timelines"].get.operationId = "listTimelines";
      },
    ],
    ["a wider parameter enum", (d) => param(d, "/v1/entities", "type").schema.enum.push("vehicle")],
    [
      "a nullable response field becoming never null",
      (d) => {
        d.components.schemas.Source.properties.author.type = "string";
      },
    ],
  ];
  it.each(additive)(
    "passes %s",
    (_name, mutate) => {
      const after = structuredClone(spec);
      mutate(after);
      const changes = compareSpecs(spec, after);
      expect(changes.length).toBeGreaterThan(0);
      expect(changes.filter((c) => c.type === "breaking").map((c) => `${c.action} ${c.path}`)).toEqual([]);
    },
    60_000,
  );
});
