export interface BundleSize {
  min: number;
  gzip: number;
  metafile: {
    inputs: Record<string, unknown>;
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
}
export interface ImportRow {
  name: string;
  code: string;
  /** The budget, gzipped bytes; none: reported only. */
  budget?: number;
  /** What CI enforces until the budget is met, gzipped bytes. */
  ceiling?: number;
}
export const EXTERNAL: string[];
export function stageConsumer(): { dir: string; cleanup: () => void };
export function measureImport(
  code: string,
  options: { resolveDir: string; external?: string[]; conditions?: string[] },
): Promise<BundleSize>;
export const IMPORTS: ImportRow[];
export const BASELINE: { name: string; code: string; external: string[]; resolveDir: string };
