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
import { createAgoraRTCError } from "./agoraRTCError";
import { createFakeAgoraController } from "./createFakeAgoraController";
import type { FakeAgoraController } from "./fakeAgoraController";
import type { FakeAgoraClient, FakeAgoraClientOptions } from "./fakeAgoraClient";
import { FakeCallLog } from "./fakeCallLog";
import { FakeConnection } from "./fakeConnection";
import { FakeEventEmitter } from "./fakeEventEmitter";
import { FakeMedia, userId } from "./fakeMedia";
import { checkedFlag, FakePeerConnection } from "./fakePeerConnection";
import { type CloudProxyServerMode, ProxySettings, type TurnServerSetting } from "./proxySettings";
import { Subscribable } from "./subscribable";

let clientCount = 0;

/**
 * The fake client itself: the SDK-shaped surface. Every SDK method is recorded in the call
 * log and handed to the part that owns it: {@link ProxySettings} (proxy configuration),
 * {@link FakeConnection} (join/leave), {@link FakeMedia} (tracks, remote users); `fake` is the
 * test-side controller over those parts. Create it with `createFakeAgoraClient`.
 *
 * @example
 * const client: FakeAgoraClient = new FakeAgoraClientImpl({ joinLatencyMs: 100 });
 */
export class FakeAgoraClientImpl extends FakeEventEmitter implements FakeAgoraClient {
  readonly fake: FakeAgoraController;
  readonly _clientId: string;
  readonly mode: SDK_MODE;
  readonly localDataChannels: ILocalDataChannel[] = [];

  #role: ClientRole;
  readonly #proxy = new ProxySettings();
  readonly #log = new FakeCallLog();
  /** Notified after each emit, for `client.fake.subscribe`. */
  readonly #emits = new Subscribable();
  readonly #connection: FakeConnection;
  readonly #media: FakeMedia;
  readonly #peerConnection: FakePeerConnection;

