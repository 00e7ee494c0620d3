import { createStore, type StoreApi } from "zustand/vanilla";

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

/** How many entries a history keeps: enough for a few escalations, bounded for long calls. */
export const HISTORY_LIMIT = 50;

/** A bounded history in its own store, so recording it never re-renders status consumers. */
export function createCloudProxyHistory(): {
  store: StoreApi<readonly CloudProxyHistoryEntry[]>;
  add(kind: CloudProxyHistoryEntry["kind"], name: string, detail?: string | null): void;
} {
  const store = createStore<readonly CloudProxyHistoryEntry[]>()(() => []);
  return {
    store,
    add(kind, name, detail = null) {
      const entries = store.getState();
      const next = [...entries.slice(Math.max(0, entries.length - HISTORY_LIMIT + 1)), { at: Date.now(), kind, name, detail }];
      store.setState(next, true);
    },
  };
}
