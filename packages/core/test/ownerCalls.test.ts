import { describe, expect, it, vi } from "vitest";
// @agora-cloud-proxy/testing is not a dependency of core: its source is imported directly.
import { asAgoraRTCClient, createFakeAgoraClient } from "../../testing/src";
import { CloudProxyError } from "../src/CloudProxyError";
import type { CloudProxySession } from "../src/cloudProxySession";
import { bindCalls, type CallSender, type CloudProxyCalls, PendingCalls, staleCall } from "../src/owner/ownerCalls";
import { createCloudProxySession } from "../src/session/createCloudProxySession";

const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "support", token: null, uid: 7 };

/** A stand-in for the session calls run on: it records what reached it. */
function targetSession() {
  const log: string[] = [];
  const session = {
    join: vi.fn(async (options: { channel: string }) => {
      log.push(`join ${options.channel}`);
      return 7;
    }),
    leave: vi.fn(async () => void log.push("leave")),
    setProxy: vi.fn(async (mode: unknown) => void log.push(`setProxy ${String(mode)}`)),
  };
  return { session: session as unknown as CloudProxySession, log, mock: session };
}

function track<T>(promise: Promise<T>): { state: string; value?: unknown } {
  const tracked: { state: string; value?: unknown } = { state: "pending" };
  promise.then(
    (value) => Object.assign(tracked, { state: "resolved", value }),
    (error: unknown) => Object.assign(tracked, { state: "rejected", value: error }),
  );
  return tracked;
}
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("PendingCalls", () => {
  it("calls wait until flush(session), then run on it in the order they were made", async () => {
    const pending = new PendingCalls();
    const { session, log } = targetSession();
    const joined = track(pending.add((target) => target.join(JOIN), true));
    const left = track(pending.add((target) => target.leave(), false));
    void pending.add((target) => target.setProxy("tls"), true);
    await settled();
    expect([joined.state, left.state, log]).toEqual(["pending", "pending", []]);
    pending.flush(session);
    await settled();
    expect(log).toEqual(["join support", "leave", "setProxy tls"]);
    expect([joined.value, left.state]).toEqual([7, "resolved"]);
  });

  it("flush(null, error) rejects what can fail with the error and resolves leaves, without any session", async () => {
    const pending = new PendingCalls();
    const error = new CloudProxyError("CANCELLED", "unmounted");
    const run = vi.fn(async () => {});
    const joined = track(pending.add(run, true));
    const left = track(pending.add(run, false));
    pending.flush(null, error);
    await settled();
    expect(joined).toEqual({ state: "rejected", value: error });
    expect(left.state).toBe("resolved");
    expect(run).not.toHaveBeenCalled();
  });

  it("a flush empties the queue: a later flush runs nothing twice", async () => {
    const pending = new PendingCalls();
    const { session, mock } = targetSession();
    void pending.add((target) => target.leave(), false);
    pending.flush(session);
    pending.flush(session);
    await settled();
    expect(mock.leave).toHaveBeenCalledTimes(1);
  });
});

describe("bindCalls", () => {
  function bound() {
    const fake = createFakeAgoraClient();
    const raw = asAgoraRTCClient(fake);
    const { session, log } = targetSession();
    const sent: { calls: CloudProxyCalls; refuse: boolean }[] = [];
    const send: CallSender = (calls, run, refuse) => {
      sent.push({ calls, refuse });
      return run(session);
    };
    const calls = bindCalls(raw, send);
    return { fake, raw, calls, sent, log };
  }

  it("join, leave and setProxy are handed to send with their calls; only a leave cannot be refused", async () => {
    const { calls, sent, log } = bound();
    await expect(calls.join(JOIN)).resolves.toBe(7);
    await calls.leave();
    await calls.setProxy("tls");
    expect(log).toEqual(["join support", "leave", "setProxy tls"]);
    expect(sent.every((call) => call.calls === calls)).toBe(true);
    expect(sent.map((call) => call.refuse)).toEqual([true, false, true]);
  });

  it("setProxy with a bad mode throws INVALID_MODE synchronously and sends nothing", () => {
    const { calls, sent } = bound();
    expect(() => void calls.setProxy(4 as never)).toThrow(expect.objectContaining({ code: "INVALID_MODE" }));
    expect(sent).toEqual([]);
  });

  it("calls.client is a guarded client over the raw one whose ordering calls make the same calls", async () => {
    const { fake, raw, calls, log } = bound();
    expect(Object.getPrototypeOf(calls.client)).toBe(Object.getPrototypeOf(raw));
    await calls.client.join(JOIN.appid, "room", null, 7);
    calls.client.startProxyServer(5);
    calls.client.stopProxyServer();
    await calls.client.leave();
    expect(log).toEqual(["join room", "setProxy tls", "setProxy off", "leave"]);
    expect(fake.fake.calls).toEqual([]);
  });

  it("calls.client listener removal keeps the session's listeners when the client has a session", async () => {
    const { fake, raw, calls } = bound();
    const app = vi.fn();
    raw.on("user-joined", app);
    calls.client.removeAllListeners();
    expect(fake.fake.listenerCount()).toBe(0); // no session yet: straight to the raw client

    const session = createCloudProxySession(raw, { mode: "off" });
    raw.on("user-joined", app);
    calls.client.removeAllListeners();
    calls.client.off("user-joined", app);
    expect(fake.fake.listenerCounts()).toEqual({
      "connection-state-change": 1,
      "is-using-cloud-proxy": 1,
      "peerconnection-state-change": 1,
      "token-privilege-will-expire": 1,
    });
    await session.dispose();
  });
});

describe("staleCall (calls for a client the owner let go of)", () => {
  it("a join or setProxy is refused with CANCELLED; a leave is simply done", async () => {
    await expect(staleCall(true)).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(staleCall(false)).resolves.toBeUndefined();
  });
});