  constructor(options: FakeAgoraClientOptions) {
    super(options.onListenerError);
    clientCount += 1;
    this._clientId = options.clientId ?? `client-f${clientCount.toString(16).padStart(4, "0")}`;
    this.mode = options.mode ?? "rtc";
    this.#role = options.role ?? "host";
    // Every event the client emits goes through here: connection-state-change, user-joined...
    const emit = (event: string, ...args: unknown[]) => {
      this.safeEmit(event, ...args);
      this.#emits.notify();
    };
    this.#peerConnection = new FakePeerConnection(emit, options.mediaLatencyMs ?? 0);
    this.#peerConnection.events = checkedFlag(options.peerConnectionEvents ?? true, "peerConnectionEvents");
    this.#connection = new FakeConnection({
      clientId: this._clientId,
      offline: options.offline ?? false,
      assignedUid: options.assignedUid,
      joinLatencyMs: options.joinLatencyMs ?? 0,
      leaveLatencyMs: options.leaveLatencyMs ?? 0,
      joinAbortDelayMs: options.joinAbortDelayMs ?? 0,
      proxy: this.#proxy,
      peerConnection: this.#peerConnection,
      emit,
      onReset: () => this.#media.reset(),
    });
    this.#media = new FakeMedia(this.#connection, emit);
    this.fake = createFakeAgoraController({
      log: this.#log,
      emitter: this,
      emits: this.#emits,
      connection: this.#connection,
      media: this.#media,
      peerConnection: this.#peerConnection,
    });
  }

  // --- state the SDK exposes -------------------------------------------------------------

  get connectionState(): ConnectionState {
    return this.#connection.state;
  }
  get uid(): UID | undefined {
    return this.#connection.uid;
  }
  get channelName(): string | undefined {
    return this.#connection.channelName;
  }
  get localTracks(): ILocalTrack[] {
    return this.#media.localTracks;
  }
  get remoteUsers(): IAgoraRTCRemoteUser[] {
    return this.#media.remoteUsers;
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
    this.#log.sync("startProxyServer", args, () => this.#proxy.start(this.connectionState, mode));
  }

  stopProxyServer(): void {
    this.#log.sync("stopProxyServer", [], () => this.#proxy.stop(this.connectionState));
  }

  setProxyServer(proxyServer: string): void {
    this.#log.sync("setProxyServer", [proxyServer], () =>
      this.#proxy.setProxyServer(this.connectionState, proxyServer),
    );
  }

  setTurnServer(turnServer: Parameters<FakeAgoraClient["setTurnServer"]>[0]): void {
    this.#log.sync("setTurnServer", [turnServer], () => this.#proxy.setTurnServer(this.connectionState, turnServer));
  }

  setLocalAccessPoints(serverList: string[], domain: string): void {
    const args = [serverList, domain];
    this.#log.sync("setLocalAccessPoints", args, () => this.#proxy.setLocalAccessPoints(serverList, domain));
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
    return this.#log.async("join", args, () => this.#connection.join(appid, channel, token, uid, options));
  }

  leave(): Promise<void> {
    return this.#connection.leave((run) => this.#log.async("leave", [], run));
  }

  renewToken(token: string): Promise<void> {
    // Logged like join's token: never the token itself. A throw from the checks becomes a
    // rejection, as from the SDK's `async renewToken`.
    return this.#log.async("renewToken", [token ? "<token>" : token], () => this.#connection.renewToken(token));
  }

  // --- media (enough for agora-rtc-react's hooks) ----------------------------------------

  publish(tracks: ILocalTrack | ILocalTrack[]): Promise<void>;
  publish(config: IDataChannelConfig): Promise<ILocalDataChannel>;
  publish(params: ILocalTrack | ILocalTrack[] | IDataChannelConfig): Promise<ILocalDataChannel | void>;
  publish(params: ILocalTrack | ILocalTrack[] | IDataChannelConfig): Promise<ILocalDataChannel | void> {
    return this.#log.async("publish", [params], async () => this.#media.publish(params));
  }

  unpublish(tracks?: ILocalTrack | ILocalTrack[]): Promise<void>;
  unpublish(dataChannel?: ILocalDataChannel): Promise<void>;
  unpublish(params?: ILocalTrack | ILocalTrack[] | ILocalDataChannel): Promise<void>;
  unpublish(params?: ILocalTrack | ILocalTrack[] | ILocalDataChannel): Promise<void> {
    const args = params === undefined ? [] : [params];
    return this.#log.async("unpublish", args, async () => this.#media.unpublish(params));
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
    return this.#log.async("subscribe", [userId(user), mediaType], async () => this.#media.subscribe(user, mediaType));
  }

  unsubscribe(user: IAgoraRTCRemoteUser | UID, mediaType?: "video" | "audio" | "datachannel"): Promise<void> {
    const args = mediaType === undefined ? [userId(user)] : [userId(user), mediaType];
    return this.#log.async("unsubscribe", args, async () => this.#media.unsubscribe(user, mediaType));
  }

  massUnsubscribe(list: { user: IAgoraRTCRemoteUser; mediaType?: "audio" | "video" }[]): Promise<void> {
    const args = [list.map(({ user, mediaType }) => ({ uid: user.uid, mediaType }))];
    return this.#log.async("massUnsubscribe", args, async () => this.#media.massUnsubscribe(list));
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
    // The SDK counts itself plus the remote peers it has traffic stats for, so 1 when alone or not joined.
    const userCount = 1 + this.remoteUsers.length;
    return this.#log.sync("getRTCStats", [], () =>
      this.#peerConnection.stats(this.#media.startTimes, this.#connection.inChannelMs, userCount),
    );
  }

  getNetworkQuality(): NetworkQuality {
    return this.#log.sync("getNetworkQuality", [], () => ({ uplinkNetworkQuality: 0, downlinkNetworkQuality: 0 }));
  }
}
