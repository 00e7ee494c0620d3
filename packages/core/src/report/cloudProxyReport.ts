import type { ConnectionState } from "agora-rtc-sdk-ng";
import type { CloudProxySession } from "../cloudProxySession";
import type { CloudProxyState } from "../cloudProxyState";
import type { FirewallRule } from "../firewallRules";
import type {
  CloudProxyErrorCode,
  CloudProxyHistoryEntry,
  CloudProxyMode,
  CloudProxyPreflightResult,
  CloudProxyRoute,
} from "../types";

/**
 * A session as it was at one moment, for a report made where only its state and history are
 * at hand (React: `useCloudProxyStatus()` and `useCloudProxyDiagnostics().history`).
 *
 * @example
 * ```ts
 * const snapshot: CloudProxySessionSnapshot = { state: session.store.getState(), history: session.history.getState() };
 * ```
 */
export interface CloudProxySessionSnapshot {
  /** The session's state. */
  readonly state: CloudProxyState;
  /** The session's history, oldest first. */
  readonly history: readonly CloudProxyHistoryEntry[];
}

/**
 * What `createCloudProxyReport` reads. Everything is optional: a report of a network test
 * alone, of a call alone, or of both. Join options are never asked for, so an App ID, a
 * token or a channel name can't reach the report.
 *
 * @example
 * ```ts
 * const options: CloudProxyReportOptions = { session, preflight, sdkVersion: AgoraRTC.VERSION };
 * ```
 */
export interface CloudProxyReportOptions {
  /** The call's session (or a snapshot of it): its attempts, state, error and history. */
  session?: Pick<CloudProxySession, "store" | "history"> | CloudProxySessionSnapshot | null;
  /** A network test's result (`testCloudProxyRoutes`, `useCloudProxyPreflight`). */
  preflight?: CloudProxyPreflightResult | null;
  /** The SDK's version, e.g. `AgoraRTC.VERSION`; default "unknown". */
  sdkVersion?: string;
  /** The browser; default `navigator.userAgent` where there is one, else "unknown". */
  userAgent?: string;
}

/**
 * One route tried, by the network test or by the call, or the call's join still in flight.
 *
 * @example
 * ```ts
 * const route: CloudProxyReportRoute = { from: "call", route: "direct", outcome: "timeout", errorCode: null, ms: 5000 };
 * const stuck: CloudProxyReportRoute = { from: "call", route: "tls", outcome: "stalled", errorCode: null, ms: 12000 };
 * ```
 */
export interface CloudProxyReportRoute {
  /** `network test`: a route of the preflight; `call`: a join attempt of the session. */
  readonly from: "network test" | "call";
  /** The route: "direct", "udp" (SDK mode 3) or "tls" (mode 5). */
  readonly route: CloudProxyRoute;
  /**
   * - `connected`: it got through.
   * - `timeout`, `failed` (the SDK's code may be the network's fault): the route is blocked.
   * - `refused`: the SDK refused the join for a reason no firewall rule fixes (App ID, token,
   *   a ban, bad options); not blocked, see {@link CloudProxyReport.refused}.
   * - `stalled`: the call's join in flight on the join request's first route, CONNECTING past
   *   the session's `stalledAfterMs`; counted as blocked, though not a proven failure.
   * - `connecting`: the call's join in flight, not stalled yet, or on a later route of auto
   *   mode (the routes before it timed out); neither blocked nor working.
   * - `media-failed` (call): signalling connected but media never flowed (auto mode moved on);
   *   counted as blocked: the firewall passes the route's signalling and blocks its media.
   * - `cancelled` (call) and `aborted` (network test): stopped before an answer; neither counts.
   */
  readonly outcome:
    | "connected"
    | "timeout"
    | "failed"
    | "refused"
    | "stalled"
    | "connecting"
    | "aborted"
    | "cancelled"
    | "media-failed";
  /** The SDK's error code of a `failed` or `refused` route; `null` otherwise. */
  readonly errorCode: string | null;
  /**
   * Milliseconds to the outcome (call), to CONNECTED (network test), or CONNECTING so far
   * (`stalled`; for a later route of auto mode, the join's time less its earlier attempts', an
   * estimate); `null` when not measured.
   */
  readonly ms: number | null;
}

/**
 * A join the SDK refused for a reason no firewall rule fixes, and what to check instead.
 *
 * @example
 * ```ts
 * const refusal: CloudProxyReportRefusal = { from: "call", route: "udp", errorCode: "INVALID_VENDOR_KEY", advice: "check the App ID and token" };
 * ```
 */
export interface CloudProxyReportRefusal {
  /** Where the refused join ran. */
  readonly from: CloudProxyReportRoute["from"];
  /** The route it ran on, which this says nothing about. */
  readonly route: CloudProxyRoute;
  /** The SDK's error code. */
  readonly errorCode: string | null;
  /** What to check, for the app's developer rather than IT (e.g. "check the App ID and token"). */
  readonly advice: string;
}

