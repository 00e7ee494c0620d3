"use client";
import type { ReactNode } from "react";
import type { CloudProxyOptions } from "./cloudProxyOptions";
import { CloudProxyContext } from "./cloudProxyContext";
import { useCloudProxyOwner } from "./useCloudProxyOwner";

/**
 * Props of {@link CloudProxyProvider}: the owner's options plus what to render.
 *
 * @example
 * ```tsx
 * const props: CloudProxyProviderProps = { client, mode: "udp", fallback: <Spinner />, children: <Call /> };
 * ```
 */
export interface CloudProxyProviderProps extends CloudProxyOptions {
  children?: ReactNode;
  /** Rendered until the session exists, and instead of `children` when there is none (see `onError`). Default `null`. */
  fallback?: ReactNode;
}

/**
 * Owns the cloud proxy session of `client` while mounted: mount turns the proxy on, prop
 * changes reach the session live, unmount leaves (if joined), stops the proxy and removes
 * the session's listeners, in that order, after React is done. A join belongs to the
 * provider instance it was made under: a new provider (a new `key`) on the same client keeps
 * the proxy but not the old one's call. StrictMode's effect replay is the same instance: the
 * SDK sees one start. Children render once the session exists.
 *
 * @example
 * ```tsx
 * <CloudProxyProvider client={client} mode="tls" onError={(e) => toast(e.message)} fallback={<Spinner />}>
 *   <Call />
 * </CloudProxyProvider>
 * ```
 */
export function CloudProxyProvider({ children, fallback = null, ...options }: CloudProxyProviderProps): ReactNode {
  const [owner, { session }] = useCloudProxyOwner(options);
  if (session === null) return fallback;
  return <CloudProxyContext.Provider value={owner}>{children}</CloudProxyContext.Provider>;
}
