/**
 * Shared setup for the session acceptance tests (test/session/readTheSdk.test.ts,
 * listeners.test.ts, sessionGaps.test.ts, liveOptions.test.ts): one session on a fake or a
 * real client, its SDK call log, the SDK's proxy mode at each join, and every state the
 * store published next to the SDK's mode at that moment. Import it only from jsdom test
 * files (it loads ./realSdk).
 */
import {
  type CloudProxyError,
  type CloudProxySession,
  type CloudProxySessionOptions,
  type CloudProxyState,
  createCloudProxySession,
} from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient, type FakeAgoraClientOptions } from "@agora-cloud-proxy/testing";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { onTestFinished } from "vitest";
import { createRealClient, realProxyMode, recordSdkCalls, sdkSettled, type SdkCall } from "./realSdk";

export const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "support", token: null, uid: 7 };

/** The session of the redesign (new-api.md): `setOptions` does not exist on today's session. */
export type LiveSession = CloudProxySession & { setOptions(patch: Partial<CloudProxySessionOptions>): void };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `predicate` on macrotasks for at most `ms`; returns whether it came true. For what the
 * old code never does: the test then fails on its own assertion, not on the 30 s test timeout.
 */
export async function within(ms: number, predicate: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

type SdkProxyMode = "disabled" | "proxy3" | "proxy4" | "proxy5" | "fallback";

/** What the store's `mode` must read when the SDK runs `sdkMode`. */
function storeModeOf(sdkMode: SdkProxyMode): string | null {
  return sdkMode === "disabled" ? null : sdkMode === "proxy3" ? "udp" : sdkMode === "proxy5" ? "tls" : sdkMode;
}

export interface Published {
  state: CloudProxyState;
  /** The SDK's `_cloudProxyServerMode` when the store published `state`. */
  sdkMode: SdkProxyMode;
}

interface Harness {
  raw: IAgoraRTCClient;
  session: LiveSession;
  errors: CloudProxyError[];
  /** The SDK's `_cloudProxyServerMode` at the moment of each `join` call that reached it. */
  joinModes: SdkProxyMode[];
  /** Every state the store published, with the SDK's proxy mode at that moment. */
  published: Published[];
  /** Published states whose `mode` is not what the SDK runs, as "proxy/mode while sdkMode". */
  lies(): string[];
  /** "method:outcome", with the mode for startProxyServer. */
  sdkLog(): string[];
  orderingErrors(): string[];
}

function harness(
  raw: IAgoraRTCClient,
  readMode: () => SdkProxyMode,
  sdkLog: () => string[],
  options: CloudProxySessionOptions,
  calls?: SdkCall[],
): Harness {
  const joinModes: SdkProxyMode[] = [];
  const target = raw as unknown as { join: (...args: unknown[]) => Promise<unknown> };
  const join = target.join.bind(raw);
  // An own property over whatever is there (the prototype method, or recordSdkCalls' wrapper).
  target.join = (...args: unknown[]) => {
    joinModes.push(readMode());
    return join(...args);
  };
  const errors: CloudProxyError[] = [];
  const session = createCloudProxySession(raw, {
    ...options,
    onError: (error) => {
      errors.push(error);
      options.onError?.(error);
    },
  }) as LiveSession;
  // A test that fails half-way still disposes its session and lets the SDK settle (a real
  // cancelled join rejects about a second after leave); bounded, in case dispose never ends.
  onTestFinished(async () => {
    await Promise.race([session.dispose().catch(() => {}), sleep(2_000)]);
    if (calls) await Promise.race([sdkSettled(calls), sleep(3_000)]);
  });
  const published: Published[] = [];
  session.store.subscribe((state) => published.push({ state, sdkMode: readMode() }));
  const lies = () =>
    published
      .filter(({ state, sdkMode }) => state.mode !== storeModeOf(sdkMode))
      .map(({ state, sdkMode }) => `proxy ${state.proxy}, mode ${String(state.mode)} while the SDK is ${sdkMode}`);
  const orderingErrors = () => sdkLog().filter((entry) => entry.endsWith(":INVALID_OPERATION"));
  return { raw, session, errors, joinModes, published, lies, sdkLog, orderingErrors };
}

/** A session on the fake client (it reaches CONNECTED, drops, fails on demand). */
export function fakeSession(options: CloudProxySessionOptions = {}, fakeOptions: FakeAgoraClientOptions = {}) {
  const fake = createFakeAgoraClient({ joinLatencyMs: 5, ...fakeOptions });
  const sdkLog = () =>
    fake.fake.calls.map(
      (call) =>
        `${call.method}${call.method === "startProxyServer" ? `(${String(call.args[0])})` : ""}:${call.code ?? call.outcome}`,
    );
  return { fake, ...harness(asAgoraRTCClient(fake), () => fake._cloudProxyServerMode, sdkLog, options) };
}

/** A session on the real agora-rtc-sdk-ng client, offline: a join stays CONNECTING until a leave. */
export async function realSession(options: CloudProxySessionOptions = {}) {
  const raw = await createRealClient();
  const calls = recordSdkCalls(raw);
  const sdkLog = () =>
    calls.map(
      (call) =>
        `${call.method}${call.method === "startProxyServer" ? `(${String(call.args[0])})` : ""}:${call.outcome}`,
    );
  return { calls, ...harness(raw, () => realProxyMode(raw), sdkLog, options, calls) };
}

/** The `external` entries of a session's history (new-api.md), as "name: detail". */
export function externalHistory(session: CloudProxySession): string[] {
  return session.history
    .getState()
    .filter((entry) => (entry.kind as string) === "external")
    .map((entry) => `${entry.name}: ${String(entry.detail)}`);
}

/** The tokens the SDK's join was called with, oldest first (the fake's call log redacts them). */
export function tokensJoinedWith(client: object): unknown[] {
  const tokens: unknown[] = [];
  const target = client as { join: (...args: unknown[]) => Promise<unknown> };
  const join = target.join.bind(client);
  target.join = (...args: unknown[]) => {
    tokens.push(args[2]);
    return join(...args);
  };
  return tokens;
}
