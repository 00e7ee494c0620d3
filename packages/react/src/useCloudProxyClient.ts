"use client";
import type { CloudProxyCalls, CloudProxyState } from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { useCallback, useContext, useMemo, useState } from "react";
import type { CloudProxyOptions } from "./cloudProxyOptions";
import { CloudProxyContext, missingProviderError } from "./cloudProxyContext";
import { useCloudProxyOwner } from "./useCloudProxyOwner";
import { useOwnerState, useSessionSelection } from "./useSessionSelection";

/**
 * What `useCloudProxyClient` gives a call UI. The functions belong to the owner (the
 * provider instance, or the calling component) and its session: stable while it holds that
 * session, new with a new one (a new `client`, `<Activity>` shown again), so effects that
 * depend on them run again. A call made while the owner is between sessions waits for the
 * next. Their promises never reject unhandled, so `onClick={() => join(options)}` is safe.
 *
 * @example
 * ```tsx
 * const { join, leave, status }: UseCloudProxyClientResult = useCloudProxyClient();
 * ```
 */
export interface UseCloudProxyClientResult {
  /**
   * The guarded client: hand it to agora-rtc-react or your own code. Its `join`, `leave`,
   * `startProxyServer` and `stopProxyServer` are ordered by the session.
   */
  readonly client: IAgoraRTCClient;
  /** Waits for the proxy, then joins; resolves with the uid once CONNECTED. */
  readonly join: CloudProxyCalls["join"];
  /** Leaves; the proxy stays on while the owner is mounted. */
  readonly leave: CloudProxyCalls["leave"];
  /** Switches the mode ("off" to stop) along the legal path; `onModeChange` decides what happens while joined. */
  readonly setProxy: CloudProxyCalls["setProxy"];
  /**
   * The whole session state. A component that reads it re-renders on every change of it
   * from then on; one that only calls `join` / `leave` doesn't re-render for state changes
   * (read parts with `useCloudProxyStatus(selector)` to re-render only when they change).
   */
  readonly status: CloudProxyState;
}

// What the hook's subscription selects while the component has never read `status`: a
// constant, so store changes don't re-render a component that only calls join/leave.
const UNTRACKED = Symbol("status not read");

/**
 * The nearest `<CloudProxyProvider>`'s client and session.
 *
 * @example
 * ```tsx
 * function JoinButton() {
 *   const { join, leave, status } = useCloudProxyClient();
 *   return status.joinRequested
 *     ? <button onClick={() => leave()}>Leave</button>
 *     : <button onClick={() => join({ appid: APP_ID, channel: "support", token: null })}>Join</button>;
 * }
 * ```
 */
export function useCloudProxyClient(): UseCloudProxyClientResult;
/**
 * Without a provider: the calling component owns a session for `options.client` while it is
 * mounted (unmount leaves, then stops the proxy). `null` until the session exists (the first
 * render, while a factory resolves, or after a failure reported to `onError`).
 *
 * @example
 * ```tsx
 * function Call({ client }: { client: IAgoraRTCClient }) {
 *   const call = useCloudProxyClient({ client, mode: "tls" });
 *   if (!call) return null;
 *   return <button onClick={() => call.join({ appid: APP_ID, channel: "support", token: null })}>Join</button>;
 * }
 * ```
 */
export function useCloudProxyClient(options: CloudProxyOptions): UseCloudProxyClientResult | null;
export function useCloudProxyClient(options?: CloudProxyOptions): UseCloudProxyClientResult | null {
  const provided = useContext(CloudProxyContext);
  const [ownOwner] = useCloudProxyOwner(options ?? null);
  const { session, calls } = useOwnerState(options ? ownOwner : provided);
  // TanStack Query's tracked result: the component subscribes to the whole state only once
  // it reads `status` (during a render, in an effect or a handler); until then it re-renders
  // for nothing but a new session.
  const [tracker] = useState(() => ({ tracked: false }));
  const select = useCallback(
    (state: CloudProxyState): CloudProxyState | typeof UNTRACKED => (tracker.tracked ? state : UNTRACKED),
    [tracker],
  );
  const selection = useSessionSelection(session, select, Object.is);
  const result = useMemo((): UseCloudProxyClientResult | null => {
    if (!calls || !session || selection === undefined) return null;
    return {
      client: calls.client,
      join: calls.join,
      leave: calls.leave,
      setProxy: calls.setProxy,
      get status() {
        tracker.tracked = true;
        return selection === UNTRACKED ? session.store.getState() : selection;
      },
    };
  }, [calls, session, selection, tracker]);
  if (!options && provided === null) throw missingProviderError("useCloudProxyClient");
  return result;
}
