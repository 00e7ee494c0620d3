// @vitest-environment jsdom
/**
 * Gaps in the session suite (new-api.md): attempts per join request, a session that gave up
 * on its leaves stays silent, the store is DISCONNECTED when leave() resolves, and a worker
 * that makes no progress fails INTERNAL instead of spinning forever.
 */
import type { CloudProxyError } from "@agora-cloud-proxy/core";
import { describe, expect, it } from "vitest";
import { sdkSettled, until } from "../support/realSdk";
import { JOIN, fakeSession, realSession, sleep } from "../support/sessionHarness";

describe("attempts belong to the current join request", () => {
  it('fixed mode "udp": a join that fails, then a join that succeeds, leave exactly the second attempt', async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp" });
    fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER");
    await expect(session.join(JOIN)).rejects.toMatchObject({ code: "JOIN_FAILED" });
    await expect(session.join(JOIN)).resolves.toBe(7);

    expect(session.store.getState().attempts).toEqual([
      { route: "udp", outcome: "connected", errorCode: null, ms: expect.any(Number) },
    ]);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:CAN_NOT_GET_GATEWAY_SERVER", "join:ok"]);
    await session.dispose();
  });
});

describe("a dispose() whose leaves all failed", () => {
  it("never calls the client again: not on its own, not through the session, not through session.client", async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp" });
    await session.join(JOIN);
    fake.fake.failNextLeave("UNEXPECTED_ERROR");
    fake.fake.failNextLeave("UNEXPECTED_ERROR"); // dispose retries once
    await expect(session.dispose()).rejects.toMatchObject({ code: "LEAVE_FAILED" });
    const after = sdkLog();
    expect(after).toEqual(["startProxyServer(3):ok", "join:ok", "leave:UNEXPECTED_ERROR", "leave:UNEXPECTED_ERROR"]);

    await sleep(30);
    await expect(session.join(JOIN)).rejects.toMatchObject({ code: "DISPOSED" });
    await expect(session.setProxy("tls")).rejects.toMatchObject({ code: "DISPOSED" });
    await session.leave().catch(() => {});
    await session.setProxy("off").catch(() => {});
    await expect(session.client.join(JOIN.appid, JOIN.channel, null, 7)).rejects.toMatchObject({ code: "DISPOSED" });
    expect(() => session.client.startProxyServer(5)).toThrow(expect.objectContaining({ code: "DISPOSED" }));
    session.client.stopProxyServer();
    await session.client.leave().catch(() => {});
    await fake.fake.dropNetwork(); // an SDK event must not wake it either
    await sleep(30);

    expect(sdkLog()).toEqual(after);
    expect(session.store.getState()).toMatchObject({ disposed: true });
  });
});

describe("the store is DISCONNECTED as soon as leave() resolves", () => {
  it("real SDK: join (CONNECTING), await leave(): the store reads DISCONNECTED at once", async () => {
    const { raw, calls, session } = await realSession({ mode: "udp" });
    void session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");
    await session.leave();

    expect(session.store.getState()).toMatchObject({ connectionState: "DISCONNECTED", joinRequested: false });
    expect(raw.connectionState).toBe("DISCONNECTED");
    await session.dispose();
    await sdkSettled(calls);
  });

  it("fake: join (CONNECTED), await leave() with a slow leave: the store reads DISCONNECTED at once", async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp" }, { leaveLatencyMs: 20 });
    await session.join(JOIN);
    await session.leave();

    expect(session.store.getState()).toMatchObject({
      connectionState: "DISCONNECTED",
      joinRequested: false,
      uid: null,
    });
    expect(fake.connectionState).toBe("DISCONNECTED");
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok"]);
    await session.dispose();
  });
});

/** How long the worker may spin before the test calls it a livelock. */
const LIVELOCK_MS = 2_000;

