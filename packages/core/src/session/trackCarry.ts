import type { ILocalTrack } from "agora-rtc-sdk-ng";
import { sdkErrorCode } from "../CloudProxyError";
import type { SdkConnection } from "./sdkConnection";
import { Settleable, rejectAll, resolveAll } from "./settleable";

/** What `client.publish` / `client.unpublish` were given, as tracks; `null` for anything else (a data channel). */
export function asTracks(value: unknown): ILocalTrack[] | null {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  const tracks = list.every((item) => typeof (item as { getTrackId?: unknown } | null)?.getTrackId === "function");
  return tracks && list.length > 0 ? (list as ILocalTrack[]) : null;
}

/**
 * The app's local tracks while the session takes the same call from one connection to the
 * next on its own (an auto-mode escalation, a mode change's rejoin, a reconnect, a rejoin after
 * the token expired): the SDK forgets them when it leaves or drops, and apps don't publish
 * again (agora-rtc-react's `usePublish` still counts them as published), so they are carried
 * to the new connection and published there. Meanwhile the app's own `publish` / `unpublish`
 * on the guarded client change what is carried instead of reaching an SDK out of the channel
 * (no ordering error, an unpublish is never undone), and the guarded client's `localTracks`
 * still lists them (so a hang-up closes them).
 */
export class TrackCarry {
  #tracks: ILocalTrack[] | null = null;
  #waiters: Settleable<void>[] = [];
  /** The join request the tracks belong to: another call does not take them. */
  request: object | null = null;

  /** A switch is under way. */
  get active(): boolean {
    return this.#tracks !== null;
  }

  /** A switch of `request`'s call begins with what the SDK had published (read before it left or dropped). */
  begin(request: object, published: readonly ILocalTrack[]): void {
    if (this.#tracks !== null && this.request === request) return; // already carrying this call's tracks
    this.request = request;
    this.#tracks = [...published];
  }

  /** What the app has published: the SDK's tracks, plus those carried to the next connection. */
  localTracks(sdk: readonly ILocalTrack[]): ILocalTrack[] {
    const carried = this.#tracks;
    return carried ? [...sdk, ...carried.filter((track) => !sdk.includes(track))] : [...sdk];
  }

  /** The app's publish during a switch: carried; resolves once published on the new route. `null`: no switch. */
  publish(tracks: ILocalTrack[]): Promise<void> | null {
    if (!this.#tracks) return null;
    for (const track of tracks) if (!this.#tracks.includes(track)) this.#tracks.push(track);
    const waiter = new Settleable<void>();
    this.#waiters.push(waiter);
    return waiter.promise;
  }

  /** The app's unpublish during a switch (`undefined`: all): no longer carried. `null`: no switch. */
  unpublish(tracks: ILocalTrack[] | undefined): Promise<void> | null {
    if (!this.#tracks) return null;
    this.#tracks = tracks ? this.#tracks.filter((track) => !tracks.includes(track)) : [];
    return Promise.resolve();
  }

  /**
   * CONNECTED on the new route: the carried tracks the app has not published again itself go
   * out. Returns whether any did (media is expected on the new connection then).
   */
  land(connection: SdkConnection): boolean {
    const tracks = this.#tracks;
    const waiters = this.#waiters;
    this.#tracks = this.request = null;
    this.#waiters = [];
    if (!tracks) return false;
    const client = connection.client;
    // agora-rtc-react's usePublish publishes again on CONNECTED: those are left alone.
    const missing = tracks.filter((track) => !(client.localTracks ?? []).includes(track));
    if (missing.length === 0) {
      resolveAll(waiters, undefined);
      return tracks.length > 0;
    }
    connection.history.add("call", "publish", String(missing.length));
    client.publish(missing).then(
      () => {
        connection.history.add("result", "publish", "ok");
        resolveAll(waiters, undefined);
      },
      (cause: unknown) => {
        connection.history.add("result", "publish", sdkErrorCode(cause) ?? "error");
        rejectAll(waiters, cause);
      },
    );
    return true;
  }

  /** The switch ended without a new connection (a leave, dispose, no route left): publishes waiting reject. */
  drop(error: () => Error): void {
    const waiters = this.#waiters;
    this.#tracks = this.request = null;
    this.#waiters = [];
    if (waiters.length > 0) rejectAll(waiters, error());
  }
}
