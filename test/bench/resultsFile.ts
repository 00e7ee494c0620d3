import { join } from "node:path";

// Paths from import.meta.dirname: under the jsdom environment (React benches) the global URL
// is jsdom's, which node:url's fileURLToPath rejects.
/** Where the benchmark workers leave their rows for the report (gitignored). */
export const RESULTS_FILE = join(import.meta.dirname, ".results.jsonl");
/** The report in the repo. */
export const REPORT_FILE = join(import.meta.dirname, "../../docs/benchmarks.md");
