/**
 * A set of change listeners, zustand-style: `subscribe(listener)` returns its own unsubscribe
 * (modelled on TanStack Query's `Subscribable`). A listener is kept once however often it is
 * subscribed. `notify()` calls a snapshot of the listeners in subscription order, so one added
 * meanwhile waits for the next change. A listener that throws stops neither the others nor
 * the fake client that is notifying: its error is rethrown on a microtask, where the test
 * runner or the browser reports it.
 *
 * @example
 * const changes = new Subscribable();
 * const unsubscribe = changes.subscribe(() => console.log("changed"));
 * changes.notify(); // logs "changed"
 * unsubscribe();
 */
export class Subscribable {
  readonly #listeners = new Set<() => void>();

  /** Calls `listener` after each change until the returned function is called. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Calls every listener subscribed now. */
  notify(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
