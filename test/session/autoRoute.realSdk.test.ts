// @vitest-environment jsdom
import { createRealClient, listenerCount, realProxyMode, recordSdkCalls, sdkSettled } from "../support/realSdk";
import { type CloudProxyError, type RememberedRoute, createCloudProxySession } from "@agora-cloud-proxy/core";
import { afterEach, describe, expect, it, vi } from "vitest";

const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "support", token: null, uid: 1 };

function noMemory() {
  let entry: RememberedRoute | null = null;
  return { read: () => entry, write: (next: RememberedRoute) => void (entry = next) };
}

/** The SDK's own timers (a cancelled join rejects ~1 s after leave) run on the fake clock too. */
async function settleUnderFakeTimers<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  for (let i = 0; i < 100 && !done; i += 1) await vi.advanceTimersByTimeAsync(100);
  return promise;
}

describe('mode "auto" on the real agora-rtc-sdk-ng client (offline: every route hangs in CONNECTING)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("escalates direct -> UDP -> TLS every 5 s, the proxy mode moves disabled -> proxy3 -> proxy5, then UNREACHABLE", async () => {
    const raw = await createRealClient();
    const calls = recordSdkCalls(raw);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const session = createCloudProxySession(raw, { mode: "auto", routeMemory: noMemory() });
    const modes: string[] = [];
    session.store.subscribe((state) => {
      const mode = realProxyMode(raw);
      if (modes.at(-1) !== mode) modes.push(mode);
      void state;
    });
    const joined = session.join(JOIN).catch((error: CloudProxyError) => error);
    await vi.advanceTimersByTimeAsync(0);
    expect(raw.connectionState).toBe("CONNECTING");
    expect(realProxyMode(raw)).toBe("disabled");

    await vi.advanceTimersByTimeAsync(5_000);
    expect(realProxyMode(raw)).toBe("proxy3");
    expect(raw.connectionState).toBe("CONNECTING");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(realProxyMode(raw)).toBe("proxy5");
    await vi.advanceTimersByTimeAsync(5_000);

    const error = await joined;
    expect(error).toMatchObject({ code: "UNREACHABLE" });
    const attempts = (error as CloudProxyError).attempts!;
    expect(attempts.map((a) => `${a.route}:${a.outcome}:${a.ms}`)).toEqual([
      "direct:timeout:5000",
      "udp:timeout:5000",
      "tls:timeout:5000",
    ]);
    await vi.advanceTimersByTimeAsync(10);
    expect(raw.connectionState).toBe("DISCONNECTED");
    expect(modes).toEqual(["disabled", "proxy3", "proxy5"]);

    await settleUnderFakeTimers(session.dispose());
    await settleUnderFakeTimers(sdkSettled(calls));
    expect(calls.filter((call) => call.outcome === "INVALID_OPERATION")).toEqual([]);
    expect(calls.map((call) => `${call.method}:${call.outcome}`)).toEqual([
      "join:OPERATION_ABORTED",
      "leave:ok",
      "startProxyServer:ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "startProxyServer:ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "stopProxyServer:ok",
    ]);
    expect(realProxyMode(raw)).toBe("disabled");
  });

  it("unmount (dispose) mid-escalation ends DISCONNECTED with the proxy stopped and no listener left", async () => {
    const raw = await createRealClient();
    const calls = recordSdkCalls(raw);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const session = createCloudProxySession(raw, { mode: "auto", routeMemory: noMemory() });
    const joined = session.join(JOIN);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(realProxyMode(raw)).toBe("proxy3");
    await settleUnderFakeTimers(session.dispose());
    await expect(joined).rejects.toMatchObject({ code: "DISPOSED" });
    await settleUnderFakeTimers(sdkSettled(calls));
    expect(raw.connectionState).toBe("DISCONNECTED");
    expect(realProxyMode(raw)).toBe("disabled");
    expect(listenerCount(raw, "connection-state-change")).toBe(0);
    expect(calls.filter((call) => call.outcome === "INVALID_OPERATION")).toEqual([]);
  });
});
