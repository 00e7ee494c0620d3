import { afterEach, describe, expect, it, vi } from "vitest";
// @agora-cloud-proxy/testing is not a dependency of core: its source is imported directly.
import { asAgoraRTCClient, createFakeAgoraClient } from "../../testing/src";
import { CloudProxyError } from "../src/CloudProxyError";
import { createCloudProxySession } from "../src/session/createCloudProxySession";
import { createGuardedClient, type GuardedClientTarget } from "../src/session/guardedClient";

function setup(overrides: Partial<GuardedClientTarget> = {}) {
  const fake = createFakeAgoraClient();
  const raw = asAgoraRTCClient(fake);
  const target = {
    join: vi.fn(async () => 7),
    leave: vi.fn(async () => {}),
    setProxy: vi.fn(async () => {}),
    isDisposed: vi.fn(() => false),
    off: vi.fn(),
    removeAllListeners: vi.fn(),
    renewToken: vi.fn(async () => {}),
    mediaExpected: vi.fn(),
    mediaCall: vi.fn(() => null),
    localTracks: vi.fn(() => undefined),
  };
  const guarded = createGuardedClient(raw, { ...target, ...overrides });
  return { fake, raw, target, guarded };
}

const cancelled = () => new CloudProxyError("CANCELLED", "leave() was replaced by a join()");

describe("createGuardedClient: the same client to read", () => {
  it("has the raw client's prototype", () => {
    const { raw, guarded } = setup();
    expect(Object.getPrototypeOf(guarded)).toBe(Object.getPrototypeOf(raw));
    expect(guarded).toBeInstanceOf(raw.constructor);
  });

  it("reads properties and getters through to the raw client, live", () => {
    const { raw, guarded } = setup();
    const read = guarded as unknown as { _cloudProxyServerMode: string };
    expect(guarded.connectionState).toBe("DISCONNECTED");
    raw.startProxyServer(3);
    expect(read._cloudProxyServerMode).toBe("proxy3");
  });

  it("binds other methods to the raw client (even detached), and caches them: guarded.on === guarded.on", () => {
    const { fake, raw, guarded } = setup();
    const { on, getListeners } = guarded;
    const listener = vi.fn();
    on("user-joined", listener);
    expect(fake.fake.listenerCount("user-joined")).toBe(1);
    expect(getListeners("user-joined")).toEqual([listener]);
    expect(guarded.on).toBe(guarded.on);
    expect(guarded.on).toBe(on);
    // A method replaced on the raw client is read afresh, not served from the cache.
    const replaced = vi.fn();
    (raw as unknown as { on: unknown }).on = replaced;
    guarded.on("user-left", listener);
    expect(replaced).toHaveBeenCalledWith("user-left", listener);
  });

  it("writes go to the raw client", () => {
    const { raw, guarded } = setup();
    (guarded as unknown as { appData: number }).appData = 1;
    expect((raw as unknown as { appData: number }).appData).toBe(1);
  });
});

describe("createGuardedClient: ordering calls go to the target, never to the SDK", () => {
  it("join(appid, channel, token, uid) becomes target.join({ appid, channel, token, uid })", async () => {
    const { fake, target, guarded } = setup();
    await expect(guarded.join("app", "room", "token", 5)).resolves.toBe(7);
    await guarded.join("app", "room", null);
    expect(target.join.mock.calls).toEqual([
      [{ appid: "app", channel: "room", token: "token", uid: 5 }],
      [{ appid: "app", channel: "room", token: null, uid: null }],
    ]);
    expect(fake.fake.calls).toEqual([]);
  });

  it("startProxyServer(5) / startProxyServer() / stopProxyServer() become setProxy tls / udp / off", () => {
    const { fake, target, guarded } = setup();
    guarded.startProxyServer(5);
    guarded.startProxyServer();
    guarded.stopProxyServer();
    expect(target.setProxy.mock.calls).toEqual([["tls"], ["udp"], ["off"]]);
    expect(fake.fake.calls).toEqual([]);
  });

  it.each([[4], ["5"]])("startProxyServer(%j) throws INVALID_MODE synchronously and asks for nothing", (mode) => {
    const { target, guarded } = setup();
    expect(() => guarded.startProxyServer(mode as number)).toThrow(expect.objectContaining({ code: "INVALID_MODE" }));
    expect(target.setProxy).not.toHaveBeenCalled();
  });

  it("startProxyServer after dispose throws DISPOSED synchronously, as the SDK would throw", () => {
    const { target, guarded } = setup({ isDisposed: () => true });
    expect(() => guarded.startProxyServer(3)).toThrow(expect.objectContaining({ code: "DISPOSED" }));
    expect(target.setProxy).not.toHaveBeenCalled();
  });

  it("leave() goes to the target and never rejects CANCELLED (a leave overtaken by a join is done)", async () => {
    const leave = vi.fn(() => Promise.reject(cancelled()));
    const { guarded } = setup({ leave });
    await expect(guarded.leave()).resolves.toBeUndefined();
    expect(leave).toHaveBeenCalledTimes(1);
  });

  it("leave() still rejects with any other error", async () => {
    const failed = new CloudProxyError("LEAVE_FAILED", "leave failed");
    const { guarded } = setup({ leave: vi.fn(() => Promise.reject(failed)) });
    await expect(guarded.leave()).rejects.toBe(failed);
  });

  describe("a leave() nobody awaits", () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    afterEach(() => void process.off("unhandledRejection", record));

    it("that fails is not an unhandled rejection", async () => {
      process.on("unhandledRejection", record);
      const { guarded } = setup({ leave: vi.fn(() => Promise.reject(new CloudProxyError("LEAVE_FAILED", "x"))) });
      void guarded.leave();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    });
  });

  it("off and removeAllListeners go to the target, not to the raw client", () => {
    const { fake, raw, target, guarded } = setup();
    const listener = vi.fn();
    raw.on("user-joined", listener);
    guarded.off("user-joined", listener);
    guarded.removeAllListeners();
    guarded.removeAllListeners("user-joined");
    expect(target.off).toHaveBeenCalledWith("user-joined", listener);
    expect(target.removeAllListeners.mock.calls).toEqual([[], ["user-joined"]]);
    expect(fake.fake.listenerCount("user-joined")).toBe(1);
  });
});

describe("createGuardedClient: never wrapped twice", () => {
  it("createCloudProxySession(guarded) throws CLIENT_IN_USE; the raw client is still free", async () => {
    const { raw, guarded } = setup();
    expect(() => createCloudProxySession(guarded)).toThrow(expect.objectContaining({ code: "CLIENT_IN_USE" }));
    const session = createCloudProxySession(raw, { mode: "off" });
    await session.dispose();
  });
});
