/**
 * What a timeline row is: an SDK method call (`call`), the settled promise of an async call
 * (`result`), an SDK event (`event`), a session failure (`session`), a change in the session's
 * media check, reconnect cycle or route attempts (`state`), or something the user did
 * (`action`), so the page reads like a story: "Join clicked -> startProxyServer(3) -> join".
 */
export type TimelineKind = "call" | "result" | "event" | "session" | "state" | "action";

/** One row of the timeline. Every field is plain data, rendered as `data-*` attributes too. */
export interface TimelineEntry {
  /** Position in the timeline, from 1. */
  readonly seq: number;
  /** Milliseconds since the page loaded (`performance.now()`). */
  readonly at: number;
  readonly kind: TimelineKind;
  /** The client it happened on ("sim-1", "sdk-2"); `null` for user actions. */
  readonly client: string | null;
  /** Method, event or action name. */
  readonly name: string;
  /** Arguments, JSON-safe, with the App ID and token replaced by "<appid>" / "<token>". */
  readonly args: readonly unknown[];
  /** For calls: the SDK's `connectionState` at the moment of the call. */
  readonly connectionState?: string;
  /** For results, and for calls that threw: how it ended. */
  readonly outcome?: "ok" | "error";
  /** The SDK or CloudProxyError code of a failure. */
  readonly code?: string;
  /** For results: the `seq` of the call it settles, and how long that took. */
  readonly callSeq?: number;
  readonly durationMs?: number;
  /**
   * For a join call and its result: which join of its client it is (1, 2, ...). A join that
   * a leave cancels settles (OPERATION_ABORTED) a second or so later, often after the next
   * join went out: the number says which join the late row belongs to.
   */
  readonly joinNumber?: number;
  /** For a leave call: the joins of its client still pending, which this leave cancels. */
  readonly cancelsJoins?: readonly number[];
}

export type NewTimelineEntry = Omit<TimelineEntry, "seq" | "at">;

/**
 * An append-only list of everything that reached (or came from) the SDK, as a tiny external
 * store for `useSyncExternalStore`. Every snapshot is a new array, so React sees each change.
 *
 * @example
 * const timeline = new SdkTimeline();
 * timeline.add({ kind: "action", client: null, name: "Join clicked", args: [] });
 */
export class SdkTimeline {
  #entries: readonly TimelineEntry[] = [];
  #seq = 0;
  readonly #listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly TimelineEntry[] => this.#entries;

  add(entry: NewTimelineEntry): TimelineEntry {
    this.#seq += 1;
    const full: TimelineEntry = { ...entry, seq: this.#seq, at: performance.now() };
    this.#entries = [...this.#entries, full];
    for (const listener of this.#listeners) listener();
    return full;
  }

  /** Records a user action, e.g. "Join clicked". */
  action(name: string, ...args: unknown[]): void {
    this.add({ kind: "action", client: null, name, args });
  }

  clear(): void {
    this.#entries = [];
    for (const listener of this.#listeners) listener();
  }
}
