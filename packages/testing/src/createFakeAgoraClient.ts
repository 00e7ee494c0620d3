import type {
  AgoraRTCStats,
  ClientRole,
  ClientRoleOptions,
  ConnectionState,
  IAgoraRTCRemoteUser,
  IDataChannelConfig,
  ILocalDataChannel,
  ILocalTrack,
  IRemoteAudioTrack,
  IRemoteDataChannel,
  IRemoteTrack,
  IRemoteVideoTrack,
  NetworkQuality,
  SDK_MODE,
  UID,
} from "agora-rtc-sdk-ng";
import { type AgoraRTCErrorCodeName, createAgoraRTCError, type FakeAgoraRTCError } from "./agoraRTCError";
import type {
  DisconnectedReasonName,
  FakeAgoraController,
  FakeNetworkDropOptions,
  FakeRemoteUserMedia,
} from "./fakeAgoraController";
import type { FakeAgoraClient, FakeAgoraClientOptions } from "./fakeAgoraClient";
import { FakeCallLog } from "./fakeCallLog";
import { FakeEventEmitter } from "./fakeEventEmitter";
import { createFakeRemoteTrack } from "./fakeTracks";
import { type CloudProxyServerMode, ProxySettings, type TurnServerSetting } from "./proxySettings";
import { checkArray, checkJoinArguments } from "./sdkParameterChecks";

type JoinPlan =
  | { readonly kind: "connect" }
  | { readonly kind: "hang" }
  | { readonly kind: "fail"; readonly error: FakeAgoraRTCError };

interface PendingJoin {
  readonly channel: string;
  readonly uid: UID | null | undefined;
  readonly resolve: (uid: UID) => void;
  readonly reject: (error: unknown) => void;
  cancelTimer?: () => void;
}

/** A remote user as the fake keeps it: the SDK's shape, with writable media flags. */
interface FakeRemoteUser {
  readonly uid: UID;
  hasAudio: boolean;
  hasVideo: boolean;
  audioTrack?: IRemoteAudioTrack;
  videoTrack?: IRemoteVideoTrack;
}

const DEFAULT_JOIN_FAILURE = "the fake client was told to fail this join";
const DEFAULT_LEAVE_FAILURE = "the fake client was told to fail this leave";

let clientCount = 0;

/**
 * Creates a fake `IAgoraRTCClient` that enforces DESIGN.md section 1 exactly like
 * agora-rtc-sdk-ng 4.24.8 (same checks, order, error codes and messages, same
 * `connection-state-change` sequence), with controllable latency and faults through
 * `client.fake`. Create one per test.
 *
 * Timing model: `join()` emits CONNECTING synchronously, like the SDK; it connects or fails
 * after `joinLatencyMs` (a `setTimeout`, so `vi.useFakeTimers()` drives it; 0 = next
 * microtask). `leave()` emits DISCONNECTING then, after `leaveLatencyMs`, DISCONNECTED; the
 * join it cancelled rejects with `OPERATION_ABORTED` after the leave resolves.
 *
 * @example
 * const client = createFakeAgoraClient({ joinLatencyMs: 100 });
 * client.startProxyServer(3);
 * const joined = client.join("appid", "room", null, 1);
 * client.connectionState; // "CONNECTING"
 * expect(() => client.stopProxyServer()).toThrow("Stop proxy server after leave channel");
 * await client.leave();
 * await expect(joined).rejects.toMatchObject({ code: "OPERATION_ABORTED" });
 */
export function createFakeAgoraClient(options: FakeAgoraClientOptions = {}): FakeAgoraClient {
  return new FakeAgoraClientImpl(options);
}

class FakeAgoraClientImpl extends FakeEventEmitter implements FakeAgoraClient {
  readonly fake: FakeAgoraController;
  readonly _clientId: string;
  readonly mode: SDK_MODE;
  readonly localDataChannels: ILocalDataChannel[] = [];

  #role: ClientRole;
  #state: ConnectionState = "DISCONNECTED";
  #uid: UID | undefined;
  #channelName: string | undefined;
  #localTracks: ILocalTrack[] = [];
  #remoteUsers: FakeRemoteUser[] = [];
  /** Whether a join really connected; the SDK only gives reason "LEAVE" when its signalling socket was up. */
  #signalConnected = false;

