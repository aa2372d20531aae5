/**
 * `npm run db:seed [-- --remote]`: validates data/, builds a release (content-hash version) and publishes it
 * to D1 atomically. Publishing the release that already serves changes nothing.
 */
import { publishDataset } from "../src/dataset/publish";
import { formatProblem } from "../src/dataset/validate";
import { loadDataset } from "./lib/files";
import { wranglerExecutor } from "./lib/wrangler";

const remote = process.argv.includes("--remote");
const result = loadDataset();
if (!result.ok) {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error(`\n${result.problems.length} problem(s); nothing was written.`);
  process.exit(1);
}
// KEEP_RELEASES=N keeps the records of the newest N published releases (pinned URLs); default all of them.
const keep = process.env.KEEP_RELEASES ? Number(process.env.KEEP_RELEASES) : undefined;
const out = await publishDataset(wranglerExecutor(remote), result.dataset, new Date(), keep);
const where = remote ? "remote D1 (production)" : "local D1";
if (out.status === "unchanged") {
  console.log(`release ${out.release.version} already serves on ${where}; nothing to do.`);
} else {
  const counts = Object.entries(out.release.counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  console.log(
    `published release ${out.release.version} on ${where} (previous: ${out.previous ?? "none"}; ${out.statements} statements): ${counts}`,
  );
}
