"use client";
import type {
  CloudProxyOwner,
  CloudProxyOwnerState,
  CloudProxySession,
  CloudProxyState,
} from "@agora-cloud-proxy/core";
import { useMemo, useSyncExternalStore } from "react";

const subscribeToNothing = (): (() => void) => () => {};
const NO_OWNER: CloudProxyOwnerState = { session: null, calls: null, error: null };
const noOwner = (): CloudProxyOwnerState => NO_OWNER;
const nothingSelected = (): undefined => undefined;

/**
 * An owner's state (its session and calls), re-rendering when it changes.
 *
 * @example
 * ```ts
 * const { session, calls } = useOwnerState(useContext(CloudProxyContext));
 * ```
 */
export function useOwnerState(owner: CloudProxyOwner | null): CloudProxyOwnerState {
  return useSyncExternalStore(
    owner?.subscribe ?? subscribeToNothing,
    owner?.getState ?? noOwner,
    owner?.getState ?? noOwner,
  );
}

/**
 * `useSyncExternalStore` over a session's store with a selector, like zustand's
 * `useStoreWithEqualityFn`: the selection is memoized per store state and kept while
 * `equalityFn` says it is equal, so a store change re-renders only when the selection changed.
 * `undefined` while there is no session.
 *
 * @example
 * ```ts
 * const connected = useSessionSelection(session, (s) => s.connectionState === "CONNECTED", Object.is);
 * ```
 */
export function useSessionSelection<T>(
  session: CloudProxySession | null,
  selector: (state: CloudProxyState) => T,
  equalityFn: (a: T, b: T) => boolean,
): T | undefined {
  const store = session?.store ?? null;
  const getSelection = useMemo(() => {
    if (store === null) return nothingSelected;
    let last: { state: CloudProxyState; selection: T } | null = null;
    return (): T => {
      const state = store.getState();
      if (last !== null && Object.is(last.state, state)) return last.selection;
      const selection = selector(state);
      last = { state, selection: last !== null && equalityFn(last.selection, selection) ? last.selection : selection };
      return last.selection;
    };
  }, [store, selector, equalityFn]);
  return useSyncExternalStore(store?.subscribe ?? subscribeToNothing, getSelection, getSelection);
}
