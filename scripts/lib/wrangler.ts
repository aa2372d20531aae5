/** A SqlExecutor over `wrangler d1 execute`, local (default) or remote (`--remote`, production env). */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqlExecutor } from "../../src/dataset/publish";
import { ROOT } from "./files";

export function wranglerExecutor(remote: boolean): SqlExecutor {
  const target = remote ? ["--remote", "--env", "production"] : ["--local"];
  const wrangler = (args: string[]) =>
    execFileSync(join(ROOT, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", ...target, "--yes", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      maxBuffer: 64 * 1024 * 1024,
    });
  return {
    async query<T>(sql: string) {
      const out = JSON.parse(wrangler(["--json", "--command", sql])) as { results: T[] }[];
      return out[0]?.results ?? [];
    },
    async run(statements) {
      const dir = mkdtempSync(join(tmpdir(), "alliance-release-"));
      const file = join(dir, "release.sql");
      // Written as they are made (a release's SQL can be larger than a string may be).
      const fd = openSync(file, "w");
      try {
        for (const s of statements) writeSync(fd, `${s};\n`);
      } finally {
        closeSync(fd);
      }
      try {
        wrangler(["--file", file]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
