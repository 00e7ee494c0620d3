/**
 * One shape for the two clients the React suite drives: the real agora-rtc-sdk-ng client
 * (jsdom, offline: joins stay CONNECTING) and the fake from @agora-cloud-proxy/testing (which
 * reaches CONNECTED). Import "../support/realSdk" first in files that use `realSdk()`.
 */
import {
  asAgoraRTCClient,
  createFakeAgoraClient,
  type FakeAgoraClient,
  type FakeAgoraClientOptions,
} from "@agora-cloud-proxy/testing";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { expect } from "vitest";
import {
  createRealClient,
  listenerCount,
  realProxyMode,
  recordSdkCalls,
  sdkSettled,
  until,
} from "../../support/realSdk";

export interface SdkUnderTest {
  /** The raw client, as the app creates it. */
  readonly client: IAgoraRTCClient;
  /** The ordering calls the SDK saw: "startProxyServer(3):ok", "join:OPERATION_ABORTED", "join:pending", "leave:ok"... */
  log(): string[];
  /** Every call the SDK rejected with INVALID_OPERATION (must stay empty). */
  orderingErrors(): string[];
  /** The SDK's own record of the proxy: "disabled", "proxy3" or "proxy5". */
  proxyMode(): string;
  /** Listeners for the events a session subscribes to. */
  sessionListeners(): number;
  /** Resolves once every recorded call settled (a cancelled real join rejects ~1 s after leave). */
  settled(): Promise<void>;
}

/** The SDK events a session listens to. */
const SESSION_EVENTS = [
  "connection-state-change",
  "is-using-cloud-proxy",
  "peerconnection-state-change",
  "token-privilege-will-expire",
] as const;

const ORDERING = new Set(["startProxyServer", "stopProxyServer", "join", "leave", "setProxyServer"]);

/** A real agora-rtc-sdk-ng client with its ordering calls recorded. */
export async function realSdk(): Promise<SdkUnderTest> {
  const client = await createRealClient();
  const calls = recordSdkCalls(client);
  return {
    client,
    log: () =>
      calls.map(
        (call) =>
          `${call.method}${call.method === "startProxyServer" ? `(${String(call.args[0])})` : ""}:${call.outcome}`,
      ),
    orderingErrors: () => calls.filter((call) => call.outcome === "INVALID_OPERATION").map((call) => call.method),
    proxyMode: () => realProxyMode(client),
    sessionListeners: () => SESSION_EVENTS.reduce((sum, event) => sum + listenerCount(client, event), 0),
    settled: () => sdkSettled(calls),
  };
}

/** A fake client (reaches CONNECTED) with the same view of its call log. */
export function fakeSdk(options: FakeAgoraClientOptions = {}): SdkUnderTest & { readonly fake: FakeAgoraClient } {
  const fake = createFakeAgoraClient({ joinLatencyMs: 5, leaveLatencyMs: 2, ...options });
  const calls = () => fake.fake.calls;
  return {
    fake,
    client: asAgoraRTCClient(fake),
    log: () =>
      calls()
        .filter((call) => ORDERING.has(call.method))
        .map((call) => {
          const outcome = call.outcome === "error" ? (call.code ?? "error") : call.outcome;
          return `${call.method}${call.method === "startProxyServer" ? `(${String(call.args[0])})` : ""}:${outcome}`;
        }),
    orderingErrors: () =>
      calls()
        .filter((call) => call.code === "INVALID_OPERATION")
        .map((call) => call.method),
    proxyMode: () => fake._cloudProxyServerMode,
    sessionListeners: () => SESSION_EVENTS.reduce((sum, event) => sum + fake.fake.listenerCount(event), 0),
    settled: () => until(() => calls().every((call) => call.outcome !== "pending")),
  };
}

/** After an unmount: waits until the session removed its listeners and every SDK call settled. */
export async function sessionGone(sdk: SdkUnderTest): Promise<void> {
  await until(() => sdk.sessionListeners() === 0);
  await sdk.settled();
}

/**
 * Once a session is gone the SDK must be as if it never had one: out of the call, proxy off,
 * and not one call it rejected as misordered along the way.
 */
export function expectSdkReleased(sdk: SdkUnderTest): void {
  expect([sdk.client.connectionState, sdk.proxyMode(), sdk.orderingErrors()]).toEqual(["DISCONNECTED", "disabled", []]);
}

export { until };

/** Join options for tests: shaped like real ones, never printed (the SDK log masks them). */
export const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "support", token: null, uid: 1 } as const;
