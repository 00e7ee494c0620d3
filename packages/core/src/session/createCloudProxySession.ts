import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import type { CloudProxyError } from "../CloudProxyError";
import { parseCloudProxyMode, parseModeOption } from "../cloudProxyMode";
import type { CloudProxySession, CloudProxySessionOptions } from "../cloudProxySession";
import { validateJoinOptions } from "../joinOptions";
import type { CloudProxyHistoryEntry, CloudProxyJoinOptions, CloudProxyModeInput, ReadableStore } from "../types";
import { assertAgoraClient } from "./clientRegistry";
import { createGuardedClient } from "./guardedClient";
import { SessionEngine } from "./sessionEngine";
import * as errors from "./sessionErrors";
import { SessionOwners } from "./sessionOwners";
import { ProxyWaiter } from "./sessionRequests";
import { Settleable, handledRejection, noop } from "./settleable";

/**
 * Creates the session that owns `client`'s cloud proxy, join and leave. The desired mode
 * (default "udp") is set at once; the worker applies it on a microtask, so calls made in
 * the same tick (a React StrictMode mount/unmount/mount) are merged, never replayed.
 * Throws `INVALID_CLIENT`, `CLIENT_IN_USE` or `INVALID_MODE` synchronously.
 *
 * @example
 * ```ts
 * import AgoraRTC from "agora-rtc-sdk-ng";
 * import { createCloudProxySession } from "@agora-cloud-proxy/core";
 *
 * const session = createCloudProxySession(AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }), { mode: "tls" });
 * await session.join({ appid: APP_ID, channel: "support", token: TOKEN });
 * ```
 */
export function createCloudProxySession(
  client: IAgoraRTCClient,
  options: CloudProxySessionOptions = {},
): CloudProxySession {
  assertAgoraClient(client);
  return new Session(client, options);
}