describe("worker step budget", () => {
  it("a client whose leave() resolves but stays CONNECTED: INTERNAL in store.error and onError, pending promises reject with it", async () => {
    const { fake, session, errors } = fakeSession({ mode: "udp", onModeChange: "rejoin" });
    await session.join(JOIN);

    // leave() resolves at once and changes nothing. Today's worker chains these on microtasks,
    // so no timer could fire: the guard lives in the calls the worker makes. Past the deadline
    // it restores the real leave() (and breaks a synchronous spin on connectionState), so the
    // test ends with the message below instead of freezing the runner.
    const deadline = Date.now() + LIVELOCK_MS;
    let leaves = 0;
    let tripped = false;
    const client = fake as unknown as Record<string, unknown>;
    client.leave = () => {
      leaves += 1;
      if (Date.now() <= deadline) return Promise.resolve();
      tripped = true;
      delete client.leave;
      return fake.leave();
    };
    Object.defineProperty(fake, "connectionState", {
      configurable: true,
      get() {
        if (Date.now() > deadline + 1_000 && !tripped) {
          tripped = true;
          delete client.connectionState;
          throw new Error("livelock guard: the worker read connectionState past the deadline");
        }
        return Reflect.get(Object.getPrototypeOf(fake) as object, "connectionState", fake) as string;
      },
    });

    const left = session.leave();
    const switched = session.setProxy("tls");
    const outcome = await Promise.race([
      Promise.allSettled([left, switched]),
      sleep(LIVELOCK_MS + 500).then(() => "timer" as const),
    ]);
    delete client.leave;
    delete client.connectionState;
    if (tripped || outcome === "timer") {
      expect.fail(
        `worker livelock: leave() resolved but the client stayed CONNECTED; the worker called leave() ${leaves} times in ${LIVELOCK_MS} ms without failing INTERNAL`,
      );
    }

    const internal = expect.objectContaining({ name: "CloudProxyError", code: "INTERNAL" });
    expect(outcome).toEqual([
      { status: "rejected", reason: internal },
      { status: "rejected", reason: internal },
    ]);
    expect(session.store.getState().error).toEqual(internal);
    await sleep(0);
    expect(errors.map((error: CloudProxyError) => error.code as string)).toContain("INTERNAL");
    expect(leaves).toBeLessThan(1_000);
  });
});

describe("the store tells the outcome before anyone hears of it", () => {
  // A report or an error screen built in `join().catch` or `onError` reads the store: it must
  // already show the failure, not the state from before it.
  const snapshot = (state: { error: CloudProxyError | null; joinRequested: boolean; attempts: readonly unknown[] }) =>
    `${state.error?.code ?? "none"}/${state.joinRequested}/${state.attempts.length}`;

  it.each([
    ["udp", "INVALID_VENDOR_KEY", "JOIN_FAILED/false/1"],
    ["udp", "CAN_NOT_GET_GATEWAY_SERVER", "JOIN_FAILED/false/1"],
    ["auto", "INVALID_VENDOR_KEY", "JOIN_FAILED/false/1"],
  ] as const)(
    'mode "%s", a join failing %s: join().catch and onError read the failure in the store',
    async (mode, code, expected) => {
      const seen: string[] = [];
      let read = () => "";
      const { fake, session } = fakeSession({ mode, onError: () => seen.push(`onError ${read()}`) });
      read = () => snapshot(session.store.getState());
      fake.fake.failNextJoin(code);
      await session.join(JOIN).catch(() => seen.push(`catch ${read()}`));
      await sleep(10);
      expect(seen.sort()).toEqual([`catch ${expected}`, `onError ${expected}`]);
      await session.dispose();
    },
  );

  it("real SDK: a join the SDK refuses (INVALID_PARAMS, an 80-character channel): join().catch and onError read JOIN_FAILED in the store", async () => {
    const seen: string[] = [];
    let read = () => "";
    const { session } = await realSession({ mode: "udp", onError: () => seen.push(`onError ${read()}`) });
    read = () => snapshot(session.store.getState());
    await session.join({ ...JOIN, channel: "c".repeat(80) }).catch(() => seen.push(`catch ${read()}`));
    await sleep(10);
    expect(seen.sort()).toEqual(["catch JOIN_FAILED/false/1", "onError JOIN_FAILED/false/1"]);
  });

  it('mode "auto", every route failing with a network error: catch and onError read UNREACHABLE and all three attempts', async () => {
    const seen: string[] = [];
    let read = () => "";
    const { fake, session } = fakeSession({ mode: "auto", onError: () => seen.push(`onError ${read()}`) });
    read = () => snapshot(session.store.getState());
    for (let i = 0; i < 3; i += 1) fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER");
    await session.join(JOIN).catch(() => seen.push(`catch ${read()}`));
    await sleep(10);
    expect(seen.sort()).toEqual(["catch UNREACHABLE/false/3", "onError UNREACHABLE/false/3"]);
    await session.dispose();
  });
});
