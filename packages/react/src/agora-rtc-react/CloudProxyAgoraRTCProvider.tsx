"use client";
import type { CloudProxyClientInput } from "@agora-cloud-proxy/core";
import { AgoraRTCProvider, type IAgoraRTCClient as AgoraRTCReactClient } from "agora-rtc-react";
import { useContext, type ReactNode } from "react";
import { CloudProxyContext } from "../cloudProxyContext";
import { CloudProxyProvider, type CloudProxyProviderProps } from "../CloudProxyProvider";
import { useOwnerState } from "../useSessionSelection";

/**
 * Props of {@link CloudProxyAgoraRTCProvider}: `CloudProxyProvider`'s, and `client` may also be
 * typed as agora-rtc-react's client (its bundled copy of the SDK declares its own types).
 *
 * @example
 * ```tsx
 * const props: CloudProxyAgoraRTCProviderProps = { client: AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }), mode: "tls" };
 * ```
 */
export interface CloudProxyAgoraRTCProviderProps extends Omit<CloudProxyProviderProps, "client"> {
  client: CloudProxyClientInput | AgoraRTCReactClient | (() => AgoraRTCReactClient | PromiseLike<AgoraRTCReactClient>);
}

/**
 * {@link CloudProxyProvider} that also provides agora-rtc-react's client context with the
 * provider's guarded client, so agora-rtc-react's hooks below it (`usePublish`,
 * `useRemoteUsers`, `useIsConnected`, ...) go through the session: joins wait for the proxy,
 * and a leave can't race `stopProxyServer()`. Use this package's {@link useJoin} for joining:
 * agora-rtc-react's own `useJoin` only arms its leave once `join()` settled, so a page that
 * unmounts mid-join stays in the channel until this provider unmounts.
 *
 * Browser only, like agora-rtc-react itself (it needs `window` at import). In Next.js,
 * load the component that renders it with `next/dynamic(..., { ssr: false })` from a
 * client component.
 *
 * @example
 * ```tsx
 * import { CloudProxyAgoraRTCProvider, useJoin } from "@agora-cloud-proxy/react/agora-rtc-react";
 * import AgoraRTC from "agora-rtc-react";
 *
 * const client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
 * function Call() {
 *   useJoin({ appid: APP_ID, channel: "support", token: null });
 *   return <p>in the call</p>;
 * }
 * <CloudProxyAgoraRTCProvider client={client} mode="udp"><Call /></CloudProxyAgoraRTCProvider>;
 * ```
 */
export function CloudProxyAgoraRTCProvider({ children, client, ...props }: CloudProxyAgoraRTCProviderProps): ReactNode {
  return (
    <CloudProxyProvider client={client as CloudProxyClientInput} {...props}>
      <GuardedAgoraRTCProvider>{children}</GuardedAgoraRTCProvider>
    </CloudProxyProvider>
  );
}

function GuardedAgoraRTCProvider({ children }: { children?: ReactNode }): ReactNode {
  // The owner's guarded client; a new session (a new client, <Activity> shown again) brings a new one.
  const client = useOwnerState(useContext(CloudProxyContext)).calls?.client ?? null;
  if (client === null) return null;
  // agora-rtc-react declares its own copy of the SDK's types; the guarded client is the same shape.
  return <AgoraRTCProvider client={client as unknown as AgoraRTCReactClient}>{children}</AgoraRTCProvider>;
}
