// Plain JavaScript so that both the vitest benchmarks and coreOverhead.mjs (a plain Node
// process) can use it; its types are in compare.d.mts.

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Times `subject` against `baseline` in alternating rounds, so drift of the machine hits both
 * alike, and returns the median milliseconds per run of each and their ratio. Give rounds
 * enough iterations to include their share of garbage collection: a short round can dodge it.
 */
export async function compare(rounds, iterations, baseline, subject) {
  const run = async (fn) => {
    const start = performance.now();
    for (let i = 0; i < iterations; i += 1) await fn();
    return (performance.now() - start) / iterations;
  };
  await run(baseline); // warm up both paths before measuring
  await run(subject);
  const baselines = [];
  const subjects = [];
  for (let round = 0; round < rounds; round += 1) {
    baselines.push(await run(baseline));
    subjects.push(await run(subject));
  }
  const baselineMs = median(baselines);
  const subjectMs = median(subjects);
  return { baselineMs, subjectMs, ratio: subjectMs / baselineMs };
}
