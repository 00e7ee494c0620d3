import type { UID } from "agora-rtc-sdk-ng";
import { sameCall } from "../joinOptions";
import type { CloudProxyJoinOptions, CloudProxyMode, CloudProxyTokenReason } from "../types";
import { cancelledError } from "./sessionErrors";
import { Settleable, rejectAll, resolveAll } from "./settleable";
import type { TokenSource } from "./tokenSource";

/** One wish to be in the channel: its options, who asked, and the `join()` calls waiting for it. */
export class JoinRequest {
  readonly waiters: Settleable<UID>[] = [];
  /** The latest token given for this call (a join() differing only by its token updates it). */
  token: TokenSource;
  /** Why the next SDK join of this request is made, as its token provider is told. */
  reason: CloudProxyTokenReason = "join";
  /** The SDK said the token will expire: a provider's fresh one is due through `renewToken`. */
  renewDue = false;
  constructor(
    readonly options: CloudProxyJoinOptions,
    /** The owner (a mounted component) the call belongs to; `null` for calls outside any owner. */
    public owner: object | null,
  ) {
    this.token = options.token ?? null;
  }
}

/** A setProxy() waiting for its mode: "off" ones outlive dispose, which stops the proxy anyway. */
export class ProxyWaiter extends Settleable<void> {
  constructor(readonly mode: CloudProxyMode | null) {
    super();
  }
}

/**
 * What the session wants, and the promises waiting for the SDK to get there. Each public
 * call is one named action here; the worker reads `mode` and `join`, and calls `settle`
 * with what the SDK reached.
 */
export class SessionRequests {
  /** The proxy to run (`null`: none). In auto mode, the mode of the route being tried. */
  mode: CloudProxyMode | null;
  /** Whether `mode` follows auto mode's routes. */
  auto: boolean;
  /** The join wanted, or `null` to be out of the channel. */
  join: JoinRequest | null = null;
  readonly #leaveWaiters: Settleable<void>[] = [];
  #proxyWaiters: ProxyWaiter[] = [];

  constructor(mode: CloudProxyMode | null, auto: boolean) {
    this.mode = mode;
    this.auto = auto;
  }

  /**
   * join(): options into the same call (`sameCall`) share the wanted join; other options replace it. `current` is the
   * request the SDK's connection belongs to: asking for it again (leave then join, as
   * StrictMode replays an effect) keeps that connection. Returns whether a new request began.
   */
  addJoin(
    options: CloudProxyJoinOptions,
    owner: object | null,
    current: JoinRequest | null,
    waiter: Settleable<UID>,
  ): boolean {
    let request = this.join;
    let fresh = false;
    if (!request || !sameCall(request.options, options)) {
      if (request) cancel(request.waiters, "join() was replaced by a join() with other options");
      fresh = !current || !sameCall(current.options, options);
      request = fresh ? new JoinRequest(options, owner) : current!;
      this.join = request;
    }
    // The same call with another token: the SDK gets a new string through renewToken; a new
    // provider is asked from the next join or renewal on (an inline function in a React render
    // must not rejoin).
    request.token = options.token ?? null;
    // The latest caller owns it: a new owner that joins in the tick it takes over keeps the call.
    request.owner = owner;
    request.waiters.push(waiter);
    cancel(this.#leaveWaiters, "leave() was replaced by a join() before the SDK left");
    return fresh;
  }

  /** leave(): no join wanted; a pending join() is cancelled. */
  addLeave(waiter: Settleable<void>): void {
    this.dropJoin(() => cancelledError("join() was cancelled by leave() before the SDK connected"));
    this.#leaveWaiters.push(waiter);
  }

  /** setProxy(): `waiter.mode` wanted; an unapplied other mode's waiters are cancelled. */
  addMode(waiter: ProxyWaiter): void {
    if (waiter.mode !== this.mode) {
      cancel(this.#proxyWaiters, "setProxy() was replaced by another setProxy() before the SDK applied it");
      this.mode = waiter.mode;
    }
    this.#proxyWaiters.push(waiter);
  }

  /** The wanted join is given up: its `join()` calls reject with `error` (built only if someone waits). */
  dropJoin(error: Error | (() => Error) | null): void {
    const request = this.join;
    this.join = null;
    if (request && request.waiters.length > 0 && error)
      rejectAll(request.waiters, typeof error === "function" ? error() : error);
  }

  /** The wanted mode can't be had: what the SDK runs is wanted instead, and its waiters learn why. */
  failMode(error: Error, actual: CloudProxyMode | null): void {
    this.mode = actual;
    rejectAll(this.#proxyWaiters, error);
  }

  /** The SDK is left as it is (a failed leave, a stalled worker): what it has becomes what is wanted. */
  fallBack(error: Error, joined: JoinRequest | null, mode: CloudProxyMode | null): void {
    rejectAll(this.#leaveWaiters, error);
    if (this.join !== joined) {
      this.dropJoin(error);
      this.join = joined;
    }
    if (this.mode !== mode) this.failMode(error, mode);
  }

  /** Resolves what the SDK reached: the wanted join connected (`uid`), out of the channel, the mode applied. */
  settle(uid: UID | null, left: boolean, modeApplied: boolean): void {
    const joined = uid !== null && this.join !== null;
    if (joined) resolveAll(this.join!.waiters, uid);
    if (left && this.join === null) resolveAll(this.#leaveWaiters, undefined);
    if (modeApplied && (this.join === null || joined)) resolveAll(this.#proxyWaiters, undefined);
  }

  /** dispose(): everything but leaving and stopping is refused; setProxy("off") calls stay. */
  refuse(error: () => Error): void {
    const refused: { reject(error: unknown): void }[] = this.join?.waiters.splice(0) ?? [];
    const kept: ProxyWaiter[] = [];
    for (const waiter of this.#proxyWaiters) (waiter.mode === null ? kept : refused).push(waiter);
    this.#proxyWaiters = kept;
    if (refused.length > 0) rejectAll(refused, error());
    this.join = null;
    this.mode = null;
    this.auto = false;
  }

  /** The session is done: leaves are, and setProxy("off") calls too unless it ended with `error`. */
  finish(error: Error | null): void {
    if (error) rejectAll(this.#proxyWaiters, error);
    else resolveAll(this.#proxyWaiters, undefined);
    resolveAll(this.#leaveWaiters, undefined);
  }
}

function cancel(waiters: { reject(error: unknown): void }[], what: string): void {
  if (waiters.length > 0) rejectAll(waiters, cancelledError(what));
}
