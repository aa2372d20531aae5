/** `npm run data:check`: validates data/ and writes nothing. Exit 1 with one line per problem. */
import { DatasetFileError, loadDataset } from "./lib/files";
import { formatProblem } from "../src/dataset/validate";

try {
  const result = loadDataset();
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    console.error(`\n${result.problems.length} problem(s); nothing was written.`);
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
