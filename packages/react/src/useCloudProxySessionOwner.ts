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
  const { fallbackAfterMs, routeMemory, routeTtlMs, onRouteChange } = options ?? {};
  const owning = options !== null;
  const clientKey = typeof client === "function" ? CLIENT_FACTORY : client;

  useEffect(() => {
    if (owning) {
      owner.setOptions({
        // Untyped code may pass undefined: the owner reports it as INVALID_CLIENT.
        client: client as CloudProxyOptions["client"],
        mode,
        enabled,
        onModeChange,
        onError,
        fallbackAfterMs,
        routeMemory,
        routeTtlMs,
        onRouteChange,
      });
    }
  }, [
    owner,
    owning,
    client,
    mode,
    enabled,
    onModeChange,
    onError,
    fallbackAfterMs,
    routeMemory,
    routeTtlMs,
    onRouteChange,
  ]);
  useEffect(() => (owning ? owner.connect() : undefined), [owner, owning, clientKey]);

  return useSyncExternalStore(owner.subscribe, owner.getState, owner.getState);
}
