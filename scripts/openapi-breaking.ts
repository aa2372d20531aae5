/**
 * Breaking-change guard for the published v1 contract: compares openapi/v1.baseline.json (what v1 clients were
 * promised) with the current spec, using api-smart-diff, and lists every change that would break a v1 client:
 * a removed path or operation, a removed response field or status, a narrowed parameter (type, enum, bounds),
 * a new required parameter. Additive changes (new paths, optional parameters, response fields) pass.
 *
 *   npx tsx scripts/openapi-breaking.ts            # baseline vs the committed snapshot (openapi/v1.json)
 *   npx tsx scripts/openapi-breaking.ts --current  # baseline vs a spec generated from the code now
 *
 * api-smart-diff targets OpenAPI 3.0 and misreads some things in our 3.1 document, so both sides are
 * normalised and two classifications corrected before judging (see normalise() and reclassify()):
 * - 3.1 annotations beside a `$ref` (a use-specific description) are spelled as 3.0 does,
 *   `allOf: [{$ref}, {description}]`, and a `type` stated beside a composition (read from its branches) is
 *   left to the branches, so the same schema in either spelling compares equal.
 * - 3.1 nullability is a type array (`type: [string, "null"]`); api-smart-diff compares it as a changed
 *   `type` and calls every such change non-breaking. Normalised to 3.0's `type: string, nullable: true`, the
 *   change becomes an added or removed `nullable`.
 * - Its function-valued rules are not mirrored for responses (a response is read, not sent): a `nullable`
 *   added to a response field came out non-breaking and one removed came out breaking; a response field
 *   whose type changed (string → integer) came out non-breaking; and a query parameter whose type changed
 *   (string → integer) is non-breaking by its rule (query values are strings on the wire), though the
 *   server then rejects values it accepted. These are reclassified by direction.
 * Only diffs under `paths` are judged: api-smart-diff resolves every $ref into the operations, where it knows
 * whether a schema is a parameter or a response; the same change seen under components/schemas is classified
 * without that direction and is a duplicate.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { apiCompare } from "api-smart-diff";
import { ROOT } from "./lib/files";

export const BASELINE = join(ROOT, "openapi/v1.baseline.json");

type Json = Record<string, unknown>;

export interface Change {
  type: "breaking" | "non-breaking" | "annotation" | "unclassified" | "deprecated";
  action: "add" | "remove" | "replace" | "rename";
  /** JSON pointer-like path in the document, e.g. paths./v1/stories.get.parameters.2. */
  path: string;
  description: string;
}

/** 3.1 → 3.0 shapes api-smart-diff classifies correctly: type arrays → type + nullable, const → enum. */
export function normalise(doc: unknown): Json {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    // A `type` beside a composition is read from its branches (src/openapi/document.ts typedSchemas), which
    // carry the meaning; compared with it, an added nullable would pass for a change.
    if ((out.allOf || out.anyOf || out.oneOf) && out.type !== undefined) delete out.type;
    // 3.1 allows annotations beside a `$ref`; 3.0 ignores them, so it spells them `allOf: [{$ref}, {…}]`.
    if (typeof out.$ref === "string" && Object.keys(out).length > 1) {
      const { $ref, ...annotations } = out;
      return { allOf: [{ $ref }, annotations] };
    }
    if (Array.isArray(out.type)) {
      const types = (out.type as string[]).filter((t) => t !== "null");
      if (types.length < (out.type as string[]).length) out.nullable = true;
      if (types.length === 1) out.type = types[0];
      else {
        delete out.type;
        out.anyOf = types.map((t) => ({ type: t }));
      }
    }
    if ("const" in out && !("enum" in out)) {
      out.enum = [out.const];
      delete out.const;
    }
    return out;
  };
  const result = walk(doc) as Json;
  result.openapi = "3.0.3";
  return result;
}

/** Where a diff under paths is: a parameter (sent by the client) or a response (read by it). */
const side = (path: (string | number)[]): "parameter" | "response" | undefined =>
  path[3] === "parameters" ? "parameter" : path[3] === "responses" ? "response" : undefined;

/** Corrects the classifications api-smart-diff gets wrong for responses and query parameters. */
function reclassify(d: { type: string; action: string; path: (string | number)[]; before?: unknown; after?: unknown }) {
  const key = d.path[d.path.length - 1];
  const where = side(d.path);
  if (key === "nullable" && where === "response" && d.action !== "replace") {
    // A response field that may now be null breaks readers; one that no longer is null breaks nobody.
    const nowNullable = d.action === "add" ? d.after === true : false;
    return nowNullable ? "breaking" : "non-breaking";
  }
  if (key === "type" && d.action === "replace" && typeof d.before === "string" && typeof d.after === "string") {
    if (where === "response") return "breaking";
    if (where === "parameter") {
      // Widening (integer → number, anything → string) accepts every value accepted before.
      const widened = d.after === "string" || (d.before === "integer" && d.after === "number");
      return widened ? "non-breaking" : "breaking";
    }
  }
  return d.type;
}

