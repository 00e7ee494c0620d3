import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import { isCloudProxyError } from "../CloudProxyError";
import { parseCloudProxyMode } from "../cloudProxyMode";
import type { CloudProxyJoinOptions, CloudProxyModeInput } from "../types";
import { markGuarded } from "./clientRegistry";
import { disposedError } from "./sessionErrors";
import { noop } from "./settleable";

/** Where a guarded client sends its ordering calls: a session, or an owner (which waits for its session). */
export interface GuardedClientTarget {
  join(options: CloudProxyJoinOptions): Promise<UID>;
  leave(): Promise<void>;
  setProxy(mode: CloudProxyModeInput): Promise<void>;
  /** After dispose, `startProxyServer` throws `DISPOSED`, as the session's `setProxy` rejects. */
  isDisposed(): boolean;
  /** `client.off`, except for the session's own listeners. */
  off(this: void, event: string, listener: () => void): void;
  /** `client.removeAllListeners`, except for the session's own listeners. */
  removeAllListeners(this: void, event?: string): void;
  /** `client.renewToken`: the call's token, handed to the SDK only while CONNECTED. */
  renewToken(this: void, token: string): Promise<void>;
  /** The app published or subscribed: the media check starts. */
  mediaExpected(this: void): void;
  /** `publish` / `unpublish` while the session switches routes (a promise), or `null` for the SDK. */
  mediaCall(this: void, kind: "publish" | "unpublish", tracks: unknown): Promise<void> | null;
  /** `localTracks`, with the tracks the session carries across its own rejoins; `undefined`: the SDK's. */
  localTracks(this: void): unknown[] | undefined;
}

/**
 * Wraps `client` in a Proxy with the same prototype, members and events, whose `join`,
 * `leave`, `startProxyServer`, `stopProxyServer` and `renewToken` become requests to `target`, so
 * third-party code (agora-rtc-react's `useJoin`, an app's effect cleanup) can call them in
 * any order. `off` and `removeAllListeners` remove the app's listeners only: apps clear
 * listeners when they hang up, and the session must keep hearing the SDK. Every other member
 * reads through to the real client with `this` bound to it.
 */
export function createGuardedClient(client: IAgoraRTCClient, target: GuardedClientTarget): IAgoraRTCClient {
  const overrides: Record<string, unknown> = {
    join: (appid: string, channel: string, token: string | null, uid?: UID | null) =>
      target.join({ appid, channel, token, uid: uid ?? null }),
    // The SDK's own leave() never rejects, and third-party callers (agora-rtc-react's task
    // runner) log what it does: a leave overtaken by a later join is simply done.
    leave: () => {
      const left = target.leave().catch((error: unknown) => {
        if (!isCloudProxyError(error, "CANCELLED")) throw error;
      });
      left.catch(noop);
      return left;
    },
    startProxyServer: (mode?: number) => {
      // The SDK's own signature takes numbers only: 3 (the default) or 5.
      const parsed = parseCloudProxyMode(
        typeof mode === "number" || mode === undefined ? (mode ?? 3) : `${String(mode)}?`,
      );
      if (target.isDisposed()) throw disposedError("startProxyServer() on its client");
      void target.setProxy(parsed ?? "off");
    },
    stopProxyServer: () => void target.setProxy("off"),
    off: target.off,
    removeAllListeners: target.removeAllListeners,
    renewToken: target.renewToken,
    // The media check starts with the app's first publish or subscribe (SDKs before 4.23 say nothing else).
    publish: (...args: unknown[]) =>
      target.mediaCall("publish", args[0]) ??
      afterCall(client.publish(...(args as Parameters<IAgoraRTCClient["publish"]>))),
    unpublish: (...args: unknown[]) =>
      target.mediaCall("unpublish", args[0]) ?? client.unpublish(...(args as Parameters<IAgoraRTCClient["unpublish"]>)),
    subscribe: (...args: unknown[]) =>
      afterCall(client.subscribe(...(args as Parameters<IAgoraRTCClient["subscribe"]>))),
  };
  function afterCall<T>(result: Promise<T>): Promise<T> {
    return result.then((value) => {
      target.mediaExpected();
      return value;
    });
  }
  // Bound methods are cached so that `client.on === client.on` holds, as on the real client.
  const bound = new Map<PropertyKey, { original: unknown; bound: unknown }>();
  const guarded = new Proxy(client, {
    get(raw, property) {
      if (typeof property === "string" && Object.hasOwn(overrides, property)) return overrides[property];
      if (property === "localTracks") return target.localTracks() ?? raw.localTracks;
      const value: unknown = Reflect.get(raw, property, raw);
      if (typeof value !== "function") return value;
      const cached = bound.get(property);
      if (cached?.original === value) return cached.bound;
      const bindToClient = (value as (...args: unknown[]) => unknown).bind(raw);
      bound.set(property, { original: value, bound: bindToClient });
      return bindToClient;
    },
    set: (raw, property, value) => Reflect.set(raw, property, value, raw),
  });
  markGuarded(guarded);
  return guarded;
}
