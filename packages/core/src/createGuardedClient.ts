import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import { CloudProxyError, isCloudProxyError } from "./CloudProxyError";
import type { CloudProxyModeInput } from "./cloudProxyMode";
import { parseCloudProxyMode } from "./cloudProxyMode";
import type { CloudProxyJoinOptions } from "./joinOptions";
import { registerGuardedClient } from "./clientRegistry";

/** The session calls the guarded client routes its four ordering methods to. */
export interface GuardedClientRoutes {
  join(options: CloudProxyJoinOptions): Promise<UID>;
  leave(): Promise<void>;
  setProxy(mode: CloudProxyModeInput): Promise<void>;
  isDisposed(): boolean;
}

/**
 * Wraps `client` in a Proxy with the same prototype, members and events, whose `join`,
 * `leave`, `startProxyServer` and `stopProxyServer` go to the session's worker. Third-party
 * code (agora-rtc-react's `useJoin`, an app's effect cleanup) can then call them in any
 * order. Every other member reads through to the real client with `this` bound to it.
 */
export function createGuardedClient(client: IAgoraRTCClient, routes: GuardedClientRoutes): IAgoraRTCClient {
  const overrides: Record<string, unknown> = {
    join: (appid: string, channel: string, token: string | null, uid?: UID | null) =>
      routes.join({ appid, channel, token, uid: uid ?? null }),
    // The SDK's own leave() never rejects, and third-party callers (agora-rtc-react's task
    // runner) log what it does: a leave overtaken by a later join is simply done.
    leave: () => {
      const left = routes.leave().catch((error: unknown) => {
        if (!isCloudProxyError(error, "CANCELLED")) throw error;
      });
      left.catch(() => {});
      return left;
    },
    startProxyServer: (mode?: number) => {
      // The SDK's own signature takes numbers only: 3 (the default) or 5.
      const parsed = parseCloudProxyMode(
        mode === undefined || typeof mode === "number" ? (mode ?? 3) : `${String(mode)}?`,
      );
      if (routes.isDisposed()) {
        throw new CloudProxyError(
          "DISPOSED",
          "startProxyServer() was called on the client of a disposed cloud proxy session; nothing was sent to the SDK. Mount a new <CloudProxyProvider> (or create a new session) for a new call.",
        );
      }
      void routes.setProxy(parsed ?? "off");
    },
    stopProxyServer: () => {
      void routes.setProxy("off");
    },
  };
  // Bound methods are cached so that `client.on === client.on` holds, as on the real client.
  const bound = new Map<PropertyKey, { original: unknown; bound: unknown }>();
  const guardedClient = new Proxy(client, {
    get(target, property) {
      if (typeof property === "string" && Object.hasOwn(overrides, property)) return overrides[property];
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const cached = bound.get(property);
      if (cached?.original === value) return cached.bound;
      const bindToClient = (value as (...args: unknown[]) => unknown).bind(target);
      bound.set(property, { original: value, bound: bindToClient });
      return bindToClient;
    },
    set(target, property, value) {
      return Reflect.set(target, property, value, target);
    },
  });
  registerGuardedClient(guardedClient);
  return guardedClient;
}
