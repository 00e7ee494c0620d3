export function compare(
  rounds: number,
  iterations: number,
  baseline: () => Promise<void>,
  subject: () => Promise<void>,
): Promise<{ baselineMs: number; subjectMs: number; ratio: number }>;
export function median(values: number[]): number;
