import type { AgoraRTCStats } from "agora-rtc-sdk-ng";
import type { CloudProxyServerMode } from "./proxySettings";
import { checkedDelay, schedule } from "./timing";

/**
 * The path a fake client's media takes, fixed by its cloud proxy when the join connects:
 * `"direct"` (no cloud proxy, `_cloudProxyServerMode` `"disabled"`), `"udp"` (`"proxy3"`, TURN
 * over UDP), `"tcp"` (`"proxy4"`, TURN over TCP without TLS; undocumented mode 4) or `"tls"`
 * (`"proxy5"`, TURN over TLS on 443).
 *
 * @example
 * client.fake.blockMedia(["direct", "udp"]); // a firewall that only lets TLS on 443 through
 */
export type FakeMediaRoute = "direct" | "udp" | "tcp" | "tls";

/**
 * The states the SDK reports with `peerconnection-state-change` (the browser's
 * `RTCPeerConnectionState`), spelled out so the package needs no DOM typings.
 *
 * @example
 * client.on("peerconnection-state-change", (current: FakePeerConnectionState) => console.log(current));
 */
export type FakePeerConnectionState = "new" | "connecting" | "connected" | "disconnected" | "failed" | "closed";

const MEDIA_ROUTES: readonly FakeMediaRoute[] = ["direct", "udp", "tcp", "tls"];

/**
 * Bytes each published local track sends, and each subscribed remote track receives, per
 * millisecond while media flows (400 kbps): what `getRTCStats()` adds up.
 */
export const FAKE_BYTES_PER_MS_PER_TRACK = 50;

/**
 * The media route a cloud proxy mode gives.
 *
 * @example
 * mediaRouteOf("proxy5"); // "tls"
 */
export function mediaRouteOf(mode: CloudProxyServerMode): FakeMediaRoute {
  if (mode === "proxy3") return "udp";
  if (mode === "proxy4") return "tcp";
  if (mode === "proxy5") return "tls";
  return "direct";
}

/**
 * Validates the routes a test blocks: an array of {@link FakeMediaRoute}s. Throws a plain `Error`.
 *
 * @example
 * checkedMediaRoutes(["udp"]); // a Set of "udp"
 */
export function checkedMediaRoutes(routes: unknown): ReadonlySet<FakeMediaRoute> {
  if (!Array.isArray(routes)) {
    throw new Error(`fake.blockMedia() takes an array of routes (${MEDIA_ROUTES.join(", ")}), got ${String(routes)}.`);
  }
  for (const route of routes as unknown[]) {
    if (!MEDIA_ROUTES.includes(route as FakeMediaRoute)) {
      throw new Error(`fake.blockMedia(): unknown route ${JSON.stringify(route)}; use ${MEDIA_ROUTES.join(", ")}.`);
    }
  }
  return new Set(routes as FakeMediaRoute[]);
}

/**
 * Validates an on/off knob: a boolean. Throws a plain `Error`, like {@link checkedDelay}.
 *
 * @example
 * checkedFlag(false, "peerConnectionEvents"); // false
 */
export function checkedFlag(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") throw new Error(`${name} must be true or false, got ${String(value)}.`);
  return value;
}

/**
 * When the media of one client's tracks started, for the byte counts of `getRTCStats()`.
 *
 * @example
 * const times: MediaStartTimes = { sending: [Date.now()], receiving: [] };
 */
export interface MediaStartTimes {
  /** `Date.now()` at which each currently published local track was published. */
  readonly sending: readonly number[];
  /** `Date.now()` at which each currently subscribed remote track was subscribed. */
  readonly receiving: readonly number[];
}

/**
 * The peer connection of one fake client, as agora-rtc-sdk-ng 4.24.8 drives it on a desktop
 * browser: the SDK creates it while a join is in progress (it sends the connection's ICE
 * parameters with the join) and connects it once the gateway answered, whether or not anything
 * is published; publish and subscribe later reuse it. `leave()` and every drop to DISCONNECTED
 * close it. Its state changes are emitted as `peerconnection-state-change` `(current, previous)`,
 * where `previous` is the SDK's `_peerConnectionState`: `undefined` the first time, and never reset
 * (a second session starts with `("new", "closed")`).
 *
 * Whether media flows is decided per route when the connection would connect, after
 * `mediaLatencyMs`: "connected" unless the route is blocked, else "failed".
 *
 * @example
 * const pc = new FakePeerConnection(emit, 50);
 * pc.open("udp"); // emits ("new", undefined), then ("connecting", "new") once pc.connect() runs
 */
export class FakePeerConnection {
  /** Milliseconds from "connecting" to "connected" (or "failed"). Writers validate with checkedDelay. */
  mediaLatencyMs: number;
  /** Whether `peerconnection-state-change` is emitted (false emulates an SDK older than 4.23). */
  events = true;
  /** Routes on which media never flows. */
  blockedRoutes: ReadonlySet<FakeMediaRoute> = new Set();

