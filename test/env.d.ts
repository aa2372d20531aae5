import type { D1Migration } from "@cloudflare/vitest-plugin";
import type { Dataset, DatasetKind } from "../src/dataset/schema";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      PUBLIC_ORIGIN?: string;
      TEST_MIGRATIONS: D1Migration[];
      TEST_DATASET: Dataset;
      TEST_DATASET_FILES: Partial<Record<DatasetKind, unknown>>;
      TEST_ARTICLE: string;
      /** URL paths of the static files in public/ (`/pages.css`). */
      TEST_PUBLIC_FILES: string[];
      /** The tests' own signing key (a private JWK, made by vitest.config.ts) and a second public one. */
      SIGNING_KEY: string;
      SIGNING_PUBLIC_KEYS: string;
    }
  }
}
