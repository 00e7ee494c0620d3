/** Small timing helpers for the benchmarks: interleaved rounds, medians, ratios. */
import { appendFileSync } from "node:fs";
import { RESULTS_FILE } from "./resultsFile";

export { compare } from "./compare.mjs";

export const SHORT = process.env.BENCH_SHORT === "1";

export function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("Run the benchmarks with node --expose-gc (pnpm bench does).");
  for (let i = 0; i < 3; i += 1) gc();
  return process.memoryUsage().heapUsed;
}

export interface BenchRow {
  name: string;
  baseline: string;
  result: string;
  ratio: string;
  budget: string;
  pass: boolean;
}

/** Prints a result and hands it to the markdown report written when the run ends. */
export function report(row: BenchRow): void {
  appendFileSync(RESULTS_FILE, `${JSON.stringify(row)}\n`);
  console.log(
    `${row.pass ? "PASS" : "FAIL"} ${row.name}: ${row.result} vs ${row.baseline} -> ${row.ratio} (budget ${row.budget})`,
  );
}
