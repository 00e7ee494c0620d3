import type { ConnectionState } from "agora-rtc-sdk-ng";
import { parseDuration } from "./durationOptions";

/** How often a stalled join's `stalledMs` is refreshed. */
export const STALL_REFRESH_MS = 1_000;

/** The `stalledAfterMs` default: long enough for a slow network, short enough to help a blocked one. */
export const DEFAULT_STALLED_AFTER_MS = 10_000;

/** The `stalledAfterMs` option, checked: ms >= 0, `Infinity` to turn it off, `undefined` for the default. Throws `INVALID_MODE`. */
export function parseStalledAfterMs(ms: unknown): number {
  return parseDuration("stalledAfterMs", ms, DEFAULT_STALLED_AFTER_MS, { min: 0, infinity: "turn stalledMs off" });
}

/**
 * Whether a join of the session is stuck short of CONNECTED, for `stalledMs` (issue 13: a join
 * that a firewall blocks stays CONNECTING for tens of seconds with no hint). It never calls
 * the SDK: the session hands it what the SDK has on every publish. A period starts when the
 * SDK goes CONNECTING for a join request and lasts while that request is still wanted and not
 * connected (auto mode's leave and rejoin on the next route included); CONNECTED, a leave, a
 * dropped join or dispose end it and clear its timer.
 */
export class StallWatch {
  /** What the store shows: ms since the period started, once past the threshold; else `null`. */
  stalledMs: number | null = null;
  #thresholdMs = DEFAULT_STALLED_AFTER_MS;
  /** The join request of the current period (compared by identity). */
  #request: object | null = null;
  #since: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** `onChange` publishes: `stalledMs` changed on a timer, with no SDK event to say so. */
  constructor(readonly onChange: () => void) {}

  /** `stalledAfterMs` (live), already checked by {@link parseStalledAfterMs}; `Infinity` turns it off. */
  setThreshold(threshold: number): void {
    if (threshold === this.#thresholdMs) return;
    this.#thresholdMs = threshold;
    // A period in progress is measured against the new threshold at once.
    if (this.#since !== null) this.#tick();
  }

  /** What the SDK has now: the wanted join request (`null`: none, or disposed) and the connection state. */
  observe(request: object | null, state: ConnectionState): void {
    if (request === null || state === "CONNECTED" || state === "RECONNECTING") {
      if (this.#request !== null) this.stop();
      return;
    }
    if (request !== this.#request) {
      this.stop();
      this.#request = request;
    }
    if (this.#since === null && state === "CONNECTING") {
      this.#since = Date.now();
      this.#check();
    }
  }

  /** Ends the period: no timer, nothing to show. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#request = this.#since = this.stalledMs = null;
  }

  /** `stalledMs` from the time spent, and the next check: at the threshold, then every second. */
  #check(): void {
    clearTimeout(this.#timer);
    const spent = Date.now() - this.#since!;
    const left = this.#thresholdMs - spent;
    this.stalledMs = left > 0 ? null : spent;
    // parseStalledAfterMs keeps the threshold within setTimeout's limit (or Infinity: no timer).
    const next = left > 0 ? left : STALL_REFRESH_MS;
    this.#timer = Number.isFinite(left) ? setTimeout(this.#tick, next) : undefined;
  }

  readonly #tick = (): void => {
    this.#check();
    this.onChange();
  };
}
