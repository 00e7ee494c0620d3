"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { CloudProxyOptions } from "./cloudProxyOptions";
import { CloudProxySessionOwner, type CloudProxyOwnerState } from "./CloudProxySessionOwner";

// Any factory is one key: a factory is called once per mount, so a new inline arrow
// function on every render must not look like a new client.
const CLIENT_FACTORY = Symbol("client factory");

/**
 * Owns a session for the calling component's lifetime: `null` options own nothing (the
 * component reads a provider's session instead). Props reach the owner in effects only.
 *
 * @example
 * ```ts
 * const { session, error } = useCloudProxySessionOwner({ client, mode: "tls" });
 * ```
 */
export function useCloudProxySessionOwner(options: CloudProxyOptions | null): CloudProxyOwnerState {
  const [owner] = useState(() => new CloudProxySessionOwner());
  const client = options?.client;
  const mode = options?.mode;
  const enabled = options?.enabled;
  const onModeChange = options?.onModeChange;
  const onError = options?.onError;
  const clientKey = typeof client === "function" ? CLIENT_FACTORY : client;

  useEffect(() => {
    if (client !== undefined) owner.setOptions({ client, mode, enabled, onModeChange, onError });
  }, [owner, client, mode, enabled, onModeChange, onError]);
  useEffect(() => (clientKey === undefined ? undefined : owner.connect()), [owner, clientKey]);

  return useSyncExternalStore(owner.subscribe, owner.getState, owner.getState);
}
