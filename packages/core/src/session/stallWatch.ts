import type { ConnectionState } from "agora-rtc-sdk-ng";

/** How often a stalled join's `stalledMs` is refreshed. */
export const STALL_REFRESH_MS = 1_000;

/** The `stalledAfterMs` default: long enough for a slow network, short enough to help a blocked one. */
export const DEFAULT_STALLED_AFTER_MS = 10_000;

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

  /** `stalledAfterMs` (live); anything but a number >= 0 is the default, `Infinity` turns it off. */
  setThreshold(ms: number | undefined): void {
    const threshold = typeof ms === "number" && ms >= 0 ? ms : DEFAULT_STALLED_AFTER_MS;
    if (threshold === this.#thresholdMs) return;
    this.#thresholdMs = threshold;
    if (this.#since === null) return;
    // A period in progress is measured against the new threshold at once.
    const was = this.stalledMs;
    this.#stopTimer();
    this.stalledMs = null;
    const left = this.#since + threshold - Date.now();
    if (left <= 0) this.#stalled();
    else this.#schedule(left);
    if (this.stalledMs !== was) this.onChange();
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
      this.#schedule(this.#thresholdMs);
    }
  }

  /** Ends the period: no timer, nothing to show. */
  stop(): void {
    this.#stopTimer();
    this.#request = null;
    this.#since = null;
    this.stalledMs = null;
  }

  #schedule(ms: number): void {
    if (Number.isFinite(ms)) this.#timer = setTimeout(this.#tick, ms);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #tick = (): void => {
    this.#timer = undefined;
    if (this.#since === null) return;
    this.#stalled();
    this.onChange();
  };

  #stalled(): void {
    this.stalledMs = Date.now() - this.#since!;
    this.#schedule(STALL_REFRESH_MS);
  }
}