  readonly #emit: (event: string, ...args: unknown[]) => void;
  /** The SDK's `_peerConnectionState`: the last state it saw, never reset. */
  #state: FakePeerConnectionState | undefined;
  /** The route of the open connection, or undefined when there is none. */
  #route: FakeMediaRoute | undefined;
  #cancelTimer: (() => void) | undefined;
  /** When media started flowing on the open connection, and when it stopped (a failure). */
  #flowingSince: number | undefined;
  #flowingUntil: number | undefined;

  constructor(emit: (event: string, ...args: unknown[]) => void, mediaLatencyMs: number) {
    this.#emit = emit;
    this.mediaLatencyMs = checkedDelay(mediaLatencyMs, "mediaLatencyMs");
  }

  /** The state of the open connection, or undefined when there is none. */
  get state(): FakePeerConnectionState | undefined {
    return this.#route === undefined ? undefined : this.#state;
  }

  /** The route of the open connection, or undefined when there is none. */
  get route(): FakeMediaRoute | undefined {
    return this.#route;
  }

  /** The join asked for the connection's parameters: a new connection on `route` ("new"). */
  open(route: FakeMediaRoute): void {
    this.close();
    this.#route = route;
    this.#change("new");
  }

  /** The gateway answered the join: the connection starts connecting, and connects or fails after the latency. */
  connect(): void {
    if (this.#route === undefined || this.#state !== "new") return;
    const route = this.#route;
    this.#change("connecting");
    this.#cancelTimer = schedule(this.mediaLatencyMs, () => {
      this.#cancelTimer = undefined;
      if (this.#route !== route || this.#state !== "connecting") return;
      if (this.blockedRoutes.has(route)) {
        this.#change("failed");
        return;
      }
      this.#flowingSince = Date.now();
      this.#change("connected");
    });
  }

  /**
   * Media fails now: a connected connection goes "disconnected" then "failed"; one still
   * connecting goes "failed". Returns false (changing nothing) when there is no such connection.
   */
  fail(): boolean {
    if (this.#state === "connecting" && this.#route !== undefined) {
      this.#cancel();
      this.#change("failed");
      return true;
    }
    if (this.#state === "connected" && this.#route !== undefined) {
      this.#flowingUntil = Date.now();
      this.#change("disconnected");
      // A listener of "disconnected" may have left: then the connection is already closed.
      if (this.#stateNow() === "disconnected") this.#change("failed");
      return true;
    }
    return false;
  }

  /** The SDK's `_reset()`: the open connection, if any, is closed ("closed"); its media is forgotten. */
  close(): void {
    this.#cancel();
    this.#flowingSince = undefined;
    this.#flowingUntil = undefined;
    if (this.#route === undefined) return;
    this.#route = undefined;
    this.#change("closed");
  }

  /**
   * `client.getRTCStats()` from the media that flowed: each track counts
   * {@link FAKE_BYTES_PER_MS_PER_TRACK} per millisecond from its start (or from when media
   * started flowing, if later) until now (or until media failed).
   */
  stats(times: MediaStartTimes, durationMs: number, userCount: number): AgoraRTCStats {
    const now = Date.now();
    const bytes = (starts: readonly number[]) => {
      if (this.#flowingSince === undefined) return 0;
      const until = this.#flowingUntil ?? now;
      let total = 0;
      for (const start of starts) total += Math.max(0, until - Math.max(start, this.#flowingSince));
      return total * FAKE_BYTES_PER_MS_PER_TRACK;
    };
    const flowing = this.#flowingSince !== undefined && this.#flowingUntil === undefined;
    const bitrate = (starts: readonly number[]) => (flowing ? starts.length * FAKE_BYTES_PER_MS_PER_TRACK * 8000 : 0);
    // The SDK's key order (its stats collector builds this object, then sets Duration).
    return {
      Duration: Math.round(durationMs / 1000),
      UserCount: userCount,
      SendBitrate: bitrate(times.sending),
      SendBytes: bytes(times.sending),
      RecvBytes: bytes(times.receiving),
      RecvBitrate: bitrate(times.receiving),
      OutgoingAvailableBandwidth: 0,
      RTT: 0,
    };
  }

  #change(next: FakePeerConnectionState): void {
    const previous = this.#state;
    if (next === previous) return;
    this.#state = next;
    // The SDK's handler: `safeEmit(PEERCONNECTION_STATE_CHANGE, current, previous)`.
    if (this.events) this.#emit("peerconnection-state-change", next, previous);
  }

  /** Re-reads the state through a call: TypeScript keeps its narrowing across an emit otherwise. */
  #stateNow(): FakePeerConnectionState | undefined {
    return this.#state;
  }

  #cancel(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }
}
