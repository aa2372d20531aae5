/**
 * `npm run openapi:write`: regenerates the committed spec snapshot (openapi/v1.json) from the route
 * definitions. The node tests fail when the snapshot is stale, so every change to the contract is reviewed.
 *
 *   npx tsx scripts/openapi.ts                   # write openapi/v1.json
 *   npx tsx scripts/openapi.ts --check-breaking  # also fail when it would break v1 clients (see openapi-breaking.ts)
 *   npx tsx scripts/openapi.ts --baseline        # publish: make the current spec the v1 baseline clients rely on
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { contractApp } from "../src/routes/contract";
import { openApiDocument } from "../src/openapi/document";
import { ROOT } from "./lib/files";

export const SNAPSHOT = join(ROOT, "openapi/v1.json");

/** The spec the routes generate now; `unbounded` receives the string parameters documented with the default bound. */
export function currentSpec(unbounded: string[] = []): string {
  return `${JSON.stringify(openApiDocument(contractApp(), "/", unbounded), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  const spec = currentSpec();
  writeFileSync(SNAPSHOT, spec);
  console.log(`wrote ${SNAPSHOT}`);
  const { BASELINE, breakingChanges } = await import("./openapi-breaking");
  if (process.argv.includes("--baseline")) {
    writeFileSync(BASELINE, spec);
    console.log(`wrote ${BASELINE}`);
  } else if (process.argv.includes("--check-breaking")) {
    const breaking = breakingChanges(JSON.parse(readFileSync(BASELINE, "utf8")), JSON.parse(spec));
    for (const c of breaking) console.error(`breaking: ${c.action} ${c.path}  ${c.description}`);
    if (breaking.length > 0) process.exit(1);
    console.log("no change breaks v1 clients");
  }
}
