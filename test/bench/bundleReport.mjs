// What each import of benchmark 6 is made of: `node test/bench/bundleReport.mjs [top]`.
//
// For every row of bundle.bench.test.ts: its size from the built dist (what the benchmark
// measures; `pnpm build` first), then the same import bundled from the TypeScript sources (the
// "@agora-cloud-proxy/source" condition) with each source module's minified bytes in the
// output, largest first. The dist is one file per entry, so only the sources can say which
// module weighs what; the two totals differ by a few hundred bytes (tsup's output vs esbuild's
// straight from the sources), which also shows whether building the packages without bundling
// would let a bundler drop more. Gzip does not split per module: the module bytes are minified.
import { relative, resolve } from "node:path";
import { IMPORTS, measureImport, stageConsumer } from "./bundleSize.mjs";

const top = Number(process.argv[2] ?? 12);
const root = new URL("../..", import.meta.url).pathname;
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;

const consumer = stageConsumer();
try {
  for (const entry of IMPORTS) {
    const dist = await measureImport(entry.code, { resolveDir: consumer.dir });
    const source = await measureImport(entry.code, {
      resolveDir: `${root}test`,
      conditions: ["@agora-cloud-proxy/source"],
    });
    const budget = entry.budget === undefined ? "" : `, budget ${kB(entry.budget)} gz`;
    console.log(`\n${entry.name}: ${entry.code.replaceAll("\n", " ")}`);
    console.log(`  dist ${kB(dist.gzip)} gz, ${kB(dist.min)} min${budget}; sources ${kB(source.gzip)} gz, ${kB(source.min)} min`); // prettier-ignore
    const [output] = Object.values(source.metafile.outputs);
    const modules = Object.entries(output.inputs)
      // esbuild names inputs relative to the working directory.
      .map(([path, { bytesInOutput }]) => [relative(root, resolve(path)), bytesInOutput])
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1]);
    for (const [path, bytes] of modules.slice(0, top)) {
      console.log(`  ${String(bytes).padStart(6)} B  ${((100 * bytes) / source.min).toFixed(1).padStart(5)}%  ${path}`);
    }
    if (modules.length > top) console.log(`  ... ${modules.length - top} more modules`);
  }
} finally {
  consumer.cleanup();
}