// The public side of a session: each request changes the desired state (SessionRequests),
// then wakes the worker. A class, not a closure: the methods live once on the prototype; the
// public ones are bound arrow properties (`this: void`), so `const { join } = session` works.
class Session extends SessionEngine implements CloudProxySession {
  readonly join = (options: CloudProxyJoinOptions): Promise<UID> => this.#join(options);
  readonly leave = (): Promise<void> => this.#leave();
  readonly setProxy = (mode: CloudProxyModeInput): Promise<void> => this.#setProxy(mode);
  readonly dispose = (): Promise<void> => this.#dispose();
  readonly setOptions = (options: CloudProxySessionOptions): void => this.#setOptions(options);
  readonly retain = (owner: object, onHold?: () => void): boolean => this.owners.retain(owner, onHold);
  readonly release = (owner: object): void => this.owners.release(owner);
  readonly owners = new SessionOwners((_removed, empty) => this.#ownersLeft(empty));
  #guarded: IAgoraRTCClient | undefined;

  // Built on first use: a session driven only through join/leave/setProxy never needs it.
  get client(): IAgoraRTCClient {
    return (this.#guarded ??= createGuardedClient(this.connection.client, {
      join: this.join,
      leave: this.leave,
      setProxy: this.setProxy,
      isDisposed: () => this.claim.disposing,
      off: (event, listener) => this.connection.off(event, listener),
      removeAllListeners: (event) => this.connection.removeAllListeners(event),
      renewToken: (token) => this.#renewToken(token),
      mediaExpected: () => this.claim.mediaExpected?.(),
      mediaCall: (kind, tracks) => this.claim.mediaCall?.(kind, tracks) ?? null,
      localTracks: () => this.claim.localTracks?.(),
    }));
  }

  get history(): ReadableStore<readonly CloudProxyHistoryEntry[]> {
    return this.log.store;
  }

  #join(rawOptions: CloudProxyJoinOptions): Promise<UID> {
    if (this.claim.disposing) return handledRejection(errors.disposedError("join()"));
    let options: CloudProxyJoinOptions;
    try {
      options = validateJoinOptions(rawOptions);
    } catch (error) {
      this.fail(error as CloudProxyError);
      this.publish();
      return handledRejection(error);
    }
    this.error = null;
    const waiter = new Settleable<UID>();
    const attempt = this.connection.attempt;
    const current = attempt && !attempt.cancelled ? attempt.request : null;
    if (this.requests.addJoin(options, this.owners.current, current, waiter)) {
      // A new join request: its attempts start over; in auto mode from the remembered route.
      this.route.begin();
      if (this.requests.auto) this.requests.mode = this.route.plan();
    }
    this.#wake();
    return waiter.promise;
  }

  /**
   * The guarded client's `renewToken`: the wanted call takes the token (the worker hands it to
   * the SDK once CONNECTED); with no call wanted, the SDK answers as it would.
   */
  #renewToken(token: string): Promise<void> {
    const join = this.requests.join;
    if (join === null || typeof token !== "string" || token.length === 0)
      return this.connection.client.renewToken(token);
    return this.#join({ ...join.options, token }).then(noop);
  }

  #leave(): Promise<void> {
    if (this.claim.disposing) return this.#disposalPromise().catch(noop);
    const waiter = new Settleable<void>();
    this.requests.addLeave(waiter);
    this.#wake();
    return waiter.promise;
  }

  #setProxy(input: CloudProxyModeInput): Promise<void> {
    const mode = parseCloudProxyMode(input);
    if (this.claim.disposing) {
      return mode === null ? this.#disposalPromise().catch(noop) : handledRejection(errors.disposedError("setProxy()"));
    }
    this.error = null;
    const { requests, route } = this;
    // "auto" again keeps its route; a switch to auto starts over from the first planned route.
    const wanted = mode !== "auto" ? mode : requests.auto ? requests.mode : (route.begin(), route.plan());
    if (wanted !== requests.mode || requests.auto !== (mode === "auto")) route.begin(); // a manual change starts over
    requests.auto = mode === "auto";
    const waiter = new ProxyWaiter(wanted);
    requests.addMode(waiter);
    this.#wake();
    return waiter.promise;
  }

  #setOptions(options: CloudProxySessionOptions): void {
    const { mode, policy } = { mode: this.options.mode, policy: this.policy };
    const preferred = this.route.options.preferred;
    const parsed = "mode" in options ? parseModeOption(options.mode) : undefined; // INVALID_MODE before anything changes
    this.applyOptions(options);
    const { requests, route } = this;
    if (parsed !== undefined && parsed !== parseModeOption(mode)) void this.#setProxy(options.mode ?? "udp");
    else if (requests.auto && requests.join === null && route.options.preferred !== preferred) {
      // A new network test result while no join is wanted: its best route's proxy gets ready.
      requests.mode = route.plan();
      this.#wake();
    } else if (this.policy !== policy) this.#wake(); // defer -> rejoin may make a pending switch go ahead
  }

  #dispose(): Promise<void> {
    if (!this.claim.disposing) {
      this.claim.disposing = true;
      // Errors capture a stack trace: only build one when someone is waiting for it.
      this.requests.refuse(() => errors.disposedError("A pending request"));
      this.route.stop();
      this.#wake();
    }
    return this.#disposalPromise();
  }

  #disposalPromise(): Promise<void> {
    return (this.disposal ??= new Settleable<void>()).promise;
  }

  /** Owners gone for good: their join goes with them; the last one takes the session along. */
  #ownersLeft(empty: boolean): void {
    if (empty) return void this.#dispose().catch(noop);
    // Any owner gone, not just the ones leaving now: a call kept by a failed leave at an
    // earlier swap still belongs to the owner that made it.
    const join = this.requests.join;
    if (join && join.owner !== null && !this.owners.has(join.owner)) {
      this.requests.dropJoin(() =>
        errors.cancelledError("join() was dropped because the component that asked for it unmounted"),
      );
    }
    this.#wake();
  }

  /** A request changed the desired state: the store shows it now, the worker acts on it soon. */
  #wake(): void {
    this.worker.kick();
    this.publish();
  }
}
