// Starts the Scalar API reference on /docs with this worker's own spec, fonts and no proxy, so the page
// talks to no other origin. Served as a static asset (a strict CSP forbids inline scripts).
/* global Scalar */
Scalar.createApiReference("#reference", {
  url: "/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: false,
  showDeveloperTools: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
  documentDownloadType: "json",
  defaultOpenAllTags: true,
  theme: "default",
  metaData: { title: "Alliance Facts API reference" },
});
