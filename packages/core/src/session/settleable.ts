/**
 * A promise with its settle functions; a rejection is marked handled as it happens.
 *
 * Fire-and-forget calls are normal in React (`onClick={() => join(options)}`, an effect
 * cleanup calling `client.leave()`), so a rejection must not surface as an unhandled
 * rejection; whoever awaits the promise still receives it.
 */
export class Settleable<T> {
  readonly promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  resolve(value: T): void {
    this.#resolve(value);
  }

  reject(error: unknown): void {
    // Marked handled only when it rejects: a promise that resolves needs no extra reaction.
    this.promise.catch(noop);
    this.#reject(error);
  }
}

/** Resolves every waiter and empties the list in place (settling never runs callbacks synchronously). */
export function resolveAll<T>(waiters: Settleable<T>[], value: T): void {
  if (waiters.length === 0) return; // the common case: this runs after every worker pass
  for (const waiter of waiters) waiter.resolve(value);
  waiters.length = 0;
}

/** Rejects every waiter and empties the list in place. */
export function rejectAll(waiters: { reject(error: unknown): void }[], error: unknown): void {
  if (waiters.length === 0) return;
  for (const waiter of waiters) waiter.reject(error);
  waiters.length = 0;
}

/** A settled-by-construction rejection, marked handled for the same reason. */
export function handledRejection<T = never>(error: unknown): Promise<T> {
  const promise = Promise.reject(error);
  promise.catch(noop);
  return promise;
}

export const noop = (): void => {};
