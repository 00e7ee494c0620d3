/**
 * A promise with its settle functions, already marked as handled.
 *
 * Fire-and-forget calls are normal in React (`onClick={() => join(options)}`, an effect
 * cleanup calling `client.leave()`), so a rejection must not surface as an unhandled
 * rejection; whoever awaits the promise still receives it.
 */
export interface Settleable<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function createSettleable<T>(): Settleable<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** A settled-by-construction rejection, marked handled for the same reason. */
export function handledRejection<T = never>(error: unknown): Promise<T> {
  const promise = Promise.reject(error);
  promise.catch(() => {});
  return promise;
}
