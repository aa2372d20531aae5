import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "../schema";
import type { Lang } from "./dataset/schema";

export interface Bindings {
  DB: D1Database;
  /** Origin used in absolute links when the request's own origin should not be used (optional). */
  PUBLIC_ORIGIN?: string;
}

export interface ReleaseInfo {
  version: string;
  publishedAt: string;
  counts: Record<string, number>;
}

export interface Variables {
  requestId: string;
  db: DrizzleD1Database<typeof schema>;
  release: ReleaseInfo;
  lang: Lang;
}

export type AppEnv = { Bindings: Bindings; Variables: Variables };
