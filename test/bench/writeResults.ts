import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { createRequire } from "node:module";
import type { BenchRow } from "./measure";
import { REPORT_FILE, RESULTS_FILE } from "./resultsFile";

const require = createRequire(import.meta.url);

function version(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "?";
  }
}

/** vitest globalSetup: clears old rows, then writes docs/benchmarks.md and prints the table. */
export default function setup(): () => void {
  rmSync(RESULTS_FILE, { force: true });
  return () => {
    if (!existsSync(RESULTS_FILE)) return;
    const rows = readFileSync(RESULTS_FILE, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as BenchRow);
    const machine = `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
    const versions = ["react", "zustand", "agora-rtc-sdk-ng", "agora-rtc-react"]
      .map((name) => `${name} ${version(name)}`)
      .join(", ");
    const table = [
      "| benchmark | baseline | result | ratio | budget | |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) => `| ${r.name} | ${r.baseline} | ${r.result} | ${r.ratio} | ${r.budget} | ${r.pass ? "pass" : "FAIL"} |`,
      ),
    ].join("\n");
    const mode = process.env.BENCH_SHORT === "1" ? "short mode (BENCH_SHORT=1)" : "full mode";
    writeFileSync(
      REPORT_FILE,
      `# Benchmarks\n\nWritten by \`pnpm bench\` (${mode}) on ${new Date().toISOString().slice(0, 10)}.\nMachine: ${machine}.\nVersions: ${versions}.\nEvery figure is measured against a baseline in the same run.\n\n${table}\n`,
    );
    console.log(`\nbenchmarks (${machine})\n${table}\n`);
    rmSync(RESULTS_FILE, { force: true });
  };
}
