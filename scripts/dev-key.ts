/**
 * `npm start` needs no secret: when `.dev.vars` (git-ignored; wrangler dev reads it) has no SIGNING_KEY, a new
 * Ed25519 development key is written there, so local answers are signed with a stable key. Production's key is
 * a Worker secret (`wrangler secret put SIGNING_KEY --env production`; see the README's runbook).
 *
 *   npx tsx scripts/dev-key.ts          # write a development key when missing
 *   npx tsx scripts/dev-key.ts --print  # print a new key (private JWK, then its public JWK) and write nothing
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSigningJwk, thumbprint } from "../src/lib/signing";
import { ROOT } from "./lib/files";

const jwk = await generateSigningJwk();
if (process.argv.includes("--print")) {
  console.log(`private (the SIGNING_KEY secret): ${JSON.stringify(jwk)}`);
  console.log(`public (for SIGNING_PUBLIC_KEYS): ${JSON.stringify({ kty: "OKP", crv: "Ed25519", x: jwk.x })}`);
  console.log(`kid: ${await thumbprint(jwk.x as string)}`);
} else {
  const file = join(ROOT, ".dev.vars");
  const vars = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (!/^SIGNING_KEY=/m.test(vars)) {
    const line = `SIGNING_KEY='${JSON.stringify(jwk)}'\n`;
    writeFileSync(file, vars && !vars.endsWith("\n") ? `${vars}\n${line}` : `${vars}${line}`);
    console.log(`wrote a development signing key to .dev.vars (kid ${await thumbprint(jwk.x as string)})`);
  }
}
