/** GET /docs: the interactive API reference (Scalar), served with a strict CSP and no third-party requests. */
import type { Context } from "hono";
import type { AppEnv } from "../../env";

export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Alliance Facts API — reference</title>
<meta name="description" content="Interactive reference of the Alliance Facts API: citable facts about the Apple × Alibaba AI partnership in China.">
<link rel="alternate" type="application/json" href="/openapi.json" title="OpenAPI 3.1 document">
</head>
<body>
<noscript>The interactive reference needs JavaScript. The OpenAPI document is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<main id="reference"></main>
<script src="/docs/vendor/scalar.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

export function docsPage(c: Context<AppEnv>) {
  c.header("Content-Security-Policy", DOCS_CSP);
  c.header("Cache-Control", "public, max-age=300");
  return c.html(PAGE);
}
