import type { ClientRole, IAgoraRTCClient, SDK_MODE, UID } from "agora-rtc-sdk-ng";
import type { FakeAgoraController } from "./fakeAgoraController";
import type { ListenerErrorHandler } from "./fakeEventEmitter";
import type { CloudProxyServerMode, TurnServerSetting } from "./proxySettings";

/**
 * The members of `IAgoraRTCClient` the fake implements: everything this project and
 * agora-rtc-react's hooks touch. The rest of the SDK surface is absent.
 *
 * @example
 * const method: FakeAgoraClientMember = "startProxyServer";
 */
export type FakeAgoraClientMember =
  | "connectionState"
  | "uid"
  | "channelName"
  | "localTracks"
  | "remoteUsers"
  | "localDataChannels"
  | "mode"
  | "role"
  | "getListeners"
  | "on"
  | "once"
  | "off"
  | "removeAllListeners"
  | "join"
  | "leave"
  | "renewToken"
  | "publish"
  | "unpublish"
  | "subscribe"
  | "unsubscribe"
  | "massUnsubscribe"
  | "startProxyServer"
  | "stopProxyServer"
  | "setProxyServer"
  | "setTurnServer"
  | "setLocalAccessPointsV2"
  | "setClientRole"
  | "enableAudioVolumeIndicator"
  | "getRTCStats"
  | "getNetworkQuality";

/**
 * A fake `IAgoraRTCClient` that enforces the SDK's cloud proxy ordering rules
 * (docs/architecture.md, "The SDK's rules") exactly like agora-rtc-sdk-ng 4.24.8, checked by `test/contract` against the real
 * SDK. Hand it to code that expects a client with {@link asAgoraRTCClient}.
 *
 * Besides the public API it mirrors the SDK internals that hold proxy state, read-only:
 * `_cloudProxyServerMode`, `_proxyServer`, `_turnServer`, `_useLocalAccessPoint`, `_clientId`,
 * and the undocumented `setLocalAccessPoints(serverList, domain)`.
 *
 * @example
 * const client = createFakeAgoraClient();
 * client.startProxyServer(5);
 * await client.join("appid", "room", null, 1);
 * client._cloudProxyServerMode; // "proxy5"
 * expect(() => client.stopProxyServer()).toThrow("Stop proxy server after leave channel");
 */
export interface FakeAgoraClient extends Pick<IAgoraRTCClient, FakeAgoraClientMember> {
  /** Test-side controls and records; see {@link FakeAgoraController}. */
  readonly fake: FakeAgoraController;
  /** The SDK's `_cloudProxyServerMode`. */
  readonly _cloudProxyServerMode: CloudProxyServerMode;
  /** The SDK's `_proxyServer` (set by `setProxyServer`, forgotten by `stopProxyServer` and `leave`). */
  readonly _proxyServer: string | undefined;
  /** The SDK's `_turnServer`. */
  readonly _turnServer: TurnServerSetting;
  /** The SDK's `_useLocalAccessPoint` (never cleared once set). */
  readonly _useLocalAccessPoint: boolean;
  /** The client id the SDK puts in some messages, e.g. `"[client-f0001] Client already in connecting/connected state"`. */
  readonly _clientId: string;
  /** The SDK's undocumented v1 local access point API (not in its typings). */
  setLocalAccessPoints(serverList: string[], domain: string): void;
}

/**
 * Options for {@link createFakeAgoraClient}. Every latency can also be changed later through
 * `client.fake`.
 *
 * @example
 * const client = createFakeAgoraClient({ joinLatencyMs: 300, leaveLatencyMs: 50, assignedUid: 42 });
 */
export interface FakeAgoraClientOptions {
  /** See {@link FakeAgoraController.joinLatencyMs}. Default 0. */
  readonly joinLatencyMs?: number;
  /** See {@link FakeAgoraController.leaveLatencyMs}. Default 0. */
  readonly leaveLatencyMs?: number;
  /** See {@link FakeAgoraController.joinAbortDelayMs}. Default 0. */
  readonly joinAbortDelayMs?: number;
  /** See {@link FakeAgoraController.mediaLatencyMs}. Default 0. */
  readonly mediaLatencyMs?: number;
  /** See {@link FakeAgoraController.peerConnectionEvents}. Default true (agora-rtc-sdk-ng 4.23 and later). */
  readonly peerConnectionEvents?: boolean;
  /**
   * Behave like the real SDK with no network: every join stays CONNECTING until `leave()`
   * cancels it (or a test calls `fake.completePendingJoin()`). Default false.
   */
  readonly offline?: boolean;
  /** The uid a join without one (`null`, `undefined`, `0`, `""`) resolves with. Default 10000 + n. */
  readonly assignedUid?: UID;
  /** The id used in SDK messages. Default `"client-f"` + a counter, shaped like the SDK's ids. */
  readonly clientId?: string;
  /** `createClient({ mode })`. Default `"rtc"`. */
  readonly mode?: SDK_MODE;
  /** Initial role; `"host"` by default, as in the SDK. */
  readonly role?: ClientRole;
  /** Called when an event listener throws. Default: `console.error`, like the SDK. */
  readonly onListenerError?: ListenerErrorHandler;
}

/**
 * Types a fake client as the SDK's `IAgoraRTCClient`, for code under test that wants one.
 * Members outside {@link FakeAgoraClientMember} are absent at runtime.
 *
 * @example
 * const session = createCloudProxySession(asAgoraRTCClient(createFakeAgoraClient()), { mode: "udp" });
 */
export function asAgoraRTCClient(client: FakeAgoraClient): IAgoraRTCClient {
  return client as unknown as IAgoraRTCClient;
}
