import { isNetworkErrorCode, isNetworkJoinError, type REFUSAL_CODES, ROUTE_ORDER } from "../cloudProxyRoute";

// What fixes each refusal; typed by the session's list, so a code added there needs advice here.
const REFUSAL_ADVICE: Record<(typeof REFUSAL_CODES)[number], string> = {
  INVALID_VENDOR_KEY: "check the App ID and token",
  INVALID_PARAMS: "check the join options (App ID, channel name, token, uid)",
  INVALID_OPERATION: "the client was busy with another join or leave; try again",
  UID_BANNED: "this uid is banned from the channel (Agora Console, or your server's kicking rules)",
  IP_BANNED: "this IP address is banned (Agora Console, or your server's kicking rules)",
  CHANNEL_BANNED: "this channel is banned (Agora Console, or your server's kicking rules)",
  NOT_SUPPORTED: "this browser or SDK version can't do it; check both",
  OPERATION_ABORTED: "a leave cancelled the join; join again",
};
// A code that only its message marks as a refusal (CAN_NOT_GET_GATEWAY_SERVER "invalid token").
const MESSAGE_ADVICE = "check the App ID, token and channel";

/** What to check when a join was refused for a reason no route fixes. */
function refusalAdvice(code: string | null): string {
  return (
    (code !== null && code in REFUSAL_ADVICE ? REFUSAL_ADVICE[code as keyof typeof REFUSAL_ADVICE] : undefined) ??
    MESSAGE_ADVICE
  );
}
import type { CloudProxyState } from "../cloudProxyState";
import type { CloudProxyPreflightResult, CloudProxyRoute, RouteAttempt } from "../types";
import type { CloudProxyReportRefusal, CloudProxyReportRoute } from "./cloudProxyReport";

// Which routes a report calls tried, working, blocked or refused. IT reads "blocked" as "open
// the firewall", so only what a firewall rule may fix counts: a timeout, a failure with a
// network code, or a join stuck CONNECTING. A join the SDK refused (App ID, token, ban) is
// refused, whatever route it was on.

/**
 * Every route tried, the network test's first, then the call's attempts, then the call's
 * join in flight: `stalled` when it is the join request's first route and past the session's
 * threshold, else `connecting` (with its own time, estimated, once auto mode escalated).
 *
 * @example
 * ```ts
 * const routes = reportRoutes(preflight, session.store.getState());
 * ```
 */
export function reportRoutes(
  preflight: CloudProxyPreflightResult | null,
  state: CloudProxyState | null,
): CloudProxyReportRoute[] {
  const refusedByMessage = state ? refusedAttempt(state) : null;
  return [
    ...(preflight?.routes ?? []).map((result): CloudProxyReportRoute => ({
      from: "network test",
      route: result.route,
      outcome: result.outcome === "failed" && !isNetworkErrorCode(result.errorCode) ? "refused" : result.outcome,
      errorCode: result.errorCode,
      ms: result.connectMs,
    })),
    ...callAttempts(state).map((attempt): CloudProxyReportRoute => ({
      from: "call",
      route: attempt.route,
      outcome:
        attempt.outcome === "failed" && (attempt === refusedByMessage || !isNetworkErrorCode(attempt.errorCode))
          ? "refused"
          : attempt.outcome,
      errorCode: attempt.errorCode,
      ms: attempt.ms,
    })),
    ...inFlight(state),
  ];
}

/**
 * Routes that connected at least once, in {@link ROUTE_ORDER}.
 *
 * @example
 * ```ts
 * workingRoutes(routes); // ["udp", "tls"]
 * ```
 */
export function workingRoutes(routes: readonly CloudProxyReportRoute[]): CloudProxyRoute[] {
  return ROUTE_ORDER.filter((route) => routes.some((tried) => tried.route === route && tried.outcome === "connected"));
}

