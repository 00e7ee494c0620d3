import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import type { CloudProxyError } from "../CloudProxyError";
import { parseCloudProxyMode } from "../cloudProxyMode";
import type { CloudProxySession } from "../cloudProxySession";
import { createGuardedClient } from "../session/guardedClient";
import { Settleable } from "../session/settleable";
import type { CloudProxyJoinOptions, CloudProxyModeInput } from "../types";

/**
 * What a call UI calls, bound to one owner and the session it holds: `join`, `leave`,
 * `setProxy` and the guarded `client`. A call made while the owner is between sessions
 * (a child's effect runs before its provider's; `<Activity>` shown again) waits for the
 * owner's next session; a call on the calls of an older session goes to that session.
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

/** Sends one call: `calls` made for `session`; `refuse` says whether it can fail (a leave cannot). */
export type CallSender = <T>(
  calls: CloudProxyCalls,
  session: CloudProxySession,
  run: (target: CloudProxySession) => Promise<T>,
  refuse: boolean,
) => Promise<T>;

/** The calls for `session`, each handed to `send`, with a guarded client over `raw` that makes the same calls. */
export function bindCalls(session: CloudProxySession, raw: IAgoraRTCClient, send: CallSender): CloudProxyCalls {
  const calls = {
    join: (options: CloudProxyJoinOptions) => send(calls, session, (target) => target.join(options), true),
    leave: () => send(calls, session, (target) => target.leave(), false),
    setProxy: (mode: CloudProxyModeInput) => {
      parseCloudProxyMode(mode); // INVALID_MODE at once, as the session throws it
      return send(calls, session, (target) => target.setProxy(mode), true);
    },
  } as { -readonly [K in keyof CloudProxyCalls]: CloudProxyCalls[K] };
  calls.client = createGuardedClient(raw, {
    ...calls,
    isDisposed: () => false, // the current calls wait for the owner's next session
    off: (event, listener) => session.client.off(event, listener),
    removeAllListeners: (event) => session.client.removeAllListeners(event),
  });
  return calls;
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