/** The node at `path` in `doc`, following `$ref`s on the way (api-smart-diff's paths run through resolved refs). */
function nodeAt(doc: Json, path: readonly (string | number)[]): unknown {
  const deref = (node: unknown): unknown => {
    let n = node;
    for (let i = 0; i < 20 && n && typeof n === "object" && typeof (n as Json).$ref === "string"; i++) {
      const pointer = ((n as Json).$ref as string).replace(/^#\//, "").split("/");
      n = pointer.reduce<unknown>(
        (x, k) => (x && typeof x === "object" ? (x as Json)[k.replaceAll("~1", "/")] : undefined),
        doc,
      );
    }
    return n;
  };
  let node: unknown = doc;
  for (const key of path) {
    node = deref(node);
    if (!node || typeof node !== "object") return undefined;
    node = (node as Json)[key as string];
  }
  return deref(node);
}

/**
 * Changes the contract itself declares safe, which api-smart-diff cannot know:
 * - a value added to a response enum marked `x-extensible-enum: true` (the spec says its values may grow);
 * - a query parameter whose `enum` gave way to a wider rule (any string within a length or pattern) that still
 *   accepts every value the enum listed: its removed values and its new bounds widen it, they do not break it.
 */
export function declaredSafe(d: { action: string; path: (string | number)[] }, before: Json, after: Json): boolean {
  const where = side(d.path);
  const key = d.path[d.path.length - 1];
  const parentKey = d.path[d.path.length - 2];
  if (where === "response" && parentKey === "enum" && d.action === "add") {
    const schema = nodeAt(after, d.path.slice(0, -2)) as Json | undefined;
    return schema?.["x-extensible-enum"] === true;
  }
  if (where === "parameter") {
    const at = d.path.indexOf("schema");
    if (at < 0) return false;
    const was = nodeAt(before, d.path.slice(0, at + 1)) as Json | undefined;
    const now = nodeAt(after, d.path.slice(0, at + 1)) as Json | undefined;
    if (!was || !now || !Array.isArray(was.enum) || now.enum !== undefined) return false;
    const accepts = (v: unknown) =>
      typeof v === "string" &&
      (typeof now.maxLength !== "number" || v.length <= now.maxLength) &&
      (typeof now.minLength !== "number" || v.length >= now.minLength) &&
      (typeof now.pattern !== "string" || new RegExp(now.pattern, "u").test(v));
    const widened = (was.enum as unknown[]).every(accepts);
    const constraint = parentKey === "enum" || key === "maxLength" || key === "minLength" || key === "pattern";
    return widened && constraint;
  }
  return false;
}

/** Every change from `before` to `after` under paths, classified for v1 clients. */
export function compareSpecs(before: unknown, after: unknown): Change[] {
  const [b, a] = [normalise(before), normalise(after)];
  const { diffs } = apiCompare(structuredClone(b), structuredClone(a));
  return diffs
    .filter((d) => d.path[0] === "paths")
    .map((d) => ({
      type: (declaredSafe(d, b, a) ? "non-breaking" : reclassify(d)) as Change["type"],
      action: d.action as Change["action"],
      path: d.path.join("."),
      description: d.description ?? "",
    }));
}

/**
 * Breaking changes made on purpose, each named by its exact path and action and decided in an issue: the guard
 * lists them as "accepted" instead of failing. Keep this list short; anything else is made additive.
 */
export const ACCEPTED: { action: Change["action"]; path: string; why: string }[] = [
  {
    action: "replace",
    path: "paths./v1/search.get.responses.200.content.application/json.schema.properties.meta.properties.total.maximum",
    why: "issue 9: meta.total counts the matching records (up to 1,000), no longer the hits of the page (up to 50)",
  },
];
const accepted = (c: Change) => ACCEPTED.some((a) => a.action === c.action && a.path === c.path);

/** The changes that would break v1 clients (except those ACCEPTED on purpose). */
export function breakingChanges(before: unknown, after: unknown): Change[] {
  return compareSpecs(before, after).filter((c) => c.type === "breaking" && !accepted(c));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  const { currentSpec, SNAPSHOT } = await import("./openapi");
  const after = process.argv.includes("--current")
    ? JSON.parse(currentSpec())
    : JSON.parse(readFileSync(SNAPSHOT, "utf8"));
  const changes = compareSpecs(JSON.parse(readFileSync(BASELINE, "utf8")), after);
  const breaking = changes.filter((c) => c.type === "breaking" && !accepted(c));
  for (const c of changes) {
    const type = c.type === "breaking" && accepted(c) ? "accepted" : c.type;
    console.log(`${type.padEnd(12)} ${c.action.padEnd(7)} ${c.path}  ${c.description}`);
  }
  console.log(`${changes.length} changes against the v1 baseline, ${breaking.length} breaking.`);
  if (breaking.length > 0) {
    console.error(
      "These changes would break v1 clients. Make them additive, or (for a new major version) publish /v2.",
    );
    process.exit(1);
  }
}
