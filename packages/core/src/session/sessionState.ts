import type { CloudProxyError } from "../CloudProxyError";
import type { CloudProxyState } from "../cloudProxyState";
import type { ModeChangePolicy } from "../types";
import type { AutoRoute } from "./autoRoute";
import type { SdkConnection } from "./sdkConnection";
import type { SessionRequests } from "./sessionRequests";

/** What a session is made of, as far as its published state goes. */
export interface SessionParts {
  readonly connection: SdkConnection;
  readonly requests: SessionRequests;
  readonly route: AutoRoute;
  readonly policy: ModeChangePolicy;
  readonly error: CloudProxyError | null;
  readonly finished: boolean;
}

/**
 * The one place the published state is built: the SDK's side read from the client, the
 * wanted side from the requests.
 */
export function stateOf({ connection, requests, route, policy, error, finished }: SessionParts): CloudProxyState {
  const actual = connection.mode;
  const mode = actual === "other" ? null : actual;
  const desiredMode = requests.mode;
  const connectionState = connection.state;
  // Under "defer" a new mode waits for the next leave: the proxy in force is still what runs.
  const deferred = policy === "defer" && !requests.auto && requests.join !== null && connectionState !== "DISCONNECTED";
  return {
    proxy:
      actual === desiredMode || deferred
        ? mode === null
          ? "off"
          : "on"
        : desiredMode === null
          ? "stopping"
          : "starting",
    mode,
    desiredMode,
    connectionState,
    usingCloudProxy: connectionState === "DISCONNECTED" ? null : connection.usingCloudProxy,
    joinRequested: requests.join !== null,
    uid: connection.uid,
    error,
    route: route.route,
    attempts: route.attempts,
    disposed: finished,
  };
}

/** Field by field, so a publish with nothing new notifies no one. */
export function sameState(a: CloudProxyState, b: CloudProxyState): boolean {
  for (const key in a) {
    if (!Object.is(a[key as keyof CloudProxyState], b[key as keyof CloudProxyState])) return false;
  }
  return true;
}
