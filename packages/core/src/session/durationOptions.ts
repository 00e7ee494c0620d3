import { CloudProxyError } from "../CloudProxyError";
import { describeSetting } from "../describeValue";

/** The longest delay `setTimeout` keeps (2^31 - 1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A session option in milliseconds, checked before anything changes: `undefined` is the
 * default; otherwise a number from `min` up to {@link MAX_TIMER_MS} (a timer's limit), or
 * `Infinity` where it means "never". Throws `INVALID_MODE`, like every bad session option.
 */
export function parseDuration(
  name: "fallbackAfterMs" | "routeTtlMs" | "stalledAfterMs",
  ms: unknown,
  fallback: number,
  rule: { min: number; infinity: string | null },
): number {
  if (ms === undefined) return fallback;
  const inRange = typeof ms === "number" && ms >= rule.min && ms <= MAX_TIMER_MS;
  if (inRange || (ms === Infinity && rule.infinity !== null)) return ms;
  const above = rule.min === 0 ? ">= 0" : `>= ${rule.min}`;
  const never = rule.infinity === null ? "" : `, or Infinity to ${rule.infinity}`;
  throw new CloudProxyError(
    "INVALID_MODE",
    `Invalid ${name} ${describeSetting(ms)}: use a number of milliseconds ${above} and at most ${MAX_TIMER_MS} (default ${fallback})${never}.`,
  );
}
