/** Small timing helpers for the benchmarks: interleaved rounds, medians, ratios. */
import { appendFileSync } from "node:fs";
import { RESULTS_FILE } from "./resultsFile";

export const SHORT = process.env.BENCH_SHORT === "1";

/** BENCH_STRICT=1: enforce every budget as the issue wrote it, including the two not met yet. */
export const STRICT = process.env.BENCH_STRICT === "1";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times `subject` against `baseline` in alternating rounds (so drift of the machine hits
 * both alike) and returns the median milliseconds per run of each and their ratio.
 */
export async function compare(
  rounds: number,
  iterations: number,
  baseline: () => Promise<void>,
  subject: () => Promise<void>,
): Promise<{ baselineMs: number; subjectMs: number; ratio: number }> {
  const times = { baseline: [] as number[], subject: [] as number[] };
  const run = async (fn: () => Promise<void>) => {
    const start = performance.now();
    for (let i = 0; i < iterations; i += 1) await fn();
    return (performance.now() - start) / iterations;
  };
  await run(baseline); // warm up both paths before measuring
  await run(subject);
  for (let round = 0; round < rounds; round += 1) {
    times.baseline.push(await run(baseline));
    times.subject.push(await run(subject));
  }
  const baselineMs = median(times.baseline);
  const subjectMs = median(times.subject);
  return { baselineMs, subjectMs, ratio: subjectMs / baselineMs };
}

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
