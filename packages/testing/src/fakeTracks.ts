import type { ILocalTrack, IRemoteTrack, UID } from "agora-rtc-sdk-ng";

/**
 * The members a fake track really has. Fake tracks carry no media: they exist so
 * `publish`, `localTracks`, `subscribe` and code that iterates tracks (agora-rtc-react's
 * `useJoin` cleanup stops and closes every local track) have something to hold.
 *
 * @example
 * const track = createFakeLocalTrack("audio");
 * track.play();
 * track.isPlaying; // true
 */
export interface FakeTrackState {
  readonly trackMediaType: "audio" | "video";
  readonly enabled: boolean;
  readonly muted: boolean;
  readonly isPlaying: boolean;
  /** Whether `close()` was called. */
  readonly closed: boolean;
  getTrackId(): string;
  play(): void;
  stop(): void;
  close(): void;
  setEnabled(enabled: boolean): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
}

let trackCount = 0;

/**
 * Creates a media-free local track to `publish` on a fake client. It is typed as the SDK's
 * `ILocalTrack` for convenience; only the members of {@link FakeTrackState} exist.
 *
 * @example
 * const client = createFakeAgoraClient();
 * await client.join("appid", "room", null, 1);
 * await client.publish(createFakeLocalTrack("video"));
 * client.localTracks.length; // 1
 */
export function createFakeLocalTrack(kind: "audio" | "video"): ILocalTrack & FakeTrackState {
  trackCount += 1;
  return createTrack(kind, `track-fake-${kind}-${trackCount}`) as unknown as ILocalTrack & FakeTrackState;
}

/**
 * Creates the media-free remote track a fake `subscribe()` resolves with.
 *
 * @example
 * const track = createFakeRemoteTrack("audio", 42);
 * track.getUserId(); // 42
 */
export function createFakeRemoteTrack(kind: "audio" | "video", uid: UID): IRemoteTrack & FakeTrackState {
  trackCount += 1;
  const track = createTrack(kind, `track-fake-remote-${kind}-${trackCount}`);
  return Object.assign(track, { getUserId: () => uid }) as unknown as IRemoteTrack & FakeTrackState;
}

function createTrack(kind: "audio" | "video", trackId: string): FakeTrackState {
  const state = { enabled: true, muted: false, isPlaying: false, closed: false };
  return {
    trackMediaType: kind,
    get enabled() {
      return state.enabled;
    },
    get muted() {
      return state.muted;
    },
    get isPlaying() {
      return state.isPlaying;
    },
    get closed() {
      return state.closed;
    },
    getTrackId: () => trackId,
    play: () => {
      state.isPlaying = true;
    },
    stop: () => {
      state.isPlaying = false;
    },
    close: () => {
      state.isPlaying = false;
      state.closed = true;
    },
    setEnabled: async (enabled: boolean) => {
      state.enabled = enabled;
    },
    setMuted: async (muted: boolean) => {
      state.muted = muted;
    },
  };
}
