import { Subscribable } from "./subscribable";

/**
 * One SDK method call on the fake, recorded when it is made; `outcome` starts as
 * `"pending"` for asynchronous methods and is updated in place once the promise settles.
 * Synchronous methods are recorded with their outcome at once.
 *
 * `join` is recorded with the app id and token replaced by `"<appid>"` / `"<token>"`
 * (`null` stays `null`), so a failing assertion never prints credentials.
 *
 * @example
 * expect(client.fake.calls.map((call) => call.method)).toEqual(["startProxyServer", "join", "leave"]);
 * expect(client.fake.calls[0]).toMatchObject({ method: "startProxyServer", args: [5], outcome: "ok" });
 */
export interface FakeSdkCall {
  readonly method: string;
  readonly args: readonly unknown[];
  /** `"pending"` until an asynchronous call settles. */
  readonly outcome: "pending" | "ok" | "error";
  /** The SDK error code (an `AgoraRTCErrorCodeName`) when `outcome` is `"error"`. */
  readonly code?: string;
  /** The full error message when `outcome` is `"error"`. */
  readonly message?: string;
}

interface MutableSdkCall {
  method: string;
  args: readonly unknown[];
  outcome: "pending" | "ok" | "error";
  code?: string;
  message?: string;
}

/**
 * The fake's ordered record of SDK calls. It wraps each call so the log and the call's
 * outcome can never disagree, and tells subscribers about every change.
 *
 * @example
 * const log = new FakeCallLog();
 * const unsubscribe = log.subscribe(() => console.log(log.entries.length));
 * log.sync("stopProxyServer", [], () => undefined); // logs 1
 * log.entries; // [{ method: "stopProxyServer", args: [], outcome: "ok" }]
 */
export class FakeCallLog {
  readonly #entries: MutableSdkCall[] = [];
  readonly #changes = new Subscribable();

  /** The calls so far, oldest first. */
  get entries(): readonly FakeSdkCall[] {
    return this.#entries;
  }

  /**
   * Calls `listener` after each new call and after each outcome change, until the returned
   * function is called. A synchronous call arrives with its outcome: one notification. An
   * asynchronous one notifies once its synchronous part has run (still `"pending"`), then
   * again when it settles. See {@link Subscribable} for throwing listeners.
   */
  subscribe(listener: () => void): () => void {
    return this.#changes.subscribe(listener);
  }

  /** Runs a synchronous SDK method and records its outcome; rethrows what it throws. */
  sync<T>(method: string, args: readonly unknown[], run: () => T): T {
    const entry = this.#record(method, args);
    try {
      const result = run();
      entry.outcome = "ok";
      return result;
    } catch (error) {
      settleWithError(entry, error);
      throw error;
    } finally {
      this.#changes.notify();
    }
  }

  /**
   * Records an asynchronous SDK method before running it, and its outcome when the promise
   * settles. A synchronous throw from `run` becomes a rejection, as with an `async` method.
   */
  async<T>(method: string, args: readonly unknown[], run: () => Promise<T>): Promise<T> {
    const entry = this.#record(method, args);
    let promise: Promise<T>;
    try {
      promise = run();
    } catch (error) {
      promise = Promise.reject(error);
    }
    this.#changes.notify();
    return promise.then(
      (value) => {
        entry.outcome = "ok";
        this.#changes.notify();
        return value;
      },
      (error: unknown) => {
        settleWithError(entry, error);
        this.#changes.notify();
        throw error;
      },
    );
  }

  #record(method: string, args: readonly unknown[]): MutableSdkCall {
    const entry: MutableSdkCall = { method, args: Object.freeze([...args]), outcome: "pending" };
    this.#entries.push(entry);
    return entry;
  }
}

function settleWithError(entry: MutableSdkCall, error: unknown): void {
  entry.outcome = "error";
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") entry.code = code;
  if (typeof message === "string") entry.message = message;
}
