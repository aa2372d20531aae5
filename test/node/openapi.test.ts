/** The spec, judged in Node by a maintained OpenAPI validator, and guarded by the committed snapshot. */
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
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
        for (const p of (op.parameters as { name: string; description?: string; schema?: { example?: unknown } }[]) ??
          []) {
          if (!p.description) missing.push(`${where}: parameter ${p.name} has no description`);
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
