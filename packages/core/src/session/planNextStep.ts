import type { ConnectionState } from "agora-rtc-sdk-ng";
import type { CloudProxyMode, ModeChangePolicy } from "../types";

/** What the session wants. `join` is compared by identity: a new join request is a new object. */
export interface DesiredState<Intent> {
  mode: CloudProxyMode | null;
  join: Intent | null;
}

/** What the SDK has: read from the client just before planning, plus the worker's own join call. */
export interface ActualState<Intent> {
  /** "other": a mode the session never asks for (the SDK's undocumented mode 4). */
  mode: CloudProxyMode | null | "other";
  connectionState: ConnectionState;
  /** The join request the SDK's current connection (or attempt) belongs to. */
  attempt: Intent | null;
  /** A `join()` promise of ours has not settled yet. */
  joinInFlight: boolean;
  /** The connection needs a new token (`renewToken`): a newer one was given, or the SDK said it will expire. */
  renewDue?: boolean;
}

/** One legal SDK call. */
export type Step<Intent> =
  | { kind: "startProxy"; mode: CloudProxyMode }
  | { kind: "stopProxy" }
  | { kind: "join"; intent: Intent }
  | { kind: "renewToken" }
  | { kind: "leave" };

/**
 * The whole ordering rulebook: given what is wanted and what the SDK has, the next legal
 * call, or `null` when there is nothing to do until something changes.
 *
 * Start/stop happen only while DISCONNECTED, so the proxy is settled before any join;
 * everything else while joined is undone by a leave first. A new token goes to the SDK only
 * while CONNECTED: before that the SDK throws ("renewToken should not be called before user
 * join"), and while RECONNECTING its request would wait on a socket that is down.
 */
export function planNextStep<Intent>(
  desired: DesiredState<Intent>,
  actual: ActualState<Intent>,
  policy: ModeChangePolicy,
): Step<Intent> | null {
  switch (actual.connectionState) {
    case "DISCONNECTING":
      return null;
    case "CONNECTING":
    case "CONNECTED":
    case "RECONNECTING": {
      const mustLeave =
        desired.join === null ||
        actual.attempt !== desired.join ||
        (policy === "rejoin" && desired.mode !== actual.mode);
      if (mustLeave) return { kind: "leave" };
      return actual.renewDue && actual.connectionState === "CONNECTED" ? { kind: "renewToken" } : null;
    }
    case "DISCONNECTED": {
      // A join that the SDK rejects before leaving DISCONNECTED is still in flight here.
      if (actual.joinInFlight) return null;
      if (desired.mode !== actual.mode) {
        return desired.mode === null ? { kind: "stopProxy" } : { kind: "startProxy", mode: desired.mode };
      }
      return desired.join === null ? null : { kind: "join", intent: desired.join };
    }
  }
}