/**
 * The call's session when the report was made. Never the uid, App ID, token or channel.
 *
 * @example
 * ```ts
 * const session: CloudProxyReportSession | null = report.json.session;
 * if (session?.stalledMs != null) console.log(`CONNECTING for ${session.stalledMs} ms`);
 * ```
 */
export interface CloudProxyReportSession {
  /** The SDK's connection state. */
  readonly connectionState: ConnectionState;
  /** The proxy's state: `off`, `starting`, `on`, `stopping`. */
  readonly proxy: CloudProxyState["proxy"];
  /** The cloud proxy the SDK ran; `null`: none. */
  readonly mode: CloudProxyMode | null;
  /** The route of the join in flight or connected. */
  readonly route: CloudProxyRoute | null;
  /** Whether the app wanted to be in the channel. */
  readonly joinRequested: boolean;
  /** How long a join had been CONNECTING past the session's threshold; `null` when not stalled. */
  readonly stalledMs: number | null;
  /** The session's last error: its code, the SDK's code and the message (which never holds join options). */
  readonly error: {
    readonly code: CloudProxyErrorCode;
    readonly sdkCode: string | null;
    readonly message: string;
  } | null;
}

/**
 * One line of the session's history, with an ISO time.
 *
 * @example
 * ```ts
 * const line: CloudProxyReportHistoryEntry = { at: "2025-01-01T10:00:00.000Z", kind: "call", name: "join", detail: "udp" };
 * ```
 */
export interface CloudProxyReportHistoryEntry {
  /** When, ISO 8601; "unknown" when the entry's time was no valid time. */
  readonly at: string;
  /** `call`, `result`, `state` or `external` (see `CloudProxyHistoryEntry`). */
  readonly kind: CloudProxyHistoryEntry["kind"];
  /** The SDK method, the new connection state, or `listeners`. */
  readonly name: string;
  /** The mode, the route, the SDK error code or the reason; `null` when none. */
  readonly detail: string | null;
}

/**
 * A report for IT, as plain data (`JSON.stringify` it as it is): when, which SDK and browser,
 * every route tried with its outcome (and the call's join in flight), the call's state and
 * history, whether the cloud proxy was used, the firewall rules the blocked routes need, and
 * the joins refused for a reason no firewall rule fixes. It never holds an App ID, a token
 * or a channel name.
 *
 * @example
 * ```ts
 * const { json } = createCloudProxyReport({ session, preflight });
 * const report: CloudProxyReport = json;
 * if (report.failedRoutes.length > 0) sendToIt(JSON.stringify(report));
 * ```
 */
export interface CloudProxyReport {
  /** The shape's version: a change that breaks readers gets a new one. */
  readonly format: "agora-cloud-proxy-report/1";
  /** When the report was made, ISO 8601. */
  readonly createdAt: string;
  /** The SDK's version as given (`AgoraRTC.VERSION`) on one line (control characters made spaces, at most 300 characters), or "unknown". */
  readonly sdkVersion: string;
  /** The browser's user agent on one line (as `sdkVersion`), or "unknown". */
  readonly userAgent: string;
  /** From the SDK's `is-using-cloud-proxy` event of the call; `null`: unknown (no session, or not joined). */
  readonly usingCloudProxy: boolean | null;
  /** The network test: when it started (ISO; `null` when its `startedAt` was no valid time), how long it took and its best route; `null` without one. */
  readonly networkTest: {
    readonly startedAt: string | null;
    readonly durationMs: number;
    readonly best: CloudProxyRoute | null;
  } | null;
  /** Every route tried: the network test's first, then the call's attempts. */
  readonly routes: readonly CloudProxyReportRoute[];
  /**
   * The blocked routes: those that timed out, failed with an error that may be the network's,
   * or are stalled (see `routes` for which), and never connected; in the order direct, udp, tls.
   * A refused join (App ID, token, a ban) never makes its route blocked.
   */
  readonly failedRoutes: readonly CloudProxyRoute[];
  /** Routes that connected at least once, in the order direct, udp, tls. */
  readonly workingRoutes: readonly CloudProxyRoute[];
  /** Joins refused for a reason no firewall rule fixes, in the order of `routes`; empty when none. */
  readonly refused: readonly CloudProxyReportRefusal[];
  /** The call's session; `null` without one. */
  readonly session: CloudProxyReportSession | null;
  /** The session's history, oldest first (the last 50 entries). */
  readonly history: readonly CloudProxyReportHistoryEntry[];
  /** The rules the blocked routes need (their `routes` include one of `failedRoutes`), with their destinations. */
  readonly firewallRules: readonly FirewallRule[];
}
