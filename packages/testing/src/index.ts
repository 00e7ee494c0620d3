/**
 * `@agora-cloud-proxy/testing`: a fake Agora `IAgoraRTCClient` that enforces the SDK's cloud
 * proxy ordering rules exactly like agora-rtc-sdk-ng 4.24.8, with controllable latency and
 * faults. Zero runtime dependencies; the SDK is only used for its types.
 *
 * @example
 * import { createFakeAgoraClient } from "@agora-cloud-proxy/testing";
 *
 * const client = createFakeAgoraClient({ joinLatencyMs: 100 });
 * client.startProxyServer(5);
 * await client.join("appid", "room", null, 1);
 * expect(client.fake.calls.map((call) => call.method)).toEqual(["startProxyServer", "join"]);
 */
export { createFakeAgoraClient } from "./createFakeAgoraClient";
export {
  asAgoraRTCClient,
  type FakeAgoraClient,
  type FakeAgoraClientMember,
  type FakeAgoraClientOptions,
} from "./fakeAgoraClient";
export type {
  DisconnectedReasonName,
  FakeAgoraController,
  FakeNetworkDropOptions,
  FakeRemoteUserMedia,
} from "./fakeAgoraController";
export {
  type AgoraRTCErrorCodeName,
  type AgoraRTCErrorLike,
  createAgoraRTCError,
  FakeAgoraRTCError,
  isAgoraRTCErrorLike,
} from "./agoraRTCError";
export type { FakeSdkCall } from "./fakeCallLog";
export type { FakeMediaRoute, FakePeerConnectionState } from "./fakePeerConnection";
export type { FakeEmittedEvent, ListenerErrorHandler } from "./fakeEventEmitter";
export { createFakeLocalTrack, createFakeRemoteTrack, type FakeTrackState } from "./fakeTracks";
export type { CloudProxyServerMode, TurnServerSetting } from "./proxySettings";
