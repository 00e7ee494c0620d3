import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import type { CloudProxyError } from "../CloudProxyError";
import type { CloudProxySession, CloudProxySessionOptions } from "../cloudProxySession";
import { claimOf } from "../session/clientRegistry";
import { createCloudProxySession } from "../session/createCloudProxySession";
import { cancelledError } from "../session/sessionErrors";
import { noop } from "../session/settleable";
import { resolveClient, type ClientSource, type CloudProxyClientInput } from "./clientSource";
import { bindCalls, PendingCalls, staleCall, type CallSender, type CloudProxyCalls } from "./ownerCalls";
import { ClientChurn, factoryError, inUseError, toCloudProxyError } from "./ownerErrors";

/**
 * What an owner takes: the session options, the client (or a factory for it), and
 * `enabled: false` to turn the proxy off without forgetting `mode`.
 *
 * @example
 * ```ts
 * const options: CloudProxyOwnerOptions = { client: () => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }), mode: "tls" };
 * ```
 */
export interface CloudProxyOwnerOptions extends CloudProxySessionOptions {
  /**
   * The client, or a factory (sync or async) called once per owner, when it first mounts. A
   * new instance switches to that client's session (the old one leaves and stops its proxy);
   * a new factory function is ignored.
   */
  client: CloudProxyClientInput;
  /** `false` turns the proxy off (as `mode: "off"` would) without forgetting `mode`. Default `true`. */
  enabled?: boolean;
}

/**
 * An owner's view: the session it holds, or why it has none (`CLIENT_IN_USE` while another
 * owner holds the client, `INVALID_CLIENT` when the factory failed...).
 *
 * @example
 * ```ts
 * const { session, error }: CloudProxyOwnerState = owner.getState();
 * ```
 */
export interface CloudProxyOwnerState {
  /** The session the owner holds (or last held: a hidden `<Activity>` keeps showing it); `null` before the first. */
  readonly session: CloudProxySession | null;
  /** The calls for `session`; a new session brings new ones, so effects that depend on them run again. */
  readonly calls: CloudProxyCalls | null;
  readonly error: CloudProxyError | null;
}

const IDLE: CloudProxyOwnerState = { session: null, calls: null, error: null };

/**
 * One mounted owner of a client's session (a `<CloudProxyProvider>`, or a component calling
 * `useCloudProxyClient({ client })`), as a tiny external store (TanStack Query's observer):
 * `setOptions` with the latest props, `mount()` in an effect (its return value is the
 * cleanup), `subscribe`/`getState` for `useSyncExternalStore`. The same owner mounted again
 * in the same tick (StrictMode's effect replay) is the same owner: nothing reaches the SDK.
 *
 * The calls (`getState().calls`) belong to the owner: a call made before the owner holds its
 * session (a child's effect runs before its parent's) waits for it, and a call still
 * waiting when it unmounts for good is cancelled; none lands on a disposed session.
 *
 * @example
 * ```ts
 * const owner = new CloudProxyOwner();
 * owner.setOptions({ client, mode: "tls" });
 * const unmount = owner.mount();
 * owner.subscribe(() => void owner.getState().calls?.join({ appid: APP_ID, channel: "support", token: null }));
 * unmount(); // leaves, stops the proxy, removes the session's listeners
 * ```
 */
export class CloudProxyOwner {
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  readonly getState = (): CloudProxyOwnerState => this.#state;

  #state = IDLE;
  readonly #listeners = new Set<() => void>();
  #options: CloudProxyOwnerOptions | null = null;
  #mounted = false;
  /** The mount in progress: a new one (remount, new client) makes its late callbacks moot. */
  #mount: object | null = null;
  #source: ClientSource | null = null;
  #client: IAgoraRTCClient | null = null;
  /** The session this owner retained (holding it or waiting for it), and whether it holds it. */
  #session: CloudProxySession | null = null;
  #holds = false;
  #calls: CloudProxyCalls | null = null;
  /** The client `#calls` were made for. */
  #callsClient: IAgoraRTCClient | null = null;
  readonly #pending = new PendingCalls();
  readonly #churn = new ClientChurn();

  /** Takes the latest options: a new client instance switches sessions; the rest goes to the session. */
  setOptions(options: CloudProxyOwnerOptions): void {
    const previous = this.#options;
    this.#options = options;
    const changed = previous !== null && clientKey(previous.client) !== clientKey(options.client);
    if (changed) this.#churn.switched();
    // A new client, a first attach, or a retry after a failure (an invalid mode prop, fixed now).
    const retry = this.#mount === null || (this.#session === null && this.#state.error !== null);
    if (this.#mounted && (changed || retry)) {
      this.#detach();
      this.#attach();
    } else if (this.#holds) {
      this.#apply(previous);
    }
  }

