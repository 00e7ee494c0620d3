"use client";
import type { CloudProxySession, CloudProxyState } from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { useContext, useMemo } from "react";
import type { CloudProxyOptions } from "./cloudProxyOptions";
import { CloudProxyContext, missingProviderError } from "./cloudProxyContext";
import { useCloudProxySessionOwner } from "./useCloudProxySessionOwner";
import { useSessionSelection } from "./useSessionSelection";

/**
 * What `useCloudProxyClient` gives a call UI. The functions are the session's own (stable
 * for the session's life); their promises never reject unhandled, so
 * `onClick={() => join(options)}` is safe.
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
  readonly join: CloudProxySession["join"];
  /** Leaves; the proxy stays on while the owner is mounted. */
  readonly leave: CloudProxySession["leave"];
  /** Switches the mode ("off" to stop) along the legal path; `onModeChange` decides what happens while joined. */
  readonly setProxy: CloudProxySession["setProxy"];
  /** The whole session state; the component re-renders on every change of it. */
  readonly status: CloudProxyState;
}

const selectState = (state: CloudProxyState): CloudProxyState => state;

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
  const owned = useCloudProxySessionOwner(options ?? null);
  const session = options ? owned.session : provided;
  const status = useSessionSelection(session, selectState, Object.is);
  const result = useMemo(
    () =>
      session && status
        ? { client: session.client, join: session.join, leave: session.leave, setProxy: session.setProxy, status }
        : null,
    [session, status],
  );
  if (!options && provided === null) throw missingProviderError("useCloudProxyClient");
  return result;
}
