import type {
  ConnectionState,
  IAgoraRTCRemoteUser,
  IDataChannelConfig,
  ILocalDataChannel,
  ILocalTrack,
  IRemoteAudioTrack,
  IRemoteTrack,
  IRemoteVideoTrack,
  UID,
} from "agora-rtc-sdk-ng";
import { createAgoraRTCError } from "./agoraRTCError";
import type { FakeRemoteUserMedia } from "./fakeAgoraController";
import type { MediaStartTimes } from "./fakePeerConnection";
import { createFakeRemoteTrack } from "./fakeTracks";
import { checkArray } from "./sdkParameterChecks";

/** A remote user as the fake keeps it: the SDK's shape, with writable media flags. */
interface FakeRemoteUser {
  readonly uid: UID;
  hasAudio: boolean;
  hasVideo: boolean;
  audioTrack?: IRemoteAudioTrack;
  videoTrack?: IRemoteVideoTrack;
  /** `Date.now()` when each medium was subscribed (for the byte counts of `getRTCStats()`). */
  audioSince?: number;
  videoSince?: number;
}

/**
 * What {@link FakeMedia} reads from the connection: media methods need a joined, live session.
 *
 * @example
 * const session: MediaSession = { state: "CONNECTED", uid: 1 };
 */
export interface MediaSession {
  readonly state: ConnectionState;
  readonly uid: UID | undefined;
}

/**
 * The media side of one fake client, enough for agora-rtc-react's hooks: published local
 * tracks, remote users (added by the test through `client.fake.addRemoteUser`) and their
 * subscribed tracks. Each method runs the SDK's checks in the SDK's order and throws its
 * errors; fake tracks carry no media. The connection resets it when the session ends.
 *
 * @example
 * const media = new FakeMedia(connection, (event, ...args) => client.safeEmit(event, ...args));
 * media.publish([createFakeLocalTrack("audio")]); // throws INVALID_OPERATION unless joined
 */
export class FakeMedia {
  #localTracks: ILocalTrack[] = [];
  /** `Date.now()` when each published track was published (for the byte counts of `getRTCStats()`). */
  readonly #publishedAt = new Map<ILocalTrack, number>();
  #remoteUsers: FakeRemoteUser[] = [];
  readonly #session: MediaSession;
  readonly #emit: (event: string, ...args: unknown[]) => void;

  constructor(session: MediaSession, emit: (event: string, ...args: unknown[]) => void) {
    this.#session = session;
    this.#emit = emit;
  }

