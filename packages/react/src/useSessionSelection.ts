"use client";
import type { CloudProxySession, CloudProxyState } from "@agora-cloud-proxy/core";
import { useMemo, useSyncExternalStore } from "react";

const subscribeToNothing = (): (() => void) => () => {};
const nothing = (): undefined => undefined;

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
    if (store === null) return nothing;
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
