"use client";
import { CloudProxyOwner, type CloudProxyOwnerState } from "@agora-cloud-proxy/core";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { CloudProxyOptions } from "./cloudProxyOptions";

/**
 * TanStack Query's observer pattern: one owner per component instance (`useState`), the
 * latest props handed to it after every commit, mounted while the component is, read with
 * `useSyncExternalStore`. Render never touches a client: a discarded or server render has
 * no side effect. `null` options own nothing (the component reads a provider's owner).
 *
 * @example
 * ```ts
 * const [owner, { session, error }] = useCloudProxyOwner({ client, mode: "tls" });
 * ```
 */
export function useCloudProxyOwner(options: CloudProxyOptions | null): [CloudProxyOwner, CloudProxyOwnerState] {
  const [owner] = useState(() => new CloudProxyOwner());
  const owning = options !== null;
  useEffect(() => {
    if (options) owner.setOptions(options);
  });
  useEffect(() => (owning ? owner.mount() : undefined), [owner, owning]);
  return [owner, useSyncExternalStore(owner.subscribe, owner.getState, owner.getState)];
}
