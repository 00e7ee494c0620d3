import { CloudProxyError } from "../CloudProxyError";
import { describeShape } from "../describeValue";
import type { CloudProxyHistory } from "./history";

/** The `reconnect` default: waits before each attempt, in ms (LiveKit and Twilio back off the same way). */
export const DEFAULT_RECONNECT_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 20_000];

// setTimeout's limit: a longer wait would fire at once.
const MAX_DELAY_MS = 2_147_483_647;

/**
 * The `reconnect` option, checked: `true`/`undefined` for the default delays, `false` (or
 * `{ delaysMs: [] }`) for none, `{ delaysMs }` for others (each a finite ms >= 0, at most 2^31 - 1). Throws
 * `INVALID_MODE`, naming the option and never echoing the value.
 */
export function parseReconnect(option: unknown): readonly number[] {
  if (option === undefined || option === true) return DEFAULT_RECONNECT_DELAYS_MS;
  if (option === false) return [];
  const object = typeof option === "object" && option !== null && !Array.isArray(option);
  // An unknown key (a typo such as `delays`) must not fall back to the default schedule silently.
  const known = object && Object.keys(option).every((key) => key === "delaysMs");
  const delays = object ? (option as { delaysMs?: unknown }).delaysMs : option;
  if (known && delays === undefined) return DEFAULT_RECONNECT_DELAYS_MS;
  if (
    known &&
    Array.isArray(delays) &&
    delays.every((ms) => typeof ms === "number" && Number.isFinite(ms) && ms >= 0 && ms <= MAX_DELAY_MS)
  ) {
    return [...(delays as number[])];
  }
  throw new CloudProxyError(
    "INVALID_MODE",
    `reconnect must be true, false or { delaysMs: number[] } (each a wait in ms, 0 to 2147483647); got ${describeShape(option)}. Example: { reconnect: { delaysMs: [1000, 5000] } }.`,
  );
}

/**
 * What the store shows while the session reconnects: the attempt (1-based) of `attempts`,
 * and when it starts (`nextAt`, epoch ms), or `null` while it runs.
 *
 * @example
 * ```ts
 * const status: CloudProxyReconnectStatus = { attempt: 2, attempts: 5, nextAt: Date.now() + 2000 };
 * ```
 */
export interface CloudProxyReconnectStatus {
  readonly attempt: number;
  readonly attempts: number;
  readonly nextAt: number | null;
}

/**
 * The reconnect policy of one session: after the SDK gave up on a connection of ours, the
 * join request is held (not joined) until the next delay has passed, then joined again. It
 * never calls the SDK; the session reads `waiting` when it plans and `status` when it publishes.
 * One timer at most, cleared by {@link cancel}.
 */
export class ReconnectPolicy {
  delaysMs: readonly number[] = DEFAULT_RECONNECT_DELAYS_MS;
  constructor(
    /** Where the cycle is written down (`reconnect scheduled|attempt|reconnected N`, `gave up`). */
    readonly log: CloudProxyHistory,
  ) {}
  /** The join request being reconnected (compared by identity); `null` when none. */
  request: object | null = null;
  status: CloudProxyReconnectStatus | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Whether the request's join must wait for the timer. */
  get waiting(): boolean {
    return this.#timer !== undefined;
  }

  /**
   * The connection of `request` was lost (or an attempt of a reconnect failed): schedules the
   * next attempt and returns `true`, or `false` when the attempts are used up (or turned off).
   */
  schedule(request: object, onDue: () => void): boolean {
    const attempt = this.request === request ? (this.status?.attempt ?? 0) + 1 : 1;
    this.cancel();
    const delay = this.delaysMs[attempt - 1];
    if (delay === undefined) return false;
    this.request = request;
    this.status = { attempt, attempts: this.delaysMs.length, nextAt: Date.now() + delay };
    this.log.add("reconnect", "scheduled", String(attempt));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.status = { ...this.status!, nextAt: null };
      this.log.add("reconnect", "attempt", String(attempt));
      onDue();
    }, delay);
    return true;
  }

  /** The call is back: the cycle ends. */
  reconnected(): void {
    this.log.add("reconnect", "reconnected", String(this.status?.attempt ?? 0));
    this.cancel();
  }

  /** The last attempt failed, or reconnecting was turned off while waiting: the cycle ends. */
  gaveUp(): void {
    this.log.add("reconnect", "gave up");
    this.cancel();
  }

  /** Whether `request` is in a reconnect cycle (waiting, or an attempt of it running). */
  isReconnecting(request: object | null): boolean {
    return request !== null && this.request === request;
  }

  /** The cycle is over (reconnected, left, given up or disposed): no timer, nothing to show. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.request = this.status = null;
  }
}

// Drops no reconnect can fix: the app's own leave, bans, a uid taken, the licence, an expired token string.
const NO_RECONNECT = /^(LEAVE|UID_BANNED|IP_BANNED|CHANNEL_BANNED|UID_CONFLICT|TOKEN_EXPIRE|LICENSE_\w*)$/;

/**
 * Whether the SDK's DISCONNECTED `reason` is one the reconnect policy may answer. `undefined`:
 * the session did not hear why (app code had removed its listeners from the raw client), and
 * a ban or a licence limit must not be answered with a join.
 */
export function mayReconnect(reason: string | undefined): boolean {
  return reason !== undefined && !NO_RECONNECT.test(reason);
}