  /** A copy of the published tracks, like the SDK's getter. */
  get localTracks(): ILocalTrack[] {
    return [...this.#localTracks];
  }

  /** The remote users in the channel (the array itself, replaced when one leaves). */
  get remoteUsers(): IAgoraRTCRemoteUser[] {
    return this.#remoteUsers;
  }

  /** `client.publish(tracks)`; data channels are not supported. */
  publish(params: ILocalTrack | ILocalTrack[] | IDataChannelConfig): void {
    const tracks = Array.isArray(params) ? params : isTrack(params) ? [params] : undefined;
    if (!tracks) throw createAgoraRTCError("NOT_SUPPORTED", "the fake client does not support data channels");
    if (tracks.length === 0) throw createAgoraRTCError("INVALID_PARAMS", "param list is empty");
    this.#assertJoined("Can't publish stream, haven't joined yet!", "can not publish stream in");
    for (const track of tracks) {
      if (this.#localTracks.includes(track)) continue;
      this.#localTracks.push(track);
      this.#publishedAt.set(track, Date.now());
    }
  }

  /** `client.unpublish(tracks?)`: all published tracks when none are given (a data channel matches none). */
  unpublish(params: ILocalTrack | ILocalTrack[] | ILocalDataChannel | undefined): void {
    this.#assertJoined("Can't unpublish stream, haven't joined yet!");
    const tracks = params === undefined ? [...this.#localTracks] : Array.isArray(params) ? params : [params];
    this.#localTracks = this.#localTracks.filter((track) => !tracks.includes(track));
    for (const track of tracks) this.#publishedAt.delete(track as ILocalTrack);
  }

  /** `client.subscribe(user, mediaType)`: resolves with a media-free remote track. */
  subscribe(user: IAgoraRTCRemoteUser | UID, mediaType: "video" | "audio" | "datachannel"): IRemoteTrack {
    const remote = this.#findRemoteUser(user);
    if (mediaType !== "audio" && mediaType !== "video") {
      throw createAgoraRTCError("NOT_SUPPORTED", "the fake client does not support data channels");
    }
    this.#assertJoined("Can't subscribe stream, not joined", "Can't subscribe stream in");
    if (!remote.hasAudio && !remote.hasVideo) throw createAgoraRTCError("INVALID_REMOTE_USER", "user is not published");
    const track = createFakeRemoteTrack(mediaType, remote.uid);
    // Subscribing again replaces the track; the medium keeps counting from the first subscribe.
    if (mediaType === "audio") {
      remote.audioTrack = track as unknown as IRemoteAudioTrack;
      remote.audioSince ??= Date.now();
    } else {
      remote.videoTrack = track as unknown as IRemoteVideoTrack;
      remote.videoSince ??= Date.now();
    }
    return track;
  }

  /** `client.unsubscribe(user, mediaType?)`: both media when none is given. */
  unsubscribe(user: IAgoraRTCRemoteUser | UID, mediaType: "video" | "audio" | "datachannel" | undefined): void {
    const remote = this.#findRemoteUser(user);
    this.#assertJoined("Can't unsubscribe stream, haven't joined yet!");
    dropTracks(remote, mediaType);
  }

  /** `client.massUnsubscribe(list)`. */
  massUnsubscribe(list: { user: IAgoraRTCRemoteUser; mediaType?: "audio" | "video" }[]): void {
    checkArray(list, "unsubscribeList");
    this.#assertJoined("Can't unsubscribeAll stream, haven't joined yet!");
    for (const { user, mediaType } of list) dropTracks(this.#findRemoteUser(user), mediaType);
  }

  /** Whether `uid` is in the channel. */
  hasRemoteUser(uid: UID): boolean {
    return this.#remoteUsers.some((user) => user.uid === uid);
  }

  /** A remote user joins: `user-joined`, then `user-published` per medium. The caller checks it is new. */
  addRemoteUser(uid: UID, media: FakeRemoteUserMedia): IAgoraRTCRemoteUser {
    const user: FakeRemoteUser = { uid, hasAudio: false, hasVideo: false };
    this.#remoteUsers.push(user);
    this.#emit("user-joined", user);
    for (const mediaType of ["audio", "video"] as const) {
      if (!media[mediaType]) continue;
      if (mediaType === "audio") user.hasAudio = true;
      else user.hasVideo = true;
      this.#emit("user-published", user, mediaType);
    }
    return user;
  }

  /** A remote user leaves: `user-left` with reason `"Quit"`. The caller checks it is there. */
  removeRemoteUser(uid: UID): void {
    const user = this.#remoteUsers.find((candidate) => candidate.uid === uid);
    if (!user) return;
    this.#remoteUsers = this.#remoteUsers.filter((candidate) => candidate !== user);
    this.#emit("user-left", user, "Quit");
  }

  /** When each published track and each subscribed remote medium started, for `getRTCStats()`. */
  get startTimes(): MediaStartTimes {
    const receiving: number[] = [];
    for (const user of this.#remoteUsers) {
      if (user.audioSince !== undefined) receiving.push(user.audioSince);
      if (user.videoSince !== undefined) receiving.push(user.videoSince);
    }
    return { sending: [...this.#publishedAt.values()], receiving };
  }

  /** What the SDK's `_reset()` clears on DISCONNECTED: published tracks and remote users. */
  reset(): void {
    this.#localTracks = [];
    this.#publishedAt.clear();
    this.#remoteUsers = [];
  }

  /**
   * The SDK's "not joined" guard at the top of its media methods: INVALID_OPERATION without a
   * uid, and, when `inStatePrefix` is given (publish, subscribe), unless CONNECTED or RECONNECTING.
   */
  #assertJoined(notJoined: string, inStatePrefix?: string): void {
    const { uid, state } = this.#session;
    if (uid === undefined) throw createAgoraRTCError("INVALID_OPERATION", notJoined);
    if (inStatePrefix !== undefined && state !== "CONNECTED" && state !== "RECONNECTING") {
      throw createAgoraRTCError("INVALID_OPERATION", `${inStatePrefix} ${state} state`);
    }
  }

  #findRemoteUser(user: IAgoraRTCRemoteUser | UID): FakeRemoteUser {
    const uid = userId(user);
    const remote = this.#remoteUsers.find((candidate) => candidate.uid === uid);
    if (!remote) throw createAgoraRTCError("INVALID_REMOTE_USER", "user is not in the channel");
    return remote;
  }
}

/**
 * The uid of a remote user given as the SDK accepts it: the user object or its uid.
 *
 * @example
 * userId(client.remoteUsers[0]); // 7
 * userId(7); // 7
 */
export function userId(user: IAgoraRTCRemoteUser | UID): UID {
  return typeof user === "object" ? user.uid : user;
}

function dropTracks(remote: FakeRemoteUser, mediaType: string | undefined): void {
  if (mediaType !== "video") {
    delete remote.audioTrack;
    delete remote.audioSince;
  }
  if (mediaType !== "audio") {
    delete remote.videoTrack;
    delete remote.videoSince;
  }
}

function isTrack(value: unknown): value is ILocalTrack {
  return (
    typeof value === "object" && value !== null && typeof (value as { getTrackId?: unknown }).getTrackId === "function"
  );
}
