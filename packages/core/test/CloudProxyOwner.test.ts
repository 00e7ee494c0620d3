import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { describe, expect, it, onTestFinished, vi } from "vitest";
// @agora-cloud-proxy/testing is not a dependency of core: its source is imported directly.
import { asAgoraRTCClient, createFakeAgoraClient, type FakeAgoraClient } from "../../testing/src";
import type { CloudProxyError } from "../src/CloudProxyError";
import { CloudProxyOwner, type CloudProxyOwnerOptions } from "../src/owner/CloudProxyOwner";
import { claimOf } from "../src/session/clientRegistry";

const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "support", token: null, uid: 7 };
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

function fakeClient(): { fake: FakeAgoraClient; raw: IAgoraRTCClient; sdkLog: () => string[] } {
  const fake = createFakeAgoraClient();
  const sdkLog = () => fake.fake.calls.map((call) => `${call.method}:${call.code ?? call.outcome}`);
  return { fake, raw: asAgoraRTCClient(fake), sdkLog };
}

/** A mounted owner; every session it made is disposed when the test ends. */
function mounted(options: CloudProxyOwnerOptions) {
  const owner = new CloudProxyOwner();
  const errors: CloudProxyError[] = [];
  owner.setOptions({ onError: (error) => errors.push(error), ...options });
  const changes = vi.fn();
  owner.subscribe(changes);
  let unmount: (() => void) | null = owner.mount();
  onTestFinished(async () => {
    const session = owner.getState().session;
    unmount?.();
    await session?.dispose().catch(() => {});
    await settle(); // the session it holds now (if another) is disposed at the owners' check
  });
  return {
    owner,
    errors,
    changes,
    unmount: () => {
      unmount?.();
      unmount = null;
    },
    remount: () => {
      unmount = owner.mount();
    },
  };
}

