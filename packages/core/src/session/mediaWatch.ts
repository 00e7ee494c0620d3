import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";

/**
 * Whether media flows on the connection: `unverified` (connected, no media seen yet; nothing
 * published or subscribed, or the check is still running), `flowing`, or `failed`.
 *
 * @example
 * ```ts
 * const media: CloudProxyMediaStatus = session.store.getState().media ?? "unverified";
 * ```
 */
export type CloudProxyMediaStatus = "unverified" | "flowing" | "failed";

/** How often an SDK without `peerconnection-state-change` (older than 4.23) is asked for its byte counts. */
export const MEDIA_POLL_MS = 250;

/**
 * The media check of one connection (issue 14: `CONNECTED` needs only signalling over TCP 443;
 * behind a firewall that blocks UDP media nobody hears anyone). Media is expected from the
 * first publish or subscribe, or the SDK's first `peerconnection-state-change`; from then on
 * it has `windowMs` to flow: the peer connection `connected` (agora-rtc-sdk-ng >= 4.23), or
 * bytes counted by `client.getRTCStats()` (older SDKs: polled every 250 ms inside the window).
 * A peer connection that goes `failed` fails it at once. It never calls anything but
 * `getRTCStats`; the session turns its verdict into route memory or an escalation.
 */
export class MediaWatch {
  /** `null` while no connection of ours is up. */
  status: CloudProxyMediaStatus | null = null;
  /** The SDK's last `peerconnection-state-change`: agora-rtc-sdk-ng 4.24 opens it during join, before the join resolves. */
  #peerConnection: string | null = null;
  #deadline: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly client: IAgoraRTCClient,
    /** How long media has to flow once expected, in ms (the session's `fallbackAfterMs`, read live). */
    readonly windowMs: () => number,
    /** The verdict: `flowing` once, `failed` once (also after `flowing`, when the peer connection fails). */
    readonly onVerdict: (status: "flowing" | "failed") => void,
  ) {}

  /** A connection of ours is up: its media is not verified yet (unless its peer connection already says). */
  start(): void {
    this.stop();
    this.status = "unverified";
    if (this.#peerConnection !== null) this.peerConnection(this.#peerConnection);
  }

  /** Media is expected now (a publish, a subscribe, a peer connection being set up): the window opens. */
  expect(): void {
    if (this.status !== "unverified" || this.#deadline !== null) return;
    this.#deadline = Date.now() + this.windowMs();
    this.#check();
  }

  /** The SDK's `peerconnection-state-change`. */
  peerConnection(state: string): void {
    this.#peerConnection = state;
    // Media that flowed and then failed for good (the SDK gave up on its peer connection) counts too.
    if (this.status === "flowing" && state === "failed") return this.#verdict("failed");
    if (this.status !== "unverified") return;
    if (state === "connected") this.#verdict("flowing");
    else if (state === "failed") this.#verdict("failed");
    // "new" / "connecting": the SDK is setting up media for a publish or a subscribe.
    else if (state === "new" || state === "connecting") this.expect();
  }

  /** The connection ended: no timer, nothing to show. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#deadline = null;
    this.status = null;
  }

  readonly #check = (): void => {
    this.#timer = undefined;
    if (this.status !== "unverified" || this.#deadline === null) return;
    if (this.#bytesMoved()) return this.#verdict("flowing");
    const left = this.#deadline - Date.now();
    if (left <= 0) return this.#verdict("failed");
    this.#timer = setTimeout(this.#check, Math.min(left, MEDIA_POLL_MS));
  };

  #bytesMoved(): boolean {
    try {
      const stats = this.client.getRTCStats?.();
      return (stats?.SendBytes ?? 0) + (stats?.RecvBytes ?? 0) > 0;
    } catch {
      return false; // a client without stats can only be verified by its peer connection
    }
  }

  #verdict(status: "flowing" | "failed"): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.status = status;
    this.onVerdict(status);
  }
}
