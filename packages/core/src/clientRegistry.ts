import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { CloudProxyError } from "./CloudProxyError";
import { describeValue } from "./describeValue";

// One session per client: two workers on one client would race each other into exactly
// the misordering this library exists to prevent.
const claimed = new WeakSet<object>();
const guarded = new WeakSet<object>();

const REQUIRED_METHODS = ["join", "leave", "startProxyServer", "stopProxyServer", "on", "off"] as const;

/** Throws `INVALID_CLIENT` unless `client` looks like an `IAgoraRTCClient`. */
export function assertAgoraClient(client: unknown): asserts client is IAgoraRTCClient {
  const missing =
    typeof client === "object" && client !== null
      ? REQUIRED_METHODS.filter((method) => typeof (client as Record<string, unknown>)[method] !== "function")
      : REQUIRED_METHODS;
  if (missing.length > 0 || typeof (client as { connectionState?: unknown }).connectionState !== "string") {
    throw new CloudProxyError(
      "INVALID_CLIENT",
      `Expected an IAgoraRTCClient from AgoraRTC.createClient() (agora-rtc-sdk-ng 4.18 or later); got ${describeValue(client)}${missing.length > 0 && typeof client === "object" && client !== null ? ` without ${missing.join(", ")}` : ""}.`,
    );
  }
  if (guarded.has(client as object)) {
    throw new CloudProxyError(
      "CLIENT_IN_USE",
      "This is already a session's guarded client (session.client). Pass the client from AgoraRTC.createClient() instead, or use the existing session.",
    );
  }
}

/** Marks `client` as owned by a live session; throws `CLIENT_IN_USE` if it already is. */
export function claimClient(client: IAgoraRTCClient): void {
  if (claimed.has(client)) {
    throw new CloudProxyError(
      "CLIENT_IN_USE",
      "Another cloud proxy session already owns this client. Use that session's client, or dispose() it before creating a new one.",
    );
  }
  claimed.add(client);
}

/** Frees `client` for a new session once a session is disposed. */
export function releaseClient(client: IAgoraRTCClient): void {
  claimed.delete(client);
}

/** Remembers a guarded client so that it is never wrapped a second time. */
export function registerGuardedClient(client: object): void {
  guarded.add(client);
}
