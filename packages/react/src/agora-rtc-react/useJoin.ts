"use client";
import { CloudProxyError, isCloudProxyError } from "@agora-cloud-proxy/core";
import {
  AgoraRTCReactError,
  type FetchArgs,
  type IAgoraRTCClient as AgoraRTCReactClient,
  type UID,
} from "agora-rtc-react";
import { useContext, useEffect, useRef, useState } from "react";
import { CloudProxyContext, missingProviderError } from "../cloudProxyContext";
import { useOwnerState, useSessionSelection } from "../useSessionSelection";

const isConnectedState = (state: { connectionState: string }): boolean => state.connectionState === "CONNECTED";

/**
 * agora-rtc-react's `useJoin`, same signature and result, joined through the nearest
 * `<CloudProxyAgoraRTCProvider>`'s session: it joins while `ready` (once the proxy is
 * settled), and leaves as soon as the component unmounts or `ready` turns false, even
 * while the join is still pending (agora-rtc-react's own `useJoin` arms its leave only
 * after `join()` settled, so a page left mid-join stays in the channel). The proxy stays on
 * while the provider lives. Like agora-rtc-react's, it reads `fetchArgs` when it joins, and
 * closes the client's published local tracks when it leaves (not on React StrictMode's
 * effect replay). `client`, if given, must be the provider's own (`useRTCClient()`);
 * another one is reported in `error` (`CloudProxyError` `INVALID_CLIENT` as `rtcError`).
 *
 * @example
 * ```tsx
 * import { useJoin } from "@agora-cloud-proxy/react/agora-rtc-react";
 *
 * function Call({ calling }: { calling: boolean }) {
 *   const { isConnected, error } = useJoin({ appid: APP_ID, channel: "support", token: null }, calling);
 *   return <p>{error ? error.message : isConnected ? "in the call" : "joining..."}</p>;
 * }
 * ```
 */
export function useJoin(
  fetchArgs: FetchArgs,
  ready = true,
  client?: AgoraRTCReactClient | null,
): { data: UID; isLoading: boolean; isConnected: boolean; error: AgoraRTCReactError | null } {
  const owner = useContext(CloudProxyContext);
  const { session, calls } = useOwnerState(owner);
  const [data, setData] = useState<UID>(0);
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<AgoraRTCReactError | null>(null);
  const isConnected = useSessionSelection(session, isConnectedState, Object.is) ?? false;
  const args = useRef(fetchArgs);
  args.current = fetchArgs;
  const lastRun = useRef<{ ready: boolean } | null>(null);
  const foreign = client != null && calls !== null && (client as unknown) !== calls.client;

  useEffect(() => {
    if (!calls) return;
    const run = { ready: ready && !foreign };
    lastRun.current = run;
    let active = true;
    setError(foreign ? reactError(foreignClientError()) : null);
    setData(0);
    setIsLoading(run.ready);
    if (!run.ready) return;
    void (async () => {
      try {
        const fetched = args.current;
        const { appid, channel, token, uid } = typeof fetched === "function" ? await fetched() : fetched;
        if (!active) return;
        const joined = await calls.join({ appid, channel, token, uid });
        if (active) setData(joined);
      } catch (cause) {
        // Cancelled: this effect's own cleanup (or a newer join) overtook it; nothing failed.
        if (active && !isCloudProxyError(cause, "CANCELLED")) {
          setError(reactError(cause));
        }
      }
      if (active) setIsLoading(false);
    })();
    return () => {
      active = false;
      // Read before the leave: tracks the session carries to its next connection (a reconnect
      // wait, a media switch) are the app's too, and the leave drops them from the list.
      const tracks = [...(calls.client.localTracks ?? [])];
      void calls.leave();
      // StrictMode runs the effect again in this tick: that is no leave, and the tracks stay.
      queueMicrotask(() => {
        const next = lastRun.current;
        if (next === run || !next?.ready) closeLocalTracks(tracks);
      });
    };
  }, [calls, ready, foreign]);

  if (!owner) throw missingProviderError("useJoin");
  return { data, isLoading, isConnected, error };
}

function closeLocalTracks(tracks: readonly { isPlaying?: boolean; stop(): void; close(): void }[]): void {
  for (const track of tracks) {
    if (track.isPlaying) track.stop();
    track.close();
  }
}

/** agora-rtc-react's error for a failed join; its `rtcError` is the SDK's (or our) error, as there. */
function reactError(cause: unknown): AgoraRTCReactError {
  return new AgoraRTCReactError("IAgoraRTCClient.join", cause as ConstructorParameters<typeof AgoraRTCReactError>[1]);
}

function foreignClientError(): CloudProxyError {
  return new CloudProxyError(
    "INVALID_CLIENT",
    "useJoin() from @agora-cloud-proxy/react/agora-rtc-react joins through the nearest <CloudProxyAgoraRTCProvider>, but was given another client. Pass no client (or that provider's, from useRTCClient()).",
  );
}
