/**
 * `npm run openapi:write`: regenerates the committed spec snapshot (openapi/v1.json) from the route
 * definitions. The node tests fail when the snapshot is stale, so every change to the contract is reviewed.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createApp } from "../src/app";
import { openApiDocument } from "../src/openapi/document";
import { ROOT } from "./lib/files";

export const SNAPSHOT = join(ROOT, "openapi/v1.json");

export function currentSpec(): string {
  return `${JSON.stringify(openApiDocument(createApp()), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  writeFileSync(SNAPSHOT, currentSpec());
  console.log(`wrote ${SNAPSHOT}`);
}
