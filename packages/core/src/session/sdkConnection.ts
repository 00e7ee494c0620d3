import type { ConnectionState, IAgoraRTCClient, ILocalTrack, UID } from "agora-rtc-sdk-ng";
import { sdkErrorCode } from "../CloudProxyError";
import { readSdkProxyMode, toSdkProxyMode } from "../cloudProxyMode";
import type { CloudProxyMode } from "../types";
import type { CloudProxyHistory } from "./history";
import type { JoinRequest } from "./sessionRequests";

/** One `client.join()` call of the worker's, from the call until its connection is left. */
export class Attempt {
  /** The join resolved (`uid` is set) or rejected. */
  settled = false;
  /** The worker left while it was pending: its rejection is the plan working. */
  cancelled = false;
  /** Its token provider is still being asked: the SDK has not been called yet. */
  fetching = false;
  uid: UID | null = null;
  /** The token the SDK has for this connection (its join's, then each renewal's). */
  token: string | null = null;
  /** A token `renewToken` refused: not offered again. */
  refusedToken: string | null = null;
  constructor(readonly request: JoinRequest) {}
}

/** What the session hears from the SDK through its own listeners. */
export interface SdkEvents {
  /** `connection-state-change` (after the connection recorded it). */
  stateChanged(): void;
  /** `is-using-cloud-proxy`. */
  usingCloudProxy(): void;
  /** `peerconnection-state-change` (agora-rtc-sdk-ng >= 4.23): the media transport's state. */
  peerConnection(state: string): void;
  /** `token-privilege-will-expire`. */
  tokenWillExpire(): void;
}

type Listener = (...args: never[]) => void;

/**
 * The session's side of one SDK client: what the SDK has, read from the client whenever it
 * is asked (never a private copy that could go stale), the SDK calls the worker makes (each
 * recorded in the history), and the session's own listeners, which it re-attaches when app
 * code has removed them.
 *
 * Only the worker's own join call is remembered (`attempt`): which of our requests the
 * connection belongs to is something the SDK cannot say.
 */
export class SdkConnection {
  attempt: Attempt | null = null;
  /** A `leave()` of the worker's is in flight. */
  leaving = false;
  /** From `is-using-cloud-proxy` for the current connection. */
  usingCloudProxy: boolean | null = null;
  /** The reason of the last `connection-state-change` to DISCONNECTED. */
  reason: string | undefined;
  /**
   * The app's published tracks when the SDK last left CONNECTED (to RECONNECTING or
   * DISCONNECTING): by DISCONNECTED the SDK has forgotten them, and a reconnect carries them.
   */
  tracksAtDrop: readonly ILocalTrack[] = [];
  /** The proxy as the session last saw it: a different reading is a change it did not make. */
  #seenMode: CloudProxyMode | null | "other";
  /** A client without `_cloudProxyServerMode` (not agora-rtc-sdk-ng): the only mode we know is ours. */
  #appliedMode: CloudProxyMode | null = null;
  #foreignJoin = false;
  readonly #listeners: readonly [string, Listener][];

  constructor(
    readonly client: IAgoraRTCClient,
    readonly history: CloudProxyHistory,
    events: SdkEvents,
  ) {
    this.#seenMode = this.mode;
    this.#listeners = [
      [
        "connection-state-change",
        (current: ConnectionState, previous: ConnectionState, reason?: string) => {
          history.add("state", current, reason ?? null);
          if (previous === "CONNECTED") this.tracksAtDrop = [...(client.localTracks ?? [])];
          if (current === "DISCONNECTED") this.reason = reason;
          events.stateChanged();
        },
      ],
      [
        "is-using-cloud-proxy",
        (using: boolean) => {
          this.usingCloudProxy = using;
          events.usingCloudProxy();
        },
      ],
      ["peerconnection-state-change", (state: string) => events.peerConnection(state)],
      ["token-privilege-will-expire", () => events.tokenWillExpire()],
    ];
    for (const [event, listener] of this.#listeners) client.on(event, listener);
  }

  get state(): ConnectionState {
    return this.client.connectionState;
  }

  /** The cloud proxy in force, read from the SDK. */
  get mode(): CloudProxyMode | null | "other" {
    const read = readSdkProxyMode(this.client);
    return read === undefined ? this.#appliedMode : read;
  }

  /** The uid the SDK is in the channel with, read from the client; `null` when not connected. */
  get uid(): UID | null {
    const { attempt, state } = this;
    if (attempt === null || (state !== "CONNECTED" && state !== "RECONNECTING")) return null;
    return (this.client as { uid?: UID }).uid ?? attempt.uid;
  }

