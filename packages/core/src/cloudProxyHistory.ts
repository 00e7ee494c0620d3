import type { StoreApi } from "zustand/vanilla";

/**
 * One line of a session's diagnostics history: an SDK call the worker made, its result,
 * or a connection state change. Never holds an App ID or token.
 *
 * @example
 * ```ts
 * const entry: CloudProxyHistoryEntry = { at: Date.now(), kind: "call", name: "startProxyServer", detail: "5" };
 * ```
 */
export interface CloudProxyHistoryEntry {
  /** Epoch milliseconds. */
  at: number;
  /** `call`: the worker called the SDK; `result`: an async call settled; `state`: `connection-state-change`. */
  kind: "call" | "result" | "state";
  /** The SDK method (`startProxyServer`, `join`, ...) or the new connection state. */
  name: string;
  /** The mode for startProxyServer, the route for join, the SDK error code for a failure, the reason for a state. */
  detail: string | null;
}

/**
 * A read-only store: `getState()` and `subscribe()`, as in zustand, for
 * `useSyncExternalStore`.
 *
 * @example
 * ```ts
 * const unsubscribe = session.history.subscribe((entries) => console.table(entries));
 * ```
 */
export type ReadableStore<T> = Pick<StoreApi<T>, "getState" | "subscribe">;

/** How many entries a history keeps: enough for a few escalations, bounded for long calls. */
export const HISTORY_LIMIT = 50;

/**
 * A bounded history in its own store, so recording never re-renders status consumers.
 * Entries go into a mutable buffer; the immutable snapshot is built only when read, so a
 * session nobody inspects pays a push per SDK call and nothing more.
 */
export function createCloudProxyHistory(): {
  store: ReadableStore<readonly CloudProxyHistoryEntry[]>;
  add(kind: CloudProxyHistoryEntry["kind"], name: string, detail?: string | null): void;
} {
  // A ring of HISTORY_LIMIT slots; `next` is where the next entry goes.
  const ring: CloudProxyHistoryEntry[] = [];
  let next = 0;
  let snapshot: readonly CloudProxyHistoryEntry[] = [];
  let stale = false;
  const listeners = new Set<
    (state: readonly CloudProxyHistoryEntry[], previous: readonly CloudProxyHistoryEntry[]) => void
  >();
  const getState = () => {
    if (stale) {
      snapshot = ring.length < HISTORY_LIMIT ? ring.slice() : [...ring.slice(next), ...ring.slice(0, next)];
      stale = false;
    }
    return snapshot;
  };
  return {
    store: {
      getState,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    add(kind, name, detail = null) {
      ring[next] = { at: Date.now(), kind, name, detail };
      next = (next + 1) % HISTORY_LIMIT;
      stale = true;
      if (listeners.size === 0) return;
      const previous = snapshot;
      const state = getState();
      for (const listener of listeners) listener(state, previous);
    },
  };
}