  /** Takes (or waits for) the client's session. Returns the cleanup that lets go of it. */
  mount(): () => void {
    this.#mounted = true;
    this.#attach();
    return () => {
      this.#mounted = false;
      this.#detach();
      // Calls still waiting for a session are cancelled, unless the owner is back in this tick.
      queueMicrotask(() => {
        if (!this.#mounted) this.#pending.flush(null, cancelledError("A call on an unmounted component"));
      });
    };
  }

  #attach(): void {
    const options = this.#options;
    if (options === null) return;
    const mount = (this.#mount = {});
    if (typeof options.client !== "function") this.#source = null;
    const source = (this.#source ??= resolveClient(options.client));
    const take = (client: IAgoraRTCClient): void => {
      if (this.#mount !== mount) return;
      this.#client = client;
      this.#acquire(client, mount);
    };
    if ("client" in source) take(source.client);
    else if ("error" in source) this.#fail(source.error);
    else {
      const settled = (next: { client: IAgoraRTCClient } | { error: CloudProxyError }): void => {
        // Resolved once for the owner's life: a remount in the same tick (StrictMode, a
        // revealed <Suspense> or <Activity>) then takes the client synchronously, in time.
        if (this.#source === source) this.#source = next;
        if ("client" in next) take(next.client);
        else if (this.#mount === mount) this.#fail(next.error);
      };
      source.pending.then(
        (client) => settled({ client }),
        (cause: unknown) => settled({ error: factoryError(cause, "rejected") }),
      );
    }
  }

  #acquire(client: IAgoraRTCClient, mount: object): void {
    const claim = claimOf(client);
    if (claim?.disposing) {
      // The client's last session is still leaving and stopping: the next one starts after it.
      void claim.session
        .dispose()
        .catch(noop)
        .then(() => this.#mount === mount && this.#acquire(client, mount));
      return;
    }
    let session: CloudProxySession;
    try {
      session = claim?.session ?? createCloudProxySession(client, this.#sessionOptions());
    } catch (error) {
      return this.#fail(toCloudProxyError(error));
    }
    this.#session = session;
    if (session.retain(this, this.#hold)) this.#hold();
    else this.#setState({ session: null, calls: null, error: inUseError() }, true);
  }

  readonly #hold = (): void => {
    const session = this.#session;
    if (session === null) return;
    this.#holds = true;
    this.#apply();
    if (this.#callsClient !== this.#client) {
      this.#callsClient = this.#client;
      this.#calls = bindCalls(this.#client!, this.#send);
    }
    this.#setState({ session, calls: this.#calls, error: null });
    this.#pending.flush(session);
  };

  #detach(): void {
    this.#mount = null;
    // A component that let go hears nothing more from the session (it disposes, or the next owner has it).
    if (this.#holds) this.#session!.setOptions({ onError: undefined, onRouteChange: undefined });
    this.#session?.release(this);
    this.#session = null;
    this.#holds = false;
  }

  /** Hands the options to the session; an invalid mode is reported once per change of the prop. */
  #apply(previous: CloudProxyOwnerOptions | null = null): void {
    try {
      this.#session!.setOptions(this.#sessionOptions());
    } catch (error) {
      const options = this.#options!;
      const same = previous !== null && previous.mode === options.mode && previous.enabled === options.enabled;
      if (!same) this.#report(toCloudProxyError(error)); // the session keeps its mode
    }
  }

  #sessionOptions(): CloudProxySessionOptions {
    const { client: _client, enabled, mode, ...options } = this.#options!;
    return { ...options, mode: enabled === false ? "off" : mode };
  }

  /** Where calls go: the current ones to the held session, or they wait for the next one. */
  readonly #send: CallSender = (calls, run, refuse) => {
    if (calls !== this.#calls) return staleCall(refuse); // made for a client this owner let go of
    return this.#holds ? run(this.#session!) : this.#pending.add(run, refuse);
  };

  #fail(error: CloudProxyError): void {
    this.#setState({ session: null, calls: null, error }, true);
    this.#pending.flush(null, error);
  }

  #report(error: CloudProxyError): void {
    const onError = this.#options?.onError;
    if (onError) queueMicrotask(() => onError(error));
  }

  #setState(next: CloudProxyOwnerState, report = false): void {
    const state = this.#state;
    if (next.session === state.session && next.calls === state.calls && next.error?.code === state.error?.code) return;
    this.#state = next;
    // StrictMode's replayed mount fails the same way in the same tick: reported once.
    if (report && next.error) this.#report(next.error);
    for (const listener of this.#listeners) listener();
  }
}

const FACTORY = Symbol("client factory");

// Any factory is one key: a factory is called once per owner, so a new inline arrow function
// on every render must not look like a new client.
function clientKey(input: CloudProxyClientInput): unknown {
  return typeof input === "function" ? FACTORY : input;
}