  /** `client.off` for app code: the session's own listeners stay. */
  off(event: string, listener: () => void): void {
    if (!this.#listeners.some(([, own]) => own === listener)) this.client.off(event, listener);
  }

  /** `client.removeAllListeners` for app code: the session's own listeners are put back at once. */
  removeAllListeners(event?: string): void {
    this.client.removeAllListeners(event);
    for (const [name, listener] of this.#listeners)
      if (event === undefined || event === name) this.client.on(name, listener);
  }

  /**
   * Checks the client before the worker plans: listeners app code removed are put back, and a
   * proxy or connection the session did not make is written to the history.
   */
  watch(): void {
    const client = this.client;
    let missing = false;
    for (const [event, listener] of this.#listeners) {
      // getListeners is the SDK EventEmitter's; a client without it can't be checked.
      if (client.getListeners?.(event).includes(listener) === false) {
        client.on(event, listener);
        missing = true;
      }
    }
    if (missing) this.history.add("external", "listeners", "re-attached");
    const mode = this.mode;
    if (mode !== this.#seenMode) {
      const change = `${SDK_MODE_NAMES[this.#seenMode ?? "off"]} -> ${SDK_MODE_NAMES[mode ?? "off"]}`;
      this.history.add("external", mode === null ? "stopProxyServer" : "startProxyServer", change);
      this.#seenMode = mode;
    }
    const foreign = this.attempt === null && !this.leaving && this.state !== "DISCONNECTED";
    if (foreign && !this.#foreignJoin) this.history.add("external", "join", this.state);
    this.#foreignJoin = foreign;
  }

  /** Starts (`mode`) or stops (`null`) the cloud proxy; throws what the SDK throws. */
  setProxy(mode: CloudProxyMode | null): void {
    const sdkMode = mode === null ? null : toSdkProxyMode(mode);
    this.history.add("call", sdkMode === null ? "stopProxyServer" : "startProxyServer", sdkMode && String(sdkMode));
    try {
      if (sdkMode === null) this.client.stopProxyServer();
      else this.client.startProxyServer(sdkMode);
    } catch (cause) {
      this.history.add("result", sdkMode === null ? "stopProxyServer" : "startProxyServer", errorCode(cause));
      throw cause;
    }
    this.#appliedMode = mode;
    this.#seenMode = this.mode;
  }

  /**
   * A join of `request` begins: from here the connection belongs to it, even while its token
   * is still being fetched (the SDK is not called until {@link join}).
   */
  begin(request: JoinRequest): Attempt {
    const attempt = new Attempt(request);
    this.attempt = attempt;
    this.usingCloudProxy = null;
    this.reason = undefined;
    return attempt;
  }

  /** A join whose token was still being fetched is given up: the SDK never hears of it. */
  abandon(attempt: Attempt): void {
    attempt.cancelled = true;
    attempt.fetching = false;
    if (this.attempt === attempt) this.attempt = null;
  }

  /** Calls `client.join()` for `attempt` with `token`; the outcome reaches `onSettled` unless the session left it first. */
  join(
    attempt: Attempt,
    token: string | null,
    route: string,
    onSettled: (attempt: Attempt, cause?: unknown) => void,
  ): void {
    attempt.token = token;
    this.history.add("call", "join", route);
    const joined = (uid: UID): void => {
      attempt.settled = true;
      attempt.uid = uid;
      this.history.add("result", "join", "ok");
      onSettled(attempt);
    };
    const failed = (cause: unknown): void => {
      attempt.settled = true;
      this.history.add("result", "join", errorCode(cause));
      if (this.attempt === attempt) this.attempt = null;
      onSettled(attempt, cause);
    };
    const { appid, channel, uid } = attempt.request.options;
    try {
      this.client.join(appid, channel, token ?? null, uid ?? null).then(joined, failed);
    } catch (cause) {
      void Promise.resolve().then(() => failed(cause));
    }
  }

  /** A join that could not be made (its token provider failed): it settles as failed without an SDK call. */
  failBeforeJoin(attempt: Attempt, cause: unknown, onSettled: (attempt: Attempt, cause?: unknown) => void): void {
    attempt.settled = true;
    attempt.fetching = false;
    if (this.attempt === attempt) this.attempt = null;
    onSettled(attempt, cause);
  }

  /** Calls `client.renewToken(token)` for the connected attempt; resolves or rejects as the SDK does. */
  renewToken(attempt: Attempt, token: string): Promise<void> {
    this.history.add("call", "renewToken");
    let renewed: Promise<unknown>;
    try {
      renewed = this.client.renewToken(token);
    } catch (cause) {
      renewed = Promise.reject(cause);
    }
    return renewed.then(
      () => {
        attempt.token = token;
        this.history.add("result", "renewToken", "ok");
      },
      (cause: unknown) => {
        attempt.refusedToken = token;
        this.history.add("result", "renewToken", errorCode(cause));
        throw cause;
      },
    );
  }

  /** Calls `client.leave()`: cancels a pending join of ours; settles once the SDK left or refused. */
  leave(): Promise<unknown> {
    const attempt = this.attempt;
    if (attempt && !attempt.settled) attempt.cancelled = true;
    this.leaving = true;
    this.history.add("call", "leave");
    let left: Promise<unknown>;
    try {
      left = this.client.leave();
    } catch (cause) {
      left = Promise.reject(cause);
    }
    return left.then(
      () => {
        this.history.add("result", "leave", "ok");
        this.left();
      },
      (cause: unknown) => {
        this.leaving = false;
        if (attempt && this.attempt === attempt) attempt.cancelled = false; // it goes on
        this.history.add("result", "leave", errorCode(cause));
        if (this.state === "DISCONNECTED") return this.left();
        throw cause;
      },
    );
  }

  /** The connection ended (our leave, or the SDK's own): nothing of it remains. */
  left(): void {
    this.leaving = false;
    this.attempt = null;
    this.usingCloudProxy = null;
  }

  /** Removes the session's listeners (dispose). */
  detach(): void {
    for (const [event, listener] of this.#listeners) this.client.off(event, listener);
  }
}

// The SDK's own names (`_cloudProxyServerMode`), as a developer reading the history knows them.
const SDK_MODE_NAMES = { udp: "proxy3", tls: "proxy5", other: "proxy4", off: "disabled" } as const;

function errorCode(cause: unknown): string {
  return sdkErrorCode(cause) ?? "error";
}
