import type { ConnectionState, UID } from "agora-rtc-sdk-ng";
import { type AgoraRTCErrorCodeName, createAgoraRTCError } from "./agoraRTCError";
import type {
  DisconnectedReasonName,
  FakeAgoraController,
  FakeNetworkDropOptions,
  FakeRemoteUserMedia,
} from "./fakeAgoraController";
import type { FakeCallLog } from "./fakeCallLog";
import type { FakeConnection } from "./fakeConnection";
import type { FakeEventEmitter } from "./fakeEventEmitter";
import type { FakeMedia } from "./fakeMedia";
import { checkedFlag, checkedMediaRoutes, type FakeMediaRoute, type FakePeerConnection } from "./fakePeerConnection";
import type { Subscribable } from "./subscribable";
import { checkedDelay, delay } from "./timing";

const DEFAULT_JOIN_FAILURE = "the fake client was told to fail this join";
const DEFAULT_LEAVE_FAILURE = "the fake client was told to fail this leave";

/**
 * The parts of one fake client that `client.fake` reads and drives.
 *
 * @example
 * const controller = createFakeAgoraController({ log, emitter: client, emits, connection, media, peerConnection });
 */
export interface FakeAgoraControllerParts {
  readonly log: FakeCallLog;
  readonly emitter: FakeEventEmitter;
  /** Notified after each event the client emits. */
  readonly emits: Subscribable;
  readonly connection: FakeConnection;
  readonly media: FakeMedia;
  readonly peerConnection: FakePeerConnection;
}

/**
 * Builds a fake client's {@link FakeAgoraController} (`client.fake`) over its parts. Misusing
 * a knob throws a plain `Error` naming it, never an SDK-shaped one.
 *
 * @example
 * this.fake = createFakeAgoraController({ log: this.#log, emitter: this, emits: this.#emits, connection, media });
 */
