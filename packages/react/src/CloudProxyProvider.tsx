"use client";
import type { ReactNode } from "react";
import type { CloudProxyOptions } from "./cloudProxyOptions";
import { CloudProxyContext } from "./cloudProxyContext";
import { useCloudProxySessionOwner } from "./useCloudProxySessionOwner";

/**
 * Props of {@link CloudProxyProvider}: the session options plus what to render.
 *
 * @example
 * ```tsx
 * const props: CloudProxyProviderProps = { client, mode: "udp", fallback: <Spinner />, children: <Call /> };
 * ```
 */
export interface CloudProxyProviderProps extends CloudProxyOptions {
  children?: ReactNode;
  /** Rendered until the session exists, and instead of `children` when it can't (see `onError`). Default `null`. */
  fallback?: ReactNode;
}

/**
 * Owns the cloud proxy session of `client` while mounted: mount turns the proxy on,
 * `mode` / `enabled` changes are handed to the session, unmount leaves (if joined), stops
 * the proxy and removes the session's listeners, in that order, after React is done.
 * Children render once the session exists, so everything below it (useCloudProxyClient,
 * agora-rtc-react's hooks via `CloudProxyAgoraRTCProvider`) only ever sees the guarded
 * client. StrictMode's mount/unmount/mount keeps one session: the SDK sees one start.
 *
 * @example
 * ```tsx
 * <CloudProxyProvider client={client} mode="tls" onError={(e) => toast(e.message)} fallback={<Spinner />}>
 *   <Call />
 * </CloudProxyProvider>
 * ```
 */
export function CloudProxyProvider({ children, fallback = null, ...options }: CloudProxyProviderProps): ReactNode {
  const { session } = useCloudProxySessionOwner(options);
  if (session === null) return fallback;
  return <CloudProxyContext.Provider value={session}>{children}</CloudProxyContext.Provider>;
}
