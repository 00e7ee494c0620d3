"use client";
import type { CloudProxyState } from "@agora-cloud-proxy/core";
import { useContext } from "react";
import { CloudProxyContext, missingProviderError } from "./cloudProxyContext";
import { useOwnerState, useSessionSelection } from "./useSessionSelection";

/**
 * Reads part of the nearest provider's session state. The component re-renders only when
 * the selected value changes (by `Object.is`, or by `equalityFn`), not on every SDK event.
 * A selector that builds a new object needs an `equalityFn` such as a shallow compare.
 *
 * @example
 * ```tsx
 * function ProxyBadge() {
 *   const connected = useCloudProxyStatus((s) => s.connectionState === "CONNECTED");
 *   const viaProxy = useCloudProxyStatus((s) => s.usingCloudProxy);
 *   return <span>{connected ? (viaProxy ? "connected via cloud proxy" : "connected") : "offline"}</span>;
 * }
 * ```
 */
export function useCloudProxyStatus<T>(
  selector: (state: CloudProxyState) => T,
  equalityFn: (a: T, b: T) => boolean = Object.is,
): T {
  const owner = useContext(CloudProxyContext);
  const selected = useSessionSelection(useOwnerState(owner).session, selector, equalityFn);
  if (owner === null) throw missingProviderError("useCloudProxyStatus");
  return selected as T;
}
