/**
 * The real agora-rtc-sdk-ng under jsdom, offline. Import this module only from test files
 * that run in the jsdom environment: the SDK needs `window` at import time.
 */
import "./offline";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";

type AgoraRTCModule = typeof import("agora-rtc-sdk-ng").default;

let sdk: Promise<AgoraRTCModule> | undefined;

/** Loads the SDK once per test file, after the network is stubbed, with its logs silenced. */
export function loadAgoraRTC(): Promise<AgoraRTCModule> {
  sdk ??= import("agora-rtc-sdk-ng").then(({ default: AgoraRTC }) => {
    AgoraRTC.setLogLevel(4);
    AgoraRTC.disableLogUpload();
    return AgoraRTC;
  });
  return sdk;
}

/** A fresh real client. */
export async function createRealClient(): Promise<IAgoraRTCClient> {
  const AgoraRTC = await loadAgoraRTC();
  return AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
}

/** The real SDK's private record of the cloud proxy mode in force. */
export function realProxyMode(client: IAgoraRTCClient): "disabled" | "proxy3" | "proxy4" | "proxy5" {
  return (client as unknown as { _cloudProxyServerMode: "disabled" | "proxy3" | "proxy4" | "proxy5" })
    ._cloudProxyServerMode;
}

export interface SdkCall {
  method: string;
  args: unknown[];
  /** "ok", or the SDK error code it threw or rejected with; "pending" until it settles. */
  outcome: string;
  /** Settles when the call did (a cancelled real join rejects about a second after leave). */
  done: Promise<void>;
}

const RECORDED = ["startProxyServer", "stopProxyServer", "join", "leave", "setProxyServer", "renewToken"] as const;

/**
 * Records every ordering call that reaches the real client, with its outcome, by shadowing
 * the prototype methods on the instance. The session under test talks to the same object.
 */
export function recordSdkCalls(client: IAgoraRTCClient): SdkCall[] {
  const calls: SdkCall[] = [];
  const target = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of RECORDED) {
    const original = target[method]!.bind(client);
    target[method] = (...args: unknown[]) => {
      const call: SdkCall = {
        method,
        args:
          method === "join" ? ["<appid>", args[1], "<token>", args[3]] : method === "renewToken" ? ["<token>"] : args,
        outcome: "pending",
        done: Promise.resolve(),
      };
      calls.push(call);
      try {
        const result = original(...args);
        if (result instanceof Promise) {
          call.done = result.then(
            () => {},
            () => {},
          );
          return result.then(
            (value) => {
              call.outcome = "ok";
              return value;
            },
            (error: { code?: string }) => {
              call.outcome = error?.code ?? "error";
              throw error;
            },
          );
        }
        call.outcome = "ok";
        return result;
      } catch (error) {
        call.outcome = (error as { code?: string })?.code ?? "error";
        throw error;
      }
    };
  }
  return calls;
}

/** Waits for every recorded SDK call to settle, so no cancelled join outlives its test. */
export async function sdkSettled(calls: SdkCall[]): Promise<void> {
  await Promise.all(calls.map((call) => call.done));
}

/**
 * Each recorded call as "method:outcome", read only once every call settled: a cancelled join
 * reads "pending" until the SDK rejects it, about a second after leave.
 */
export async function settledOutcomes(calls: SdkCall[]): Promise<string[]> {
  await sdkSettled(calls);
  return calls.map((call) => `${call.method}:${call.outcome}`);
}

/** How many listeners the client has for an event (the SDK's EventEmitter keeps them). */
export function listenerCount(client: IAgoraRTCClient, event: string): number {
  return (client as unknown as { getListeners(event: string): unknown[] }).getListeners(event).length;
}

/** Resolves once `predicate` holds, polling on macrotasks; the test timeout bounds it. */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * Sets a real client's connection state the way its gateway does (`_gateway.state`, with a
 * DISCONNECTED reason held for that one assignment), as the contract suite drives it: offline
 * the SDK never reaches CONNECTED on its own.
 */
export function driveRealGateway(
  client: object,
  state: "CONNECTED" | "RECONNECTING" | "DISCONNECTED",
  reason?: string,
): void {
  const gateway = (client as { _gateway: { state: string; _disconnectedReason?: string } })._gateway;
  const previous = gateway._disconnectedReason;
  if (reason) gateway._disconnectedReason = reason;
  gateway.state = state;
  gateway._disconnectedReason = previous;
}