/**
 * Routes that timed out, failed on the network or are stalled, and never connected, in
 * {@link ROUTE_ORDER}: what the report's firewall rules are for.
 *
 * @example
 * ```ts
 * firewallRulesFor(blockedRoutes(routes));
 * ```
 */
export function blockedRoutes(routes: readonly CloudProxyReportRoute[]): CloudProxyRoute[] {
  // A route that connected once is not blocked, whatever else timed out on it.
  const working = workingRoutes(routes);
  return ROUTE_ORDER.filter(
    (route) => !working.includes(route) && routes.some((tried) => tried.route === route && isBlocking(tried)),
  );
}

/**
 * The refused rows, with what to check.
 *
 * @example
 * ```ts
 * refusals(routes); // [{ from: "call", route: "udp", errorCode: "INVALID_VENDOR_KEY", advice: "check the App ID and token" }]
 * ```
 */
export function refusals(routes: readonly CloudProxyReportRoute[]): CloudProxyReportRefusal[] {
  return routes
    .filter((tried) => tried.outcome === "refused")
    .map((tried) => ({
      from: tried.from,
      route: tried.route,
      errorCode: tried.errorCode,
      advice: refusalAdvice(tried.errorCode),
    }));
}

const isBlocking = (tried: CloudProxyReportRoute): boolean =>
  tried.outcome === "timeout" ||
  tried.outcome === "failed" ||
  tried.outcome === "stalled" ||
  tried.outcome === "media-failed";

// The attempts of the join request in flight or connected; once auto mode gave up
// (UNREACHABLE) the request is dropped and its attempts live on in the error.
function callAttempts(state: CloudProxyState | null): readonly RouteAttempt[] {
  if (!state) return [];
  return state.attempts.length > 0 ? state.attempts : (state.error?.attempts ?? []);
}

// The SDK answers a bad App ID or token with a network-looking code and the reason in its
// message. The report keeps codes only, so it asks the session's error (whose cause holds
// the message) whether its last attempt was such a refusal.
function refusedAttempt(state: CloudProxyState): RouteAttempt | null {
  const { error } = state;
  const last = callAttempts(state).at(-1);
  if (error?.code !== "JOIN_FAILED" || last?.outcome !== "failed") return null;
  if (last.errorCode !== (error.sdkCode ?? null) || isNetworkJoinError(error.cause)) return null;
  return last;
}

// The join in flight is in no attempt until it ends; a join stuck on a blocked route may
// never end, so the report lists it as it stands.
function inFlight(state: CloudProxyState | null): CloudProxyReportRoute[] {
  if (!state?.joinRequested || state.connectionState !== "CONNECTING" || state.route === null) return [];
  const joinMs = stalledMsOf(state);
  const row = { from: "call", route: state.route, errorCode: null } as const;
  // `stalledMs` is the whole join request's time. When auto mode escalated, the routes before
  // this one took most of it and their timeouts already say they are blocked: this route has
  // had only what is left (an estimate), too little to call it stuck.
  if (state.attempts.length > 0) {
    const earlierMs = state.attempts.reduce((sum, attempt) => sum + attempt.ms, 0);
    const ownMs = joinMs === null ? null : Math.max(0, joinMs - earlierMs);
    return [{ ...row, outcome: "connecting", ms: ownMs !== null && Number.isFinite(ownMs) ? ownMs : null }];
  }
  // The request's first route has had all of the join's time: past the threshold, it is stalled.
  return [{ ...row, outcome: joinMs === null ? "connecting" : "stalled", ms: joinMs }];
}

/**
 * The state's `stalledMs`, read defensively: a session from an older copy of the library, or
 * a hand-made snapshot, lacks it.
 *
 * @example
 * ```ts
 * stalledMsOf(session.store.getState()); // 12000, or null
 * ```
 */
export function stalledMsOf(state: CloudProxyState): number | null {
  const stalledMs = (state as { stalledMs?: unknown }).stalledMs;
  return typeof stalledMs === "number" ? stalledMs : null;
}
