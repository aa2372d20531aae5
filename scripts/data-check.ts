/**
 * `npm run data:check`: validates data/ and writes nothing. Exit 1 with one line per problem:
 * `<file>: record <id>, field <path>: [<rule>: ]<message>` — text problems name their rule (TEXT_RULES in
 * src/dataset/validate.ts: missing-language, ascii-punctuation-in-cjk, space-between-cjk, fullwidth-alphanumeric,
 * compatibility-character, dangling-opener, mistranslated-name), and the summary counts them per rule. A valid
 * dataset is then composed into its release's statements, none sent: a record too large for one D1 statement,
 * which publishing would refuse, is reported by its table and record (`publishing: <table>: the row of …`).
 */
import { DatasetFileError, loadDataset } from "./lib/files";
import { unpublishable } from "../src/dataset/publish";
import { formatProblem } from "../src/dataset/validate";

try {
  const result = loadDataset();
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    const byRule = new Map<string, number>();
    for (const p of result.problems) if (p.rule) byRule.set(p.rule, (byRule.get(p.rule) ?? 0) + 1);
    const rules = [...byRule].map(([rule, n]) => `${rule} ${n}`).join(", ");
    console.error(
      `\n${result.problems.length} problem(s)${rules ? ` (text rules: ${rules})` : ""}; nothing was written.`,
    );
    process.exit(1);
  }
  const refused = await unpublishable(result.dataset);
  if (refused) {
    console.error(`publishing: ${refused}\n\n1 problem; nothing was written.`);
    process.exit(1);
  }
  const counts = Object.entries(result.dataset).map(([k, v]) => `${k} ${v.length}`);
  console.log(`data/ is valid: ${counts.join(", ")}`);
} catch (err) {
  if (err instanceof DatasetFileError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
