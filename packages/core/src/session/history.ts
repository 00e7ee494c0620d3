import type { CloudProxyHistoryEntry, ReadableStore } from "../types";

/** How many entries a history keeps: enough for a few escalations, bounded for long calls. */
export const HISTORY_LIMIT = 50;

/**
 * A bounded history in its own store, so recording never re-renders status consumers.
 * Entries go into a mutable buffer; the immutable snapshot is built only when read, so a
 * session nobody inspects pays a push per SDK call and nothing more.
 */
export class CloudProxyHistory {
  // A ring of HISTORY_LIMIT slots; `#next` is where the next entry goes.
  readonly #ring: CloudProxyHistoryEntry[] = [];
  #next = 0;
  #snapshot: readonly CloudProxyHistoryEntry[] = [];
  #stale = false;
  #listeners: Set<HistoryListener> | undefined;
  #store: ReadableStore<readonly CloudProxyHistoryEntry[]> | undefined;

  /** The read-only view for `session.history`, made on first use (its methods are bound). */
  get store(): ReadableStore<readonly CloudProxyHistoryEntry[]> {
    return (this.#store ??= {
      getState: () => this.#read(),
      subscribe: (listener) => {
        const listeners = (this.#listeners ??= new Set());
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
  }

  add(kind: CloudProxyHistoryEntry["kind"], name: string, detail: string | null = null): void {
    this.#ring[this.#next] = { at: Date.now(), kind, name, detail };
    this.#next = (this.#next + 1) % HISTORY_LIMIT;
    this.#stale = true;
    if (!this.#listeners?.size) return;
    const previous = this.#snapshot;
    const state = this.#read();
    for (const listener of this.#listeners) listener(state, previous);
  }

  #read(): readonly CloudProxyHistoryEntry[] {
    if (this.#stale) {
      const ring = this.#ring;
      this.#snapshot =
        ring.length < HISTORY_LIMIT ? ring.slice() : [...ring.slice(this.#next), ...ring.slice(0, this.#next)];
      this.#stale = false;
    }
    return this.#snapshot;
  }
}

type HistoryListener = (state: readonly CloudProxyHistoryEntry[], previous: readonly CloudProxyHistoryEntry[]) => void;
