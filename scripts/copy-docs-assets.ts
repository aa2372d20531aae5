/**
 * Copies the Scalar API reference's browser bundle from node_modules into public/docs/vendor/ (git-ignored),
 * so /docs loads nothing from another origin. Runs before `wrangler dev`, `wrangler deploy` and the bench.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/files";

const pkg = join(ROOT, "node_modules/@scalar/api-reference");
const out = join(ROOT, "public/docs/vendor");
mkdirSync(out, { recursive: true });
copyFileSync(join(pkg, "dist/browser/standalone.js"), join(out, "scalar.js"));
if (existsSync(join(pkg, "LICENSE"))) copyFileSync(join(pkg, "LICENSE"), join(out, "LICENSE.txt"));
console.log(`copied the Scalar API reference into ${out}`);
