import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { d1Executor, publishDataset } from "../src/dataset/publish";

// Runs before each test file: the real migrations, then the real dataset published as a release.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await publishDataset(d1Executor(env.DB), env.TEST_DATASET);
