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
 * The app's local tracks across an auto-mode media switch (leave, next route, join): the SDK
 * forgets them when it leaves, so they are carried to the new connection and published there.
 * While a switch runs, the app's own `publish` / `unpublish` on the guarded client change what
 * is carried instead of reaching an SDK that is not in the channel: no ordering error, and an
 * unpublish is never undone.
 */
export class TrackCarry {
  #tracks: ILocalTrack[] | null = null;
  #waiters: Settleable<void>[] = [];

  /** A switch is under way. */
  get active(): boolean {
    return this.#tracks !== null;
  }

  /** A switch begins with what the SDK has published (read from the client before it leaves). */
  begin(published: readonly ILocalTrack[]): void {
    this.#tracks = [...published];
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
    this.#tracks = null;
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
    this.#tracks = null;
    this.#waiters = [];
    if (waiters.length > 0) rejectAll(waiters, error());
  }
}
