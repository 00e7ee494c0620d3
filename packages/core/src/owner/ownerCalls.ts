import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import { CloudProxyError } from "../CloudProxyError";
import { parseCloudProxyMode } from "../cloudProxyMode";
import type { CloudProxySession } from "../cloudProxySession";
import { createGuardedClient } from "../session/guardedClient";
import { claimOf } from "../session/clientRegistry";
import { handledRejection, Settleable } from "../session/settleable";
import type { CloudProxyJoinOptions, CloudProxyModeInput } from "../types";

/**
 * What a call UI calls, bound to one owner and its client: `join`, `leave`, `setProxy` and
 * the guarded `client`. They go to the session the owner holds; made while it holds none
 * (a child's effect runs before its provider's, `<Activity>` shown again, a takeover still
 * pending), they wait for its next one, so none lands on a disposed session. A new `client`
 * brings new calls; the old ones then settle without touching any session.
 *
 * @example
 * ```ts
 * const { join, leave }: CloudProxyCalls = owner.getState().calls!;
 * ```
 */
export interface CloudProxyCalls {
  /** The guarded client: its `join`, `leave`, `startProxyServer` and `stopProxyServer` are these calls. */
  readonly client: IAgoraRTCClient;
  join(this: void, options: CloudProxyJoinOptions): Promise<UID>;
  leave(this: void): Promise<void>;
  /** Throws `INVALID_MODE` synchronously for a bad mode. */
  setProxy(this: void, mode: CloudProxyModeInput): Promise<void>;
}

/** Sends one call made on `calls`; `refuse` says whether it can fail (a leave cannot). */
export type CallSender = <T>(
  calls: CloudProxyCalls,
  run: (target: CloudProxySession) => Promise<T>,
  refuse: boolean,
) => Promise<T>;

/** The calls for the client `raw`, each handed to `send`, with a guarded client over `raw` that makes the same calls. */
export function bindCalls(raw: IAgoraRTCClient, send: CallSender): CloudProxyCalls {
  const calls = {
    join: (options: CloudProxyJoinOptions) => send(calls, (target) => target.join(options), true),
    leave: () => send(calls, (target) => target.leave(), false),
    setProxy: (mode: CloudProxyModeInput) => {
      parseCloudProxyMode(mode); // INVALID_MODE at once, as the session throws it
      return send(calls, (target) => target.setProxy(mode), true);
    },
  } as { -readonly [K in keyof CloudProxyCalls]: CloudProxyCalls[K] };
  // Listener removal goes through the client's session, which keeps its own listeners.
  const listeners = (): IAgoraRTCClient => claimOf(raw)?.session.client ?? raw;
  calls.client = createGuardedClient(raw, {
    ...calls,
    isDisposed: () => false, // the calls wait for the owner's next session
    off: (event, listener) => listeners().off(event, listener),
    removeAllListeners: (event) => listeners().removeAllListeners(event),
    renewToken: (token) => send(calls, (target) => target.client.renewToken(token), true),
    mediaExpected: () => claimOf(raw)?.mediaExpected?.(),
    mediaCall: (kind, tracks) => claimOf(raw)?.mediaCall?.(kind, tracks) ?? null,
    localTracks: () => claimOf(raw)?.localTracks?.(),
  });
  return calls;
}

/** A call made on the calls of a client the owner let go of: a leave is done, anything else is refused. */
export function staleCall<T>(refuse: boolean): Promise<T> {
  if (!refuse) return Promise.resolve(undefined as T);
  return handledRejection(
    new CloudProxyError(
      "CANCELLED",
      "This call was made for a client the component no longer uses (its `client` changed); nothing was sent to the SDK. Use the functions from the latest render.",
    ),
  );
}

/** Calls made while their owner holds no session, in order, until it holds one or gives up. */
export class PendingCalls {
  #queue: ((session: CloudProxySession | null, error?: CloudProxyError) => void)[] = [];

  add<T>(run: (session: CloudProxySession) => Promise<T>, refuse: boolean): Promise<T> {
    const waiter = new Settleable<T>();
    this.#queue.push((session, error) => {
      if (session) run(session).then(waiter.resolve.bind(waiter), waiter.reject.bind(waiter));
      else if (refuse) waiter.reject(error);
      else waiter.resolve(undefined as T); // a leave with no session left to leave: done
    });
    return waiter.promise;
  }

  /** Runs them on `session`, or, without one, settles them: joins and mode changes reject with `error`. */
  flush(session: CloudProxySession | null, error?: CloudProxyError): void {
    for (const settle of this.#queue.splice(0)) settle(session, error);
  }
}
