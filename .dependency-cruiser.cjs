/**
 * The layering, enforced in `npm test` (npm run lint:deps). Dependencies run one way:
 * route contract (routes/<r>/*.routes.ts, *.schemas.ts) → handler (*.handlers.ts) → reads (queries/, lib/serve)
 * → tables (schema/). Composers (compose/) run at publish, from the dataset: they read no database and know no
 * HTTP. One domain-vocabulary module (src/domain.ts: enums, Lang, normalizeName, precision bits) anyone may import.
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^src" },
      to: { circular: true },
    },
    {
      name: "schema-imports-only-the-vocabulary",
      comment: "schema/ (the D1 tables) imports nothing from src/ but the domain vocabulary.",
      severity: "error",
      from: { path: "^schema/" },
      to: { path: "^src/", pathNot: "^src/domain\\.ts$" },
    },
    {
      name: "route-folders-are-independent",
      comment: "A route folder imports no other route folder (share through src/lib, src/openapi or src/compose).",
      severity: "error",
      from: { path: "^src/routes/([^/]+)/" },
      to: { path: "^src/routes/([^/]+)/", pathNot: "^src/routes/$1/" },
    },
    {
      name: "contracts-import-no-reads-or-middleware",
      comment: "Route contracts (*.routes.ts, *.schemas.ts) describe; they import no queries, no middleware, no handlers.",
      severity: "error",
      from: { path: "^src/routes/.+\\.(routes|schemas)\\.ts$" },
      to: { path: ["^src/queries/", "^src/middleware/", "\\.handlers\\.ts$", "^src/lib/serve\\.ts$"] },
    },
    {
      name: "reads-know-no-http",
      comment: "Reads (src/queries) import no routes, handlers, middleware or the app.",
      severity: "error",
      from: { path: "^src/queries/" },
      to: { path: ["^src/routes/", "^src/middleware/", "^src/app\\.ts$", "^src/lib/serve\\.ts$"] },
    },
    {
      name: "composers-are-pure",
      comment: "Composers run at publish from the dataset: no database reads, no HTTP, no routes.",
      severity: "error",
      from: { path: "^src/compose/" },
      to: { path: ["^src/queries/", "^src/routes/", "^src/middleware/", "^src/app\\.ts$", "^src/lib/serve\\.ts$", "^schema/"] },
    },
    {
      name: "worker-does-not-import-dataset-tooling",
      comment: "The worker never loads the dataset's file format or validation (publish-time code).",
      severity: "error",
      from: { path: "^src/(routes|middleware|queries|lib|openapi)/" },
      to: { path: ["^src/dataset/validate\\.ts$", "^scripts/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    exclude: { path: "\\.d\\.ts$" },
  },
};