  readonly #proxy = new ProxySettings();
  readonly #log = new FakeCallLog();
  readonly #offline: boolean;
  readonly #assignedUid: UID | undefined;
  #assignedUidCount = 0;
  #joinLatencyMs: number;
  #leaveLatencyMs: number;
  #joinAbortDelayMs: number;
  readonly #joinPlans: JoinPlan[] = [];
  readonly #leaveFailures: FakeAgoraRTCError[] = [];
  #pendingJoin: PendingJoin | undefined;
  /** Leaves run one after another, like the SDK's leave mutex; joins wait for them too. */
  #leaveQueue: Promise<void> = Promise.resolve();
  #leavesInFlight = 0;

  constructor(options: FakeAgoraClientOptions) {
    super(options.onListenerError);
    clientCount += 1;
    this._clientId = options.clientId ?? `client-f${clientCount.toString(16).padStart(4, "0")}`;
    this.mode = options.mode ?? "rtc";
    this.#role = options.role ?? "host";
    this.#offline = options.offline ?? false;
    this.#assignedUid = options.assignedUid;
    this.#joinLatencyMs = checkedDelay(options.joinLatencyMs ?? 0, "joinLatencyMs");
    this.#leaveLatencyMs = checkedDelay(options.leaveLatencyMs ?? 0, "leaveLatencyMs");
    this.#joinAbortDelayMs = checkedDelay(options.joinAbortDelayMs ?? 0, "joinAbortDelayMs");
    this.fake = this.#createController();
  }

  // --- state the SDK exposes -------------------------------------------------------------

  get connectionState(): ConnectionState {
    return this.#state;
  }

  get uid(): UID | undefined {
    return this.#uid;
  }

  get channelName(): string | undefined {
    return this.#channelName;
  }

  get localTracks(): ILocalTrack[] {
    return [...this.#localTracks];
  }

  get remoteUsers(): IAgoraRTCRemoteUser[] {
    return this.#remoteUsers;
  }

  get role(): ClientRole {
    return this.#role;
  }

  get _cloudProxyServerMode(): CloudProxyServerMode {
    return this.#proxy.cloudProxyServerMode;
  }

  get _proxyServer(): string | undefined {
    return this.#proxy.proxyServer;
  }

  get _turnServer(): TurnServerSetting {
    return this.#proxy.turnServer;
  }

  get _useLocalAccessPoint(): boolean {
    return this.#proxy.useLocalAccessPoint;
  }

  // --- proxy configuration (synchronous, like the SDK) ------------------------------------

  startProxyServer(mode?: number): void {
    // `arguments.length` keeps "no argument" and "undefined" apart in the call log.
    const args = arguments.length === 0 ? [] : [mode];
    this.#log.sync("startProxyServer", args, () => this.#proxy.start(this.#state, mode));
  }

  stopProxyServer(): void {
    this.#log.sync("stopProxyServer", [], () => this.#proxy.stop(this.#state));
  }

  setProxyServer(proxyServer: string): void {
    this.#log.sync("setProxyServer", [proxyServer], () => this.#proxy.setProxyServer(this.#state, proxyServer));
  }

  setTurnServer(turnServer: Parameters<FakeAgoraClient["setTurnServer"]>[0]): void {
    this.#log.sync("setTurnServer", [turnServer], () => this.#proxy.setTurnServer(this.#state, turnServer));
  }

  setLocalAccessPoints(serverList: string[], domain: string): void {
    this.#log.sync("setLocalAccessPoints", [serverList, domain], () =>
      this.#proxy.setLocalAccessPoints(serverList, domain),
    );
  }

  setLocalAccessPointsV2(config: Parameters<FakeAgoraClient["setLocalAccessPointsV2"]>[0]): void {
    this.#log.sync("setLocalAccessPointsV2", [config], () => this.#proxy.setLocalAccessPointsV2(config));
  }

  // --- join / leave ----------------------------------------------------------------------

