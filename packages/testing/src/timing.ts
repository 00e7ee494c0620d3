/**
 * Validates a delay a test asked for: a finite number of milliseconds, 0 or more. The fake
 * throws a plain `Error` (never an SDK-shaped one) so a bad knob cannot pass for SDK behaviour.
 *
 * @example
 * checkedDelay(200, "joinLatencyMs"); // 200
 * checkedDelay(-1, "joinLatencyMs"); // throws "joinLatencyMs must be a finite number of milliseconds >= 0, got -1."
 */
export function checkedDelay(ms: number, name: string): number {
  if (!Number.isFinite(ms) || ms < 0)
    throw new Error(`${name} must be a finite number of milliseconds >= 0, got ${String(ms)}.`);
  return ms;
}

/**
 * Runs `run` after `ms` milliseconds (a `setTimeout`, so `vi.useFakeTimers()` drives it), or on
 * the next microtask when `ms` is 0. Returns a canceller.
 *
 * @example
 * const cancel = schedule(100, () => console.log("late"));
 * cancel(); // never logs
 */
export function schedule(ms: number, run: () => void): () => void {
  if (ms <= 0) {
    let cancelled = false;
    void Promise.resolve().then(() => {
      if (!cancelled) run();
    });
    return () => {
      cancelled = true;
    };
  }
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}

/**
 * Resolves after `ms` milliseconds (a `setTimeout`), or at once (already resolved) when `ms` is 0.
 *
 * @example
 * await delay(50);
 */
export function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
