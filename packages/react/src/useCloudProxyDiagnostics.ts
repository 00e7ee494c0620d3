"use client";
import type { CloudProxyHistoryEntry, CloudProxyRoute, CloudProxyState, RouteAttempt } from "@agora-cloud-proxy/core";
import { useContext, useMemo, useSyncExternalStore } from "react";
import { CloudProxyContext, missingProviderError } from "./cloudProxyContext";
import { useOwnerState, useSessionSelection } from "./useSessionSelection";

/**
 * What `useCloudProxyDiagnostics()` shows an IT admin or a support screen.
 *
 * @example
 * ```ts
 * const { route, attempts, usingCloudProxy, history }: CloudProxyDiagnostics = useCloudProxyDiagnostics();
 * ```
 */
export interface CloudProxyDiagnostics {
  /** The route of the join in flight or connected: "direct", "udp" or "tls"; `null` when none. */
  readonly route: CloudProxyRoute | null;
  /** The attempts of the current join request, one per route tried (`mode="auto"` escalates). */
  readonly attempts: readonly RouteAttempt[];
  /** From the SDK's `is-using-cloud-proxy` event after a join; `null` until then. */
  readonly usingCloudProxy: boolean | null;
  /**
   * The last 50 SDK calls the session made, their results and connection state changes,
   * and its media verdicts and reconnect cycle (kinds `media`, `reconnect`), oldest first,
   * with timestamps. Never holds the App ID or token.
   */
  readonly history: readonly CloudProxyHistoryEntry[];
}

type RouteStatus = Pick<CloudProxyState, "route" | "attempts" | "usingCloudProxy">;

const selectRouteStatus = (state: CloudProxyState): RouteStatus => ({
  route: state.route,
  attempts: state.attempts,
  usingCloudProxy: state.usingCloudProxy,
});

const sameRouteStatus = (a: RouteStatus, b: RouteStatus): boolean =>
  a.route === b.route && a.attempts === b.attempts && a.usingCloudProxy === b.usingCloudProxy;

const subscribeToNothing = (): (() => void) => () => {};
const noHistory = (): readonly CloudProxyHistoryEntry[] => [];

/**
 * The nearest `<CloudProxyProvider>`'s route diagnostics: which route the call uses, what
 * was tried, and a bounded history of SDK calls and connection states. The component
 * re-renders when one of them changes, not on other status changes. The history lives in
 * its own store, so recording it never re-renders `useCloudProxyStatus` consumers.
 *
 * @example
 * ```tsx
 * function DiagnosticsPanel() {
 *   const { route, attempts, usingCloudProxy, history } = useCloudProxyDiagnostics();
 *   return (
 *     <details>
 *       <summary>Route: {route ?? "none"} {usingCloudProxy ? "(cloud proxy)" : ""}</summary>
 *       <ul>{attempts.map((a, i) => <li key={i}>{a.route}: {a.outcome} after {a.ms} ms</li>)}</ul>
 *       <pre>{history.map((h) => `${new Date(h.at).toISOString()} ${h.kind} ${h.name} ${h.detail ?? ""}`).join("\n")}</pre>
 *     </details>
 *   );
 * }
 * ```
 */
export function useCloudProxyDiagnostics(): CloudProxyDiagnostics {
  const session = useOwnerState(useContext(CloudProxyContext)).session;
  const status = useSessionSelection(session, selectRouteStatus, sameRouteStatus);
  const historyStore = session?.history ?? null;
  const history = useSyncExternalStore(
    historyStore?.subscribe ?? subscribeToNothing,
    historyStore?.getState ?? noHistory,
    historyStore?.getState ?? noHistory,
  );
  const diagnostics = useMemo(
    () =>
      status
        ? { route: status.route, attempts: status.attempts, usingCloudProxy: status.usingCloudProxy, history }
        : null,
    [status, history],
  );
  if (diagnostics === null) throw missingProviderError("useCloudProxyDiagnostics");
  return diagnostics;
}
