/**
 * Publishes a dataset as a release through any SQL executor: wrangler's CLI (scripts/db-seed.ts) or a D1
 * binding (the tests). The statements themselves carry the atomicity (see release.ts).
 */
import { buildRelease, CURRENT_RELEASE_SQL, OversizedRowError, releaseStatements, type BuiltRelease } from "./release";
import type { Dataset } from "./schema";

export interface SqlExecutor {
  /** Rows of one read query. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /**
   * Runs the statements in order and stops at the first failure (by throwing). They are made as they are
   * read (see releaseStatements): an executor takes them a batch at a time and lets each go once run.
   */
  run(statements: Iterable<string>): Promise<void>;
}

export interface PublishResult {
  status: "published" | "unchanged";
  release: BuiltRelease;
  previous: string | null;
  statements: number;
}

export async function currentRelease(exec: SqlExecutor): Promise<string | null> {
  const rows = await exec.query<{ version: string }>(CURRENT_RELEASE_SQL);
  return rows[0]?.version ?? null;
}

/** `keep`: how many published releases keep their records (default all; see releaseStatements). */
export async function publishDataset(
  exec: SqlExecutor,
  dataset: Dataset,
  now = new Date(),
  keep?: number,
): Promise<PublishResult> {
  const release = await buildRelease(dataset);
  const previous = await currentRelease(exec);
  if (previous === release.version) return { status: "unchanged", release, previous, statements: 0 };
  let statements = 0;
  function* counted(all: Iterable<string>) {
    for (const s of all) {
      statements++;
      yield s;
    }
  }
  await exec.run(counted(releaseStatements(dataset, release, now.toISOString().replace(/\.\d{3}Z$/, "Z"), keep)));
  const after = await currentRelease(exec);
  if (after !== release.version) throw new Error(`release ${release.version} was loaded but ${after} serves`);
  return { status: "published", release, previous, statements };
}

/**
 * Why publishing `dataset` would be refused before anything is sent (a record whose row would not fit in one D1
 * statement), found by making every statement and sending none; undefined when it would not be. For data:check,
 * so a curator learns it before publishing.
 */
export async function unpublishable(dataset: Dataset): Promise<string | undefined> {
  const release = await buildRelease(dataset);
  try {
    for (const _ of releaseStatements(dataset, release, "1970-01-01T00:00:00Z"));
  } catch (err) {
    if (err instanceof OversizedRowError) return err.message;
    throw err;
  }
  return undefined;
}

/** The part of a D1 binding the executor needs (so Node scripts type-check without workers types). */
interface D1Like {
  prepare(sql: string): { all<T>(): Promise<{ results: T[] }> };
  batch(statements: ReturnType<D1Like["prepare"]>[]): Promise<unknown>;
}

/** An executor over a D1 binding: statements go in batches (each batch is one transaction). */
export function d1Executor(db: D1Like, batchSize = 40): SqlExecutor {
  return {
    async query<T>(sql: string) {
      return (await db.prepare(sql).all<T>()).results;
    },
    async run(statements) {
      for (const batch of batches(statements, batchSize)) await db.batch(batch.map((s) => db.prepare(s)));
    },
  };
}

/** `statements` in arrays of `size`, as they come. */
export function* batches<T>(statements: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const s of statements) {
    batch.push(s);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