export function createFakeAgoraController(parts: FakeAgoraControllerParts): FakeAgoraController {
  const { log, emitter, emits, connection, media, peerConnection } = parts;
  const requirePendingJoin = (knob: string): void => {
    if (connection.hasPendingJoin) return;
    throw new Error(
      `fake.${knob}() needs a join in flight, but the client is ${connection.state} with none. Call client.join() first.`,
    );
  };
  const stateNow = (): ConnectionState => connection.state;
  return {
    get calls() {
      return log.entries;
    },
    get events() {
      return emitter.emitted;
    },
    listenerCount: (event?: string) => emitter.listenerCount(event),
    listenerCounts: () => emitter.listenerCounts(),
    subscribe: (listener: () => void) => {
      const fromCalls = log.subscribe(listener);
      const fromEvents = emits.subscribe(listener);
      return () => {
        fromCalls();
        fromEvents();
      };
    },
    get joinLatencyMs() {
      return connection.joinLatencyMs;
    },
    set joinLatencyMs(ms: number) {
      connection.joinLatencyMs = checkedDelay(ms, "joinLatencyMs");
    },
    get leaveLatencyMs() {
      return connection.leaveLatencyMs;
    },
    set leaveLatencyMs(ms: number) {
      connection.leaveLatencyMs = checkedDelay(ms, "leaveLatencyMs");
    },
    get joinAbortDelayMs() {
      return connection.joinAbortDelayMs;
    },
    set joinAbortDelayMs(ms: number) {
      connection.joinAbortDelayMs = checkedDelay(ms, "joinAbortDelayMs");
    },
    failNextJoin: (code: AgoraRTCErrorCodeName = "CAN_NOT_GET_GATEWAY_SERVER", text = DEFAULT_JOIN_FAILURE) => {
      connection.planNextJoin({ kind: "fail", error: createAgoraRTCError(code, text) });
    },
    hangNextJoin: () => {
      connection.planNextJoin({ kind: "hang" });
    },
    get hasPendingJoin() {
      return connection.hasPendingJoin;
    },
    completePendingJoin: () => {
      requirePendingJoin("completePendingJoin");
      connection.settlePendingJoin({ kind: "connect" });
    },
    failPendingJoin: (code: AgoraRTCErrorCodeName = "CAN_NOT_GET_GATEWAY_SERVER", text = DEFAULT_JOIN_FAILURE) => {
      requirePendingJoin("failPendingJoin");
      connection.settlePendingJoin({ kind: "fail", error: createAgoraRTCError(code, text) });
    },
    failNextLeave: (code: AgoraRTCErrorCodeName = "UNEXPECTED_ERROR", text = DEFAULT_LEAVE_FAILURE) => {
      connection.failNextLeave(createAgoraRTCError(code, text));
    },
    dropNetwork: async ({
      outcome = "disconnect",
      reason = "NETWORK_ERROR",
      reconnectingMs = 0,
    }: FakeNetworkDropOptions = {}) => {
      if (connection.state !== "CONNECTED") {
        throw new Error(
          `fake.dropNetwork() needs a CONNECTED client, but it is ${connection.state}. Await client.join() first.`,
        );
      }
      connection.transition("RECONNECTING");
      await delay(checkedDelay(reconnectingMs, "reconnectingMs"));
      // Re-read through a function: TypeScript keeps the narrowing from before the await.
      if (stateNow() !== "RECONNECTING") return; // a leave() got there first
      if (outcome === "reconnect") connection.transition("CONNECTED");
      else connection.transition("DISCONNECTED", reason);
    },
    forceConnectionState: (state: ConnectionState, reason?: DisconnectedReasonName) => {
      connection.transition(state, reason);
    },
    addRemoteUser: (uid: UID, remoteMedia: FakeRemoteUserMedia = {}) => {
      if (connection.state !== "CONNECTED" && connection.state !== "RECONNECTING") {
        throw new Error(`fake.addRemoteUser() needs a joined client, but it is ${connection.state}.`);
      }
      if (media.hasRemoteUser(uid)) throw new Error(`fake.addRemoteUser(): uid ${uid} is already in the channel.`);
      return media.addRemoteUser(uid, remoteMedia);
    },
    removeRemoteUser: (uid: UID) => {
      if (!media.hasRemoteUser(uid)) throw new Error(`fake.removeRemoteUser(): uid ${uid} is not in the channel.`);
      media.removeRemoteUser(uid);
    },
    get token() {
      return connection.token;
    },
    expireTokenSoon: () => {
      if (connection.state !== "CONNECTED") {
        throw new Error(
          `fake.expireTokenSoon() needs a CONNECTED client, but it is ${connection.state}. Await client.join() first.`,
        );
      }
      connection.warnTokenExpiry();
    },
    expireToken: () => {
      if (connection.state !== "CONNECTED" && connection.state !== "RECONNECTING") {
        throw new Error(
          `fake.expireToken() needs a CONNECTED or RECONNECTING client, but it is ${connection.state}. Await client.join() first.`,
        );
      }
      connection.expireToken();
    },
    get mediaLatencyMs() {
      return peerConnection.mediaLatencyMs;
    },
    set mediaLatencyMs(ms: number) {
      peerConnection.mediaLatencyMs = checkedDelay(ms, "mediaLatencyMs");
    },
    blockMedia: (routes: readonly FakeMediaRoute[]) => {
      peerConnection.blockedRoutes = checkedMediaRoutes(routes);
    },
    failMedia: () => {
      if (peerConnection.fail()) return;
      const state = peerConnection.state ?? "absent";
      throw new Error(
        `fake.failMedia() needs a peer connection that is connecting or connected, but it is ${state}. Join first.`,
      );
    },
    get peerConnectionEvents() {
      return peerConnection.events;
    },
    set peerConnectionEvents(on: boolean) {
      peerConnection.events = checkedFlag(on, "peerConnectionEvents");
    },
  };
}
