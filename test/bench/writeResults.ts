import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRow } from "./measure";
import { REPORT_FILE, RESULTS_FILE } from "./resultsFile";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Read from disk: agora-rtc-sdk-ng's exports map hides its package.json from require().
function version(name: string): string {
  for (const from of ["node_modules", "packages/core/node_modules", "packages/react/node_modules"]) {
    try {
      return (JSON.parse(readFileSync(join(root, from, name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      // not installed there: try the next place
    }
  }
  return "?";
}

const ENFORCED = `## What CI enforces

CI (\`.ci/run\`) runs \`BENCH_SHORT=1 npx -y pnpm@10.34.9 bench\` after the tests and fails when a row is
over what it enforces: 2 (renders, ordering errors), 3, 4, 5a, 5b and 7 (its first row) at their
budgets; 1, 6a and 6d at a ceiling (1.25x, 13.90 kB and 19.90 kB: today's figures and a little
room, so a regression fails the build) until their budgets (1.05x, 6.00 kB and 8.50 kB) are met.
Rows whose budget says "reported" are never enforced. A FAIL above is a budget the measured code does not meet.

## How the figures are taken

- 1, core overhead on the real SDK: the CPU time (\`process.cpuUsage\`) of a call's lifetime,
  \`createCloudProxySession(client, { mode: "udp" })\`, join, leave, dispose, against the
  hand-written \`startProxyServer(3)\`, join, leave, \`stopProxyServer()\` on the same kind of
  client: agora-rtc-sdk-ng under jsdom set up by hand, in plain Node processes (vitest's async
  hooks tax every promise), on the built core. The network never answers, and every socket or DNS
  lookup is refused and counted (the row fails unless there are none), so the SDK's join stays
  CONNECTING until leave cancels it; both sides leave 10 ms after the SDK's join was called and
  end when that join has rejected (OPERATION_ABORTED, a second later). A round runs 100 lifetimes
  side by side on 100 real clients made once (the SDK never lets a client go) and checks that each
  made exactly start, join, leave, stop and ended DISCONNECTED with the proxy off. Two worker
  processes run every round at once, one per side, swapping sides each round, so the machine's
  load weighs on both alike; the ratio is the median of the rounds' ratios, with their
  interquartile range. Short mode runs 10 rounds and, when their ratio is over the budget, 20
  more, judging on all 30; full mode runs 30. The "harness check" row (full mode only;
  \`node test/bench/realSdkOverhead.mjs --aa\`) puts the hand-written calls on both sides: it
  reads a few percent either side of 1.00x from run to run on a shared 2-core machine, which is
  why a short run near the budget is measured again before it fails.
  The network is silent rather than failing at once (test/support/offline.ts) because on a
  failing network the SDK retries for as long as the join lasts and reports every retry to an
  event list it re-sorts on each event: the same lifetime then costs more every round (3 ms at
  first, 10 ms after 3,000 lifetimes).
- 1a and 1b, the zero-latency fake: the session against the same calls on
  \`createFakeAgoraClient()\`, wall time in plain Node. The fake does a whole call in a few µs, so
  these rows show the session's own cost rather than its share of a real call; the "floor" row is
  a wrapper with no logic that takes requests the way the session must (one microtask per
  request, two listeners).
- 6, bundle size per import (1 kB = 1,024 bytes): esbuild bundles one import statement, minified,
  gzip -9, with react, react-dom, zustand and the Agora SDKs external, from the built dist
  installed in a scratch node_modules with its published package.json (what a packed
  tarball ships), not the workspace's sources. \`node test/bench/bundleReport.mjs\` lists each import's
  modules by size. Building the packages one file per module instead of one bundle per entry
  changes no row by more than 0.1 kB: bundlers drop unused code inside the built file as well.
- 7, the network test (\`testCloudProxyRoutes\`): wall time from the call until every throwaway
  client is released, on fake clients in a simulated network with known join times: direct
  blocked (it hangs, so it ends at \`timeoutMs\`, 300 ms), UDP 200 ms, TLS 250 ms, leave 5 ms.
  "Sequential" is the sum of the three routes each tested alone; "parallel" is one test of all
  three; the budget compares parallel with the slowest route alone. Medians of 7 rounds (2 in
  short mode); each run checks its outcomes and that every client ended released.`;

/** vitest globalSetup: clears old rows, then writes docs/benchmarks.md and prints the table. */
export default function setup(): () => void {
  rmSync(RESULTS_FILE, { force: true });
  return () => {
    if (!existsSync(RESULTS_FILE)) return;
    const rows = readFileSync(RESULTS_FILE, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as BenchRow)
      // In the order (1, 1b, 2 ... 6), whichever file vitest ran first.
      .sort((a, b) => a.name.split(" ")[0]!.localeCompare(b.name.split(" ")[0]!, "en", { numeric: true }));
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
      `# Benchmarks\n\nWritten by \`npx -y pnpm@10.34.9 bench\` (${mode}) on ${new Date().toISOString().slice(0, 10)}.\nMachine: ${machine}.\nVersions: ${versions}.\nEvery figure is measured against a baseline in the same run.\n\n${table}\n\n${ENFORCED}\n`,
    );
    console.log(`\nbenchmarks (${machine})\n${table}\n`);
    rmSync(RESULTS_FILE, { force: true });
  };
}
