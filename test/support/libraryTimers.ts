/**
 * Counts the timers the library itself schedules, for tests on the real SDK, where fake timers
 * can't be used and the SDK keeps timers of its own (a cancelled join rejects ~1 s after
 * leave). `setTimeout`/`clearTimeout` are wrapped while tracking is on; a timer is the
 * library's when the function that called `setTimeout` lives in packages/<name>/src (the
 * tests run the sources). The test's own waits and the SDK's timers are not counted.
 */
import { onTestFinished } from "vitest";

const LIBRARY_FRAME = /[\\/]packages[\\/](core|react)[\\/]src[\\/]/;

export interface LibraryTimers {
  /** Library timers scheduled since tracking began. */
  created(): number;
  /** Library timers neither fired nor cleared yet. */
  pending(): number;
  /** The delays (ms) of the library timers still pending, for waiting on the short ones only. */
  pendingDelays(): number[];
  /** Puts the originals back (also done when the test finishes). */
  restore(): void;
}

/** Starts tracking; the originals come back when the test finishes. Not for concurrent tests. */
export function trackLibraryTimers(): LibraryTimers {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const pending = new Map<unknown, number>();
  let created = 0;
  globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    // Frame 0 is "Error", frame 1 this wrapper, frame 2 whoever called setTimeout.
    const caller = new Error().stack?.split("\n")[2] ?? "";
    if (!LIBRARY_FRAME.test(caller)) return realSetTimeout(handler, ms, ...args);
    created += 1;
    const id = realSetTimeout(() => {
      pending.delete(id);
      handler(...args);
    }, ms);
    pending.set(id, ms ?? 0);
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = (id: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(id);
    realClearTimeout(id);
  };
  const restore = () => {
    globalThis.setTimeout = realSetTimeout;
    globalThis.clearTimeout = realClearTimeout;
  };
  onTestFinished(restore);
  return { created: () => created, pending: () => pending.size, pendingDelays: () => [...pending.values()], restore };
}
