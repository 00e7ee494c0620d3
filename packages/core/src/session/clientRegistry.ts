import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { CloudProxyError } from "../CloudProxyError";
import { describeShape } from "../describeValue";
import type { CloudProxySession } from "../cloudProxySession";

/** A client's one session, and whether it is on its way out (dispose() asked, not finished). */
export interface ClientClaim {
  readonly session: CloudProxySession;
  disposing: boolean;
  /** The app published or subscribed through a guarded client: the session's media check starts. */
  mediaExpected?: () => void;
  /**
   * The app's `publish` / `unpublish` through a guarded client: handled by the session while
   * it switches routes (a promise), or `null` to go to the SDK as it is.
   */
  mediaCall?: (kind: "publish" | "unpublish", tracks: unknown) => Promise<void> | null;
  /** The guarded client's `localTracks`: the SDK's, plus those the session carries to its next connection. */
  localTracks?: () => unknown[];
}

// One session per client: two workers on one client would race each other into exactly the
// misordering this library exists to prevent. Weak: the app owns the client, we only borrow it.
const claims = new WeakMap<object, ClientClaim>();
const guarded = new WeakSet<object>();

const REQUIRED_METHODS = ["join", "leave", "startProxyServer", "stopProxyServer", "on", "off"] as const;

/** Throws `INVALID_CLIENT` unless `client` looks like an `IAgoraRTCClient` (and is not a guarded one). */
export function assertAgoraClient(client: unknown): asserts client is IAgoraRTCClient {
  const object = typeof client === "object" && client !== null ? (client as Record<string, unknown>) : null;
  const missing = REQUIRED_METHODS.filter((method) => typeof object?.[method] !== "function");
  if (missing.length > 0 || typeof object?.connectionState !== "string") {
    throw new CloudProxyError(
      "INVALID_CLIENT",
      `Expected an IAgoraRTCClient from AgoraRTC.createClient() (agora-rtc-sdk-ng 4.18 or later); got ${describeShape(client)}${object && missing.length > 0 ? ` without ${missing.join(", ")}` : ""}.`,
    );
  }
  if (guarded.has(object)) {
    throw new CloudProxyError(
      "CLIENT_IN_USE",
      "This is already a session's guarded client (session.client). Pass the client from AgoraRTC.createClient() instead, or use the existing session.",
    );
  }
}

/** The session that owns `client`, if any. */
export function claimOf(client: object): ClientClaim | undefined {
  return claims.get(client);
}

/** Marks `client` as owned by `session`; throws `CLIENT_IN_USE` if another session owns it. */
export function claimClient(client: IAgoraRTCClient, session: CloudProxySession): ClientClaim {
  if (claims.has(client)) {
    throw new CloudProxyError(
      "CLIENT_IN_USE",
      "Another cloud proxy session already owns this client. Use that session's client, or dispose() it before creating a new one.",
    );
  }
  const claim: ClientClaim = { session, disposing: false };
  claims.set(client, claim);
  return claim;
}

/** Frees `client` for a new session once `claim`'s session finished disposing. */
export function releaseClient(client: IAgoraRTCClient, claim: ClientClaim): void {
  if (claims.get(client) === claim) claims.delete(client);
}

/** Remembers a guarded client so that it is never wrapped a second time. */
export function markGuarded(client: object): void {
  guarded.add(client);
}
