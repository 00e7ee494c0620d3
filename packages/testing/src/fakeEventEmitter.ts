/* eslint-disable @typescript-eslint/no-unsafe-function-type -- the SDK's own EventEmitter types listeners as Function */

/**
 * One event the fake emitted, as its listeners received it.
 *
 * @example
 * client.fake.events.filter((e) => e.event === "connection-state-change").map((e) => e.args);
 * // [["CONNECTING", "DISCONNECTED", undefined], ...]
 */
export interface FakeEmittedEvent {
  readonly event: string;
  readonly args: readonly unknown[];
}

/**
 * Called when a listener throws. The SDK catches listener errors so one bad listener
 * cannot break the client, and reports them with `console.error`; so does the fake by default.
 *
 * @example
 * const errors: unknown[] = [];
 * createFakeAgoraClient({ onListenerError: (error) => errors.push(error) });
 */
export type ListenerErrorHandler = (error: unknown, event: string) => void;

interface Registration {
  readonly listener: Function;
  readonly once: boolean;
}

/**
 * The SDK's `EventEmitter`, rebuilt with the same semantics (agora-rtc-sdk-ng 4.24.8):
 * - `on`/`once` ignore a listener already registered for that event (no duplicates);
 * - `off` removes it; an event with no listeners left disappears from `getListeners`;
 * - emitting iterates over a snapshot, so listeners added or removed meanwhile wait for the next emit;
 * - a listener that throws does not stop the others (the client emits with `safeEmit`).
 *
 * `test/contract` checks these on both clients. Not copied: the SDK keeps listeners in a plain
 * object, so an event named like an `Object.prototype` member (`"toString"`) breaks its emitter
 * with a TypeError; the fake keeps them in a `Map`.
 *
 * @example
 * const emitter = new FakeEventEmitter();
 * const listener = () => {};
 * emitter.on("connection-state-change", listener);
 * emitter.listenerCount("connection-state-change"); // 1
 */
export class FakeEventEmitter {
  readonly #registrations = new Map<string, Registration[]>();
  readonly #emitted: FakeEmittedEvent[] = [];
  readonly #onListenerError: ListenerErrorHandler;

  constructor(onListenerError: ListenerErrorHandler = reportLikeTheSdk) {
    this.#onListenerError = onListenerError;
  }

  /** The listeners registered for `event`, in registration order. */
  getListeners(event: string): Function[] {
    return (this.#registrations.get(event) ?? []).map((registration) => registration.listener);
  }

  /** Adds `listener` for `event`, unless it is already registered for it. */
  on(event: string, listener: Function): void {
    this.#add(event, listener, false);
  }

  /** Adds `listener` for the next `event` only, unless it is already registered for it. */
  once(event: string, listener: Function): void {
    this.#add(event, listener, true);
  }

  /** Removes `listener` from `event`. */
  off(event: string, listener: Function): void {
    const registrations = this.#registrations.get(event);
    if (!registrations) return;
    for (let index = registrations.length - 1; index >= 0; index -= 1) {
      if (registrations[index]?.listener === listener) {
        registrations.splice(index, 1);
        break;
      }
    }
    if (registrations.length === 0) this.#registrations.delete(event);
  }

  /** Removes every listener of `event`, or of every event when `event` is omitted. */
  removeAllListeners(event?: string): void {
    if (event) this.#registrations.delete(event);
    else this.#registrations.clear();
  }

  /** How many listeners `event` has, or all events together when `event` is omitted. */
  listenerCount(event?: string): number {
    if (event !== undefined) return this.#registrations.get(event)?.length ?? 0;
    let total = 0;
    for (const registrations of this.#registrations.values()) total += registrations.length;
    return total;
  }

  /** Listener counts per event; events without listeners are left out. */
  listenerCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [event, registrations] of this.#registrations) counts[event] = registrations.length;
    return counts;
  }

  /** Every event emitted so far, oldest first. */
  get emitted(): readonly FakeEmittedEvent[] {
    return this.#emitted;
  }

  /** Emits `event` like the SDK's `safeEmit`: every listener runs even if one throws. */
  protected safeEmit(event: string, ...args: unknown[]): void {
    this.#emitted.push({ event, args });
    for (const registration of [...(this.#registrations.get(event) ?? [])]) {
      if (registration.once) this.off(event, registration.listener);
      try {
        registration.listener.apply(this, args);
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
  }

  #add(event: string, listener: Function, once: boolean): void {
    let registrations = this.#registrations.get(event);
    if (!registrations) {
      registrations = [];
      this.#registrations.set(event, registrations);
    }
    if (!registrations.some((registration) => registration.listener === listener))
      registrations.push({ listener, once });
  }
}

function reportLikeTheSdk(error: unknown, event: string): void {
  console.error(`safeEmit event:${event} error ${String(error)}`);
}
