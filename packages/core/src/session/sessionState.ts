import type { CloudProxyError } from "../CloudProxyError";
import type { CloudProxyState } from "../cloudProxyState";
import type { ModeChangePolicy } from "../types";
import type { AutoRoute } from "./autoRoute";
import type { SdkConnection } from "./sdkConnection";
import type { SessionRequests } from "./sessionRequests";
import type { MediaWatch } from "./mediaWatch";
import type { ReconnectPolicy } from "./reconnectPolicy";
import type { StallWatch } from "./stallWatch";

/** What a session is made of, as far as its published state goes. */
export interface SessionParts {
  readonly connection: SdkConnection;
  readonly requests: SessionRequests;
  readonly route: AutoRoute;
  readonly stall: StallWatch;
  readonly media: MediaWatch;
  readonly reconnect: ReconnectPolicy;
  readonly policy: ModeChangePolicy;
  readonly error: CloudProxyError | null;
  readonly finished: boolean;
}

/**
 * The one place the published state is built: the SDK's side read from the client, the
 * wanted side from the requests. `previous` is returned as it is when nothing changed, so a
 * publish with nothing new allocates nothing and notifies no one.
 */
export function stateOf(
  { connection, requests, route, stall, media, reconnect, policy, error, finished }: SessionParts,
  previous?: CloudProxyState,
): CloudProxyState {
  const actual = connection.mode;
  const mode = actual === "other" ? null : actual;
  const desiredMode = requests.mode;
  const connectionState = connection.state;
  // Under "defer" a new mode waits for the next leave: the proxy in force is still what runs.
  const deferred = policy === "defer" && !requests.auto && requests.join !== null && connectionState !== "DISCONNECTED";
  const proxy =
    actual === desiredMode || deferred
      ? mode === null
        ? "off"
        : "on"
      : desiredMode === null
        ? "stopping"
        : "starting";
  const usingCloudProxy = connectionState === "DISCONNECTED" ? null : connection.usingCloudProxy;
  const joinRequested = requests.join !== null;
  const uid = connection.uid;
  // The uid can read a few microtasks before the join of ours settles: media stays null until
  // the check starts with it, so `attempts` shows the route connected first.
  const mediaStatus = uid === null ? null : media.status;
  if (
    previous &&
    previous.proxy === proxy &&
    previous.mode === mode &&
    previous.desiredMode === desiredMode &&
    previous.connectionState === connectionState &&
    previous.usingCloudProxy === usingCloudProxy &&
    previous.joinRequested === joinRequested &&
    previous.uid === uid &&
    previous.error === error &&
    previous.route === route.route &&
    previous.attempts === route.attempts &&
    previous.stalledMs === stall.stalledMs &&
    previous.media === mediaStatus &&
    previous.reconnect === reconnect.status &&
    previous.disposed === finished
  ) {
    return previous;
  }
  return {
    proxy,
    mode,
    desiredMode,
    connectionState,
    usingCloudProxy,
    joinRequested,
    uid,
    error,
    route: route.route,
    attempts: route.attempts,
    stalledMs: stall.stalledMs,
    media: mediaStatus,
    reconnect: reconnect.status,
    disposed: finished,
  };
}
