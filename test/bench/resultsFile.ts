import { fileURLToPath } from "node:url";

/** Where the benchmark workers leave their rows for the report (gitignored). */
export const RESULTS_FILE = fileURLToPath(new URL("./.results.jsonl", import.meta.url));
/** The report in the repo. */
export const REPORT_FILE = fileURLToPath(new URL("../../docs/benchmarks.md", import.meta.url));
