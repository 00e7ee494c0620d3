"use client";
import { AgoraRTCProvider, type IAgoraRTCClient as AgoraRTCReactClient } from "agora-rtc-react";
import { useContext, type ReactNode } from "react";
import { CloudProxyContext } from "../cloudProxyContext";
import type { CloudProxyClientInput } from "../cloudProxyOptions";
import { CloudProxyProvider, type CloudProxyProviderProps } from "../CloudProxyProvider";

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
 * session's guarded client, so agora-rtc-react's own hooks below it (`useJoin`,
 * `usePublish`, `useRemoteUsers`, `useIsConnected`, ...) go through the session: their
 * joins wait for the proxy, and `useJoin`'s un-awaited leave in an effect cleanup can't
 * race `stopProxyServer()`. Same props as `CloudProxyProvider`; `client` may come from
 * agora-rtc-react's own `AgoraRTC.createClient()` or from agora-rtc-sdk-ng.
 *
 * Browser only, like agora-rtc-react itself (it needs `window` at import). In Next.js,
 * load the component that renders it with `next/dynamic(..., { ssr: false })` from a
 * client component.
 *
 * @example
 * ```tsx
 * import { CloudProxyAgoraRTCProvider } from "@agora-cloud-proxy/react/agora-rtc-react";
 * import AgoraRTC, { useJoin } from "agora-rtc-react";
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
  // The context, not useCloudProxyClient(): this component must not re-render on status changes.
  const session = useContext(CloudProxyContext);
  if (session === null) return null;
  // agora-rtc-react declares its own copy of the SDK's types; the guarded client is the same shape.
  return <AgoraRTCProvider client={session.client as unknown as AgoraRTCReactClient}>{children}</AgoraRTCProvider>;
}
