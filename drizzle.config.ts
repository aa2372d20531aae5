import { defineConfig } from "drizzle-kit";

/** `npm run db:generate` writes flat numbered SQL into migrations/, applied by wrangler and the tests. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./schema/index.ts",
  out: "./migrations",
  migrations: { prefix: "index" },
});