describe("CloudProxyOwner: mount", () => {
  it("setOptions then mount creates the session: { session, calls, error: null }, and the SDK gets its proxy", async () => {
    const { raw, sdkLog } = fakeClient();
    const { owner, changes } = mounted({ client: raw, mode: "tls" });
    const state = owner.getState();
    expect(state.session).not.toBeNull();
    expect(state.calls).toMatchObject({ join: expect.any(Function), leave: expect.any(Function) });
    expect(state.error).toBeNull();
    expect(changes).toHaveBeenCalledTimes(1);
    expect(claimOf(raw)?.session).toBe(state.session);
    await settle();
    expect(sdkLog()).toEqual(["startProxyServer:ok"]);
    await expect(state.calls!.join(JOIN)).resolves.toBe(7);
  });

  it("unmount and mount again in the same tick keeps the session: no SDK call, no state change", async () => {
    const { raw, sdkLog } = fakeClient();
    const { owner, changes, unmount, remount } = mounted({ client: raw, mode: "udp" });
    await owner.getState().calls!.join(JOIN);
    const before = owner.getState();
    unmount();
    remount();
    await settle();
    expect(owner.getState()).toBe(before);
    expect(before.session!.store.getState()).toMatchObject({ disposed: false, connectionState: "CONNECTED" });
    expect(sdkLog()).toEqual(["startProxyServer:ok", "join:ok"]);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it("calls made while the owner holds no session wait for its next session, then run there", async () => {
    const { raw, sdkLog } = fakeClient();
    const { owner, unmount, remount } = mounted({ client: raw, mode: "udp" });
    const { session: first, calls } = owner.getState();
    await settle();
    unmount();
    await settle(); // gone for good: the first session is disposed
    expect(first!.store.getState().disposed).toBe(true);
    const joined = calls!.join(JOIN);
    await settle();
    expect(sdkLog()).toEqual(["startProxyServer:ok", "stopProxyServer:ok"]); // the join waits
    remount(); // a child's effect ran before its provider's (an <Activity> shown again)
    await expect(joined).resolves.toBe(7);
    expect(owner.getState().calls).toBe(calls); // same client: same calls
    expect(sdkLog().slice(2)).toEqual(["startProxyServer:ok", "join:ok"]);
  });

  it("mounted again after its session was disposed (same client): state.session is the new session, and subscribers hear it", async () => {
    const { raw } = fakeClient();
    const { owner, changes, unmount, remount } = mounted({ client: raw, mode: "udp" });
    const first = owner.getState().session;
    await settle();
    unmount();
    await settle();
    remount();
    const held = claimOf(raw)?.session;
    expect(held).not.toBe(first);
    expect(held?.store.getState().disposed).toBe(false);
    // Found failing: #setState compares only `calls` and `error`, so the disposed session stays in state.
    expect(owner.getState().session).toBe(held);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it("unmount for good: waiting calls are cancelled (a leave is simply done) and the session is disposed", async () => {
    const { fake, raw, sdkLog } = fakeClient();
    const { owner, unmount } = mounted({ client: raw, mode: "udp" });
    const { session, calls } = owner.getState();
    await settle();
    unmount();
    const joined = calls!.join(JOIN);
    const proxied = calls!.setProxy("tls");
    const left = calls!.leave();
    await expect(joined).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(proxied).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(left).resolves.toBeUndefined();
    await settle();
    expect(session!.store.getState().disposed).toBe(true);
    expect(claimOf(raw)).toBeUndefined();
    expect(fake.fake.listenerCount()).toBe(0);
    expect(sdkLog()).toEqual(["startProxyServer:ok", "stopProxyServer:ok"]);
  });
});

describe("CloudProxyOwner: two owners, one client", () => {
  it("the second owner gets CLIENT_IN_USE (and onError), then takes the session over when the first unmounts", async () => {
    const { raw, sdkLog } = fakeClient();
    const first = mounted({ client: raw, mode: "udp" });
    const second = mounted({ client: raw, mode: "udp" });
    expect(second.owner.getState()).toMatchObject({ session: null, calls: null, error: { code: "CLIENT_IN_USE" } });
    await settle();
    expect(second.errors.map((error) => error.code)).toEqual(["CLIENT_IN_USE"]);
    const session = first.owner.getState().session;
    first.unmount();
    await settle();
    expect(second.owner.getState()).toMatchObject({ session, error: null });
    expect(second.owner.getState().calls).not.toBe(first.owner.getState().calls);
    await expect(second.owner.getState().calls!.join(JOIN)).resolves.toBe(7);
    expect(sdkLog()).toEqual(["startProxyServer:ok", "join:ok"]); // the proxy was kept
  });
});

describe("CloudProxyOwner: the client changes", () => {
  it("a new client gives new calls; the old calls settle without touching any session", async () => {
    const one = fakeClient();
    const two = fakeClient();
    const { owner } = mounted({ client: one.raw, mode: "udp" });
    const { session: oldSession, calls: oldCalls } = owner.getState();
    await settle();
    owner.setOptions({ client: two.raw, mode: "udp" });
    const { session, calls } = owner.getState();
    expect(calls).not.toBe(oldCalls);
    expect(session).not.toBe(oldSession);
    await expect(oldCalls!.join(JOIN)).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(oldCalls!.setProxy("tls")).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(oldCalls!.leave()).resolves.toBeUndefined();
    await settle();
    expect(oldSession!.store.getState().disposed).toBe(true);
    expect(one.sdkLog()).toEqual(["startProxyServer:ok", "stopProxyServer:ok"]);
    expect(two.sdkLog()).toEqual(["startProxyServer:ok"]);
  });

  it("three client switches, each within a second, log one console.warn", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    onTestFinished(() => warn.mockRestore());
    const { owner } = mounted({ client: fakeClient().raw });
    owner.setOptions({ client: fakeClient().raw });
    owner.setOptions({ client: fakeClient().raw });
    expect(warn).not.toHaveBeenCalled();
    owner.setOptions({ client: fakeClient().raw });
    owner.setOptions({ client: fakeClient().raw });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/new instance on every render/);
  });

  it("client switches more than a second apart never warn", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => void vi.useRealTimers());
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    onTestFinished(() => warn.mockRestore());
    const owner = new CloudProxyOwner(); // never mounted: only the switches count
    owner.setOptions({ client: fakeClient().raw });
    for (let switches = 0; switches < 5; switches += 1) {
      vi.advanceTimersByTime(1_001);
      owner.setOptions({ client: fakeClient().raw });
    }
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("CloudProxyOwner: client factories", () => {
  it("a sync factory is called once per owner, through remounts and new factory functions", async () => {
    const { raw } = fakeClient();
    const factory = vi.fn(() => raw);
    const { owner, unmount, remount } = mounted({ client: factory });
    unmount();
    remount();
    const other = vi.fn(() => fakeClient().raw);
    owner.setOptions({ client: other }); // an inline arrow on each render: not a new client
    unmount();
    await settle();
    remount();
    expect(factory).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
    expect(claimOf(raw)?.session.store.getState().disposed).toBe(false); // the remount runs on the factory's client
  });

  it("an async factory is called once; a remount after it resolved takes the client synchronously", async () => {
    const { raw, sdkLog } = fakeClient();
    const factory = vi.fn(async () => raw);
    const { owner, unmount, remount } = mounted({ client: factory });
    unmount();
    remount(); // StrictMode's replay before the factory resolved
    expect(owner.getState().session).toBeNull();
    await settle();
    const { session } = owner.getState();
    expect(session).not.toBeNull();
    unmount();
    remount();
    expect(owner.getState().session).toBe(session);
    await settle();
    expect(factory).toHaveBeenCalledTimes(1);
    expect(session!.store.getState().disposed).toBe(false);
    expect(sdkLog()).toEqual(["startProxyServer:ok"]); // never stopped and started again
  });

  const failing: [string, () => IAgoraRTCClient | Promise<IAgoraRTCClient>][] = [
    [
      "throws",
      () => {
        throw new Error("no window");
      },
    ],
    ["rejects", () => Promise.reject(new Error("chunk failed to load"))],
  ];
  it.each(failing)("a factory that %s gives INVALID_CLIENT in state, and onError once", async (_how, factory) => {
    const { owner, errors } = mounted({ client: factory });
    await settle();
    expect(owner.getState()).toMatchObject({ session: null, calls: null, error: { code: "INVALID_CLIENT" } });
    expect(owner.getState().error!.cause).toBeInstanceOf(Error);
    expect(errors).toEqual([owner.getState().error]);
  });
});