  join(
    appid: string,
    channel: string,
    token: string | null,
    uid?: UID | null,
    options?: Parameters<FakeAgoraClient["join"]>[4],
  ): Promise<UID> {
    // Never keep credentials in the log: a failing assertion prints it.
    const args: unknown[] = [appid === undefined ? undefined : "<appid>", channel, token ? "<token>" : token];
    if (arguments.length > 3) args.push(uid);
    if (arguments.length > 4) args.push(options);
    return this.#log.async("join", args, () => {
      checkJoinArguments(appid, channel, token, uid, options);
      // The SDK's join waits for a leave in progress (its leave mutex), then checks the state.
      if (this.#leavesInFlight > 0) return this.#leaveQueue.then(() => this.#beginJoin(channel, uid));
      return this.#beginJoin(channel, uid);
    });
  }

  leave(): Promise<void> {
    const failure = this.#leaveFailures.shift();
    if (failure)
      return this.#log.async("leave", [], () => this.#delay(this.#leaveLatencyMs).then(() => Promise.reject(failure)));

    // The SDK's leave() starts with _reset(), before waiting for anything: that forgets
    // setProxyServer and cancels the pending join's requests, even when already DISCONNECTED.
    this.#proxy.forgetProxyServer();
    const cancelled = this.#takePendingJoin();
    this.#leavesInFlight += 1;
    const run = this.#leaveQueue.then(async () => {
      try {
        if (this.#state === "DISCONNECTED") return;
        this.#transition("DISCONNECTING");
        await this.#delay(this.#leaveLatencyMs);
        this.#transition("DISCONNECTED", this.#signalConnected ? "LEAVE" : undefined);
      } finally {
        this.#leavesInFlight -= 1;
      }
    });
    this.#leaveQueue = run.catch(() => undefined);
    const settled = this.#log.async("leave", [], () => run);
    // Registered before the caller can await `settled`, so the caller sees the leave resolve
    // before the cancelled join rejects, as with the real SDK (which rejects ~1 s later).
    if (cancelled) {
      const rejectCancelled = () => this.#rejectCancelledJoin(cancelled);
      settled.then(rejectCancelled, rejectCancelled);
    }
    return settled;
  }

  // --- media (enough for agora-rtc-react's hooks) ----------------------------------------

  publish(tracks: ILocalTrack | ILocalTrack[]): Promise<void>;
  publish(config: IDataChannelConfig): Promise<ILocalDataChannel>;
  publish(params: ILocalTrack | ILocalTrack[] | IDataChannelConfig): Promise<ILocalDataChannel | void>;
  publish(params: ILocalTrack | ILocalTrack[] | IDataChannelConfig): Promise<ILocalDataChannel | void> {
    return this.#log.async("publish", [params], async () => {
      const tracks = Array.isArray(params) ? params : isTrack(params) ? [params] : undefined;
      if (!tracks) throw createAgoraRTCError("NOT_SUPPORTED", "the fake client does not support data channels");
      if (tracks.length === 0) throw createAgoraRTCError("INVALID_PARAMS", "param list is empty");
      if (this.#uid === undefined)
        throw createAgoraRTCError("INVALID_OPERATION", "Can't publish stream, haven't joined yet!");
      if (this.#state !== "CONNECTED" && this.#state !== "RECONNECTING") {
        throw createAgoraRTCError("INVALID_OPERATION", `can not publish stream in ${this.#state} state`);
      }
      for (const track of tracks) if (!this.#localTracks.includes(track)) this.#localTracks.push(track);
    });
  }

  unpublish(tracks?: ILocalTrack | ILocalTrack[]): Promise<void>;
  unpublish(dataChannel?: ILocalDataChannel): Promise<void>;
  unpublish(params?: ILocalTrack | ILocalTrack[] | ILocalDataChannel): Promise<void>;
  unpublish(params?: ILocalTrack | ILocalTrack[] | ILocalDataChannel): Promise<void> {
    return this.#log.async("unpublish", params === undefined ? [] : [params], async () => {
      if (this.#uid === undefined)
        throw createAgoraRTCError("INVALID_OPERATION", "Can't unpublish stream, haven't joined yet!");
      const tracks = params === undefined ? [...this.#localTracks] : Array.isArray(params) ? params : [params];
      this.#localTracks = this.#localTracks.filter((track) => !tracks.includes(track));
    });
  }

  subscribe(user: IAgoraRTCRemoteUser | UID, mediaType: "video"): Promise<IRemoteVideoTrack>;
  subscribe(user: IAgoraRTCRemoteUser | UID, mediaType: "audio"): Promise<IRemoteAudioTrack>;
  subscribe(user: IAgoraRTCRemoteUser | UID, mediaType: "datachannel", channelId: number): Promise<IRemoteDataChannel>;
  subscribe(
    user: IAgoraRTCRemoteUser | UID,
    mediaType: "video" | "audio" | "datachannel",
    channelId?: number,
  ): Promise<IRemoteTrack | IRemoteDataChannel>;
  subscribe(
    user: IAgoraRTCRemoteUser | UID,
    mediaType: "video" | "audio" | "datachannel",
    _channelId?: number,
  ): Promise<IRemoteTrack | IRemoteDataChannel> {
    return this.#log.async("subscribe", [userId(user), mediaType], async () => {
      const remote = this.#findRemoteUser(user);
      if (mediaType !== "audio" && mediaType !== "video") {
        throw createAgoraRTCError("NOT_SUPPORTED", "the fake client does not support data channels");
      }
      if (this.#uid === undefined) throw createAgoraRTCError("INVALID_OPERATION", "Can't subscribe stream, not joined");
      if (this.#state !== "CONNECTED" && this.#state !== "RECONNECTING") {
        throw createAgoraRTCError("INVALID_OPERATION", `Can't subscribe stream in ${this.#state} state`);
      }
      if (!remote.hasAudio && !remote.hasVideo)
        throw createAgoraRTCError("INVALID_REMOTE_USER", "user is not published");
      const track = createFakeRemoteTrack(mediaType, remote.uid);
      if (mediaType === "audio") remote.audioTrack = track as unknown as IRemoteAudioTrack;
      else remote.videoTrack = track as unknown as IRemoteVideoTrack;
      return track;
    });
  }

  unsubscribe(user: IAgoraRTCRemoteUser | UID, mediaType?: "video" | "audio" | "datachannel"): Promise<void> {
    return this.#log.async(
      "unsubscribe",
      mediaType === undefined ? [userId(user)] : [userId(user), mediaType],
      async () => {
        const remote = this.#findRemoteUser(user);
        if (this.#uid === undefined)
          throw createAgoraRTCError("INVALID_OPERATION", "Can't unsubscribe stream, haven't joined yet!");
        if (mediaType !== "video") delete remote.audioTrack;
        if (mediaType !== "audio") delete remote.videoTrack;
      },
    );
  }

  massUnsubscribe(list: { user: IAgoraRTCRemoteUser; mediaType?: "audio" | "video" }[]): Promise<void> {
    return this.#log.async(
      "massUnsubscribe",
      [list.map(({ user, mediaType }) => ({ uid: user.uid, mediaType }))],
      async () => {
        checkArray(list, "unsubscribeList");
        if (this.#uid === undefined)
          throw createAgoraRTCError("INVALID_OPERATION", "Can't unsubscribeAll stream, haven't joined yet!");
        for (const { user, mediaType } of list) {
          const remote = this.#findRemoteUser(user);
          if (mediaType !== "video") delete remote.audioTrack;
          if (mediaType !== "audio") delete remote.videoTrack;
        }
      },
    );
  }

  setClientRole(role: ClientRole, options?: ClientRoleOptions): Promise<void> {
    return this.#log.async("setClientRole", options === undefined ? [role] : [role, options], async () => {
      if (role !== "audience" && role !== "host") {
        throw createAgoraRTCError("INVALID_PARAMS", 'role can only be set as ["audience","host"]');
      }
      if (this.mode === "rtc" || this.mode === "p2p") {
        throw createAgoraRTCError("INVALID_OPERATION", `${this.mode} mode can not use setClientRole`);
      }
      this.#role = role;
    });
  }

  enableAudioVolumeIndicator(): void {
    this.#log.sync("enableAudioVolumeIndicator", [], () => undefined);
  }

  getRTCStats(): AgoraRTCStats {
    return this.#log.sync("getRTCStats", [], () => ({
      Duration: 0,
      RecvBitrate: 0,
      RecvBytes: 0,
      SendBitrate: 0,
      SendBytes: 0,
      UserCount: this.#uid === undefined ? 0 : this.#remoteUsers.length + 1,
      RTT: 0,
      OutgoingAvailableBandwidth: 0,
    }));
  }

  getNetworkQuality(): NetworkQuality {
    return this.#log.sync("getNetworkQuality", [], () => ({ uplinkNetworkQuality: 0, downlinkNetworkQuality: 0 }));
  }

  // --- internals -------------------------------------------------------------------------

  /** Moves to `next` and emits, as the SDK's gateway does: the session is reset before DISCONNECTED is announced. */
  #transition(next: ConnectionState, reason?: DisconnectedReasonName): void {
    if (next === this.#state) return;
    const previous = this.#state;
    this.#state = next;
    if (next === "DISCONNECTED") this.#resetSession();
    // Always three arguments, like the SDK; the reason only comes with DISCONNECTED.
    this.safeEmit("connection-state-change", next, previous, next === "DISCONNECTED" ? reason : undefined);
  }

  /** What the SDK's `_reset()` clears: the session, and any `setProxyServer`. */
  #resetSession(): void {
    this.#uid = undefined;
    this.#channelName = undefined;
    this.#localTracks = [];
    this.#remoteUsers = [];
    this.#signalConnected = false;
    this.#proxy.forgetProxyServer();
  }

  #beginJoin(channel: string, uid: UID | null | undefined): Promise<UID> {
    if (this.#state !== "DISCONNECTED") {
      return Promise.reject(
        createAgoraRTCError("INVALID_OPERATION", `[${this._clientId}] Client already in connecting/connected state`),
      );
    }
    return new Promise<UID>((resolve, reject) => {
      const pending: PendingJoin = { channel, uid, resolve, reject };
      this.#pendingJoin = pending;
      this.#transition("CONNECTING");
      // A CONNECTING listener may already have left; then there is nothing to schedule.
      if (this.#pendingJoin !== pending) return;
      const plan: JoinPlan = this.#joinPlans.shift() ?? (this.#offline ? { kind: "hang" } : { kind: "connect" });
      if (plan.kind !== "hang")
        pending.cancelTimer = this.#schedule(this.#joinLatencyMs, () => this.#finishJoin(pending, plan));
    });
  }

  #finishJoin(pending: PendingJoin, plan: Exclude<JoinPlan, { kind: "hang" }>): void {
    if (this.#pendingJoin !== pending) return;
    this.#pendingJoin = undefined;
    pending.cancelTimer?.();
    if (plan.kind === "fail") {
      this.#transition("DISCONNECTED");
      pending.reject(plan.error);
      return;
    }
    this.#signalConnected = true;
    // As in the SDK, CONNECTED is announced before uid and channelName are set (agora-rtc-react's
    // useCurrentUID reads the uid in a setTimeout for this reason).
    this.#transition("CONNECTED");
    const uid = pending.uid || this.#nextAssignedUid();
    this.#uid = uid;
    this.#channelName = pending.channel;
    pending.resolve(uid);
    this.safeEmit("is-using-cloud-proxy", this.#proxy.cloudProxyServerMode !== "disabled");
  }

  #takePendingJoin(): PendingJoin | undefined {
    const pending = this.#pendingJoin;
    if (!pending) return undefined;
    this.#pendingJoin = undefined;
    pending.cancelTimer?.();
    return pending;
  }

  #rejectCancelledJoin(pending: PendingJoin): void {
    const reject = () => pending.reject(createAgoraRTCError("OPERATION_ABORTED", "cancel token canceled"));
    if (this.#joinAbortDelayMs > 0) setTimeout(reject, this.#joinAbortDelayMs);
    else reject();
  }

  #nextAssignedUid(): UID {
    if (this.#assignedUid !== undefined) return this.#assignedUid;
    this.#assignedUidCount += 1;
    return 10_000 + this.#assignedUidCount;
  }

  #findRemoteUser(user: IAgoraRTCRemoteUser | UID): FakeRemoteUser {
    const uid = userId(user);
    const remote = this.#remoteUsers.find((candidate) => candidate.uid === uid);
    if (!remote) throw createAgoraRTCError("INVALID_REMOTE_USER", "user is not in the channel");
    return remote;
  }

  /** Runs `run` after `ms` (0 = next microtask); returns a canceller. */
  #schedule(ms: number, run: () => void): () => void {
    if (ms <= 0) {
      let cancelled = false;
      void Promise.resolve().then(() => {
        if (!cancelled) run();
      });
      return () => {
        cancelled = true;
      };
    }
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  }

  #delay(ms: number): Promise<void> {
    return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
  }

  #createController(): FakeAgoraController {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the controller's accessors need the client, not themselves
    const client = this;
    const requirePendingJoin = (knob: string): PendingJoin => {
      const pending = client.#pendingJoin;
      if (!pending) {
        throw new Error(
          `fake.${knob}() needs a join in flight, but the client is ${client.#state} with none. Call client.join() first.`,
        );
      }
      return pending;
    };
    return {
      get calls() {
        return client.#log.entries;
      },
      get events() {
        return client.emitted;
      },
      listenerCount: (event?: string) => client.listenerCount(event),
      listenerCounts: () => client.listenerCounts(),
      get joinLatencyMs() {
        return client.#joinLatencyMs;
      },
      set joinLatencyMs(ms: number) {
        client.#joinLatencyMs = checkedDelay(ms, "joinLatencyMs");
      },
      get leaveLatencyMs() {
        return client.#leaveLatencyMs;
      },
      set leaveLatencyMs(ms: number) {
        client.#leaveLatencyMs = checkedDelay(ms, "leaveLatencyMs");
      },
      get joinAbortDelayMs() {
        return client.#joinAbortDelayMs;
      },
      set joinAbortDelayMs(ms: number) {
        client.#joinAbortDelayMs = checkedDelay(ms, "joinAbortDelayMs");
      },
      failNextJoin: (code: AgoraRTCErrorCodeName = "CAN_NOT_GET_GATEWAY_SERVER", text = DEFAULT_JOIN_FAILURE) => {
        client.#joinPlans.push({ kind: "fail", error: createAgoraRTCError(code, text) });
      },
      hangNextJoin: () => {
        client.#joinPlans.push({ kind: "hang" });
      },
      get hasPendingJoin() {
        return client.#pendingJoin !== undefined;
      },
      completePendingJoin: () => {
        client.#finishJoin(requirePendingJoin("completePendingJoin"), { kind: "connect" });
      },
      failPendingJoin: (code: AgoraRTCErrorCodeName = "CAN_NOT_GET_GATEWAY_SERVER", text = DEFAULT_JOIN_FAILURE) => {
        client.#finishJoin(requirePendingJoin("failPendingJoin"), {
          kind: "fail",
          error: createAgoraRTCError(code, text),
        });
      },
      failNextLeave: (code: AgoraRTCErrorCodeName = "UNEXPECTED_ERROR", text = DEFAULT_LEAVE_FAILURE) => {
        client.#leaveFailures.push(createAgoraRTCError(code, text));
      },
      dropNetwork: async ({
        outcome = "disconnect",
        reason = "NETWORK_ERROR",
        reconnectingMs = 0,
      }: FakeNetworkDropOptions = {}) => {
        if (client.#state !== "CONNECTED") {
          throw new Error(
            `fake.dropNetwork() needs a CONNECTED client, but it is ${client.#state}. Await client.join() first.`,
          );
        }
        client.#transition("RECONNECTING");
        await client.#delay(checkedDelay(reconnectingMs, "reconnectingMs"));
        // Re-read through a getter: TypeScript keeps the narrowing from before the await.
        if (client.connectionState !== "RECONNECTING") return; // a leave() got there first
        if (outcome === "reconnect") client.#transition("CONNECTED");
        else client.#transition("DISCONNECTED", reason);
      },
      forceConnectionState: (state: ConnectionState, reason?: DisconnectedReasonName) => {
        client.#transition(state, reason);
      },
      addRemoteUser: (uid: UID, media: FakeRemoteUserMedia = {}) => {
        if (client.#state !== "CONNECTED" && client.#state !== "RECONNECTING") {
          throw new Error(`fake.addRemoteUser() needs a joined client, but it is ${client.#state}.`);
        }
        if (client.#remoteUsers.some((user) => user.uid === uid))
          throw new Error(`fake.addRemoteUser(): uid ${uid} is already in the channel.`);
        const user: FakeRemoteUser = { uid, hasAudio: false, hasVideo: false };
        client.#remoteUsers.push(user);
        client.safeEmit("user-joined", user);
        for (const mediaType of ["audio", "video"] as const) {
          if (!media[mediaType]) continue;
          if (mediaType === "audio") user.hasAudio = true;
          else user.hasVideo = true;
          client.safeEmit("user-published", user, mediaType);
        }
        return user;
      },
      removeRemoteUser: (uid: UID) => {
        const user = client.#remoteUsers.find((candidate) => candidate.uid === uid);
        if (!user) throw new Error(`fake.removeRemoteUser(): uid ${uid} is not in the channel.`);
        client.#remoteUsers = client.#remoteUsers.filter((candidate) => candidate !== user);
        client.safeEmit("user-left", user, "Quit");
      },
    };
  }
}

function checkedDelay(ms: number, name: string): number {
  if (!Number.isFinite(ms) || ms < 0)
    throw new Error(`${name} must be a finite number of milliseconds >= 0, got ${String(ms)}.`);
  return ms;
}

function isTrack(value: unknown): value is ILocalTrack {
  return (
    typeof value === "object" && value !== null && typeof (value as { getTrackId?: unknown }).getTrackId === "function"
  );
}

function userId(user: IAgoraRTCRemoteUser | UID): UID {
  return typeof user === "object" ? user.uid : user;
}
