import type { UID } from "agora-rtc-sdk-ng";
import { describe, expect, it, vi } from "vitest";
import { CloudProxyError } from "../src/CloudProxyError";
import { JoinRequest, ProxyWaiter, SessionRequests } from "../src/session/sessionRequests";
import { Settleable } from "../src/session/settleable";

const J = { appid: "app", channel: "one", token: null, uid: 7 };
const K = { appid: "app", channel: "two", token: null, uid: 7 };
const ownerA = { name: "owner A" };
const ownerB = { name: "owner B" };

interface Tracked {
  state: "pending" | "resolved" | "rejected";
  value?: unknown;
  code?: string;
  error?: unknown;
}

/** Records how a waiter's promise settles; read it after `settled()`. */
function track<T>(waiter: Settleable<T>): Tracked {
  const tracked: Tracked = { state: "pending" };
  waiter.promise.then(
    (value) => Object.assign(tracked, { state: "resolved", value }),
    (error: unknown) => Object.assign(tracked, { state: "rejected", error, code: (error as CloudProxyError).code }),
  );
  return tracked;
}
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const joinWaiter = () => new Settleable<UID>();
const leaveWaiter = () => new Settleable<void>();

describe("SessionRequests: join", () => {
  it("the first join is a fresh request owned by its caller", () => {
    const requests = new SessionRequests("udp", false);
    expect(requests.addJoin(J, ownerA, null, joinWaiter())).toBe(true);
    expect(requests.join).toBeInstanceOf(JoinRequest);
    expect(requests.join).toMatchObject({ options: J, owner: ownerA });
  });

  it("equal options share the request (not fresh); the latest caller owns it and both waiters resolve with the uid", async () => {
    const requests = new SessionRequests("udp", false);
    const first = joinWaiter();
    const firstState = track(first);
    requests.addJoin(J, ownerA, null, first);
    const request = requests.join;
    const second = joinWaiter();
    const secondState = track(second);
    expect(requests.addJoin({ ...J }, ownerB, null, second)).toBe(false);
    expect(requests.join).toBe(request);
    expect(requests.join!.owner).toBe(ownerB);
    requests.settle(42, false, true);
    await settled();
    expect([firstState, secondState]).toEqual([
      { state: "resolved", value: 42 },
      { state: "resolved", value: 42 },
    ]);
  });

  it("other options replace the request: the old waiters reject CANCELLED, the new one is fresh", async () => {
    const requests = new SessionRequests("udp", false);
    const old = joinWaiter();
    const oldState = track(old);
    requests.addJoin(J, ownerA, null, old);
    const oldRequest = requests.join;
    expect(requests.addJoin(K, ownerA, null, joinWaiter())).toBe(true);
    expect(requests.join).not.toBe(oldRequest);
    expect(requests.join!.options).toBe(K);
    await settled();
    expect(oldState).toMatchObject({ state: "rejected", code: "CANCELLED" });
  });

  it("asking again for the request the SDK's connection belongs to (`current`) reuses it: not fresh", () => {
    const requests = new SessionRequests("udp", false);
    requests.addJoin(J, ownerA, null, joinWaiter());
    const current = requests.join!;
    requests.addLeave(leaveWaiter());
    expect(requests.join).toBeNull();
    expect(requests.addJoin({ ...J }, ownerB, current, joinWaiter())).toBe(false);
    expect(requests.join).toBe(current);
    expect(current.owner).toBe(ownerB);
  });

  it("a `current` with other options is not reused: a fresh request", () => {
    const requests = new SessionRequests("udp", false);
    const current = new JoinRequest(K, ownerA);
    expect(requests.addJoin(J, ownerA, current, joinWaiter())).toBe(true);
    expect(requests.join).not.toBe(current);
  });

  it("a join cancels pending leaves (CANCELLED)", async () => {
    const requests = new SessionRequests("udp", false);
    const leave = leaveWaiter();
    const leaveState = track(leave);
    requests.addLeave(leave);
    requests.addJoin(J, null, null, joinWaiter());
    await settled();
    expect(leaveState).toMatchObject({ state: "rejected", code: "CANCELLED" });
  });
});

describe("SessionRequests: leave and mode", () => {
  it("a leave cancels the pending join (CANCELLED) and wants no join", async () => {
    const requests = new SessionRequests("udp", false);
    const join = joinWaiter();
    const joinState = track(join);
    requests.addJoin(J, ownerA, null, join);
    const leave = leaveWaiter();
    const leaveState = track(leave);
    requests.addLeave(leave);
    expect(requests.join).toBeNull();
    await settled();
    expect(joinState).toMatchObject({ state: "rejected", code: "CANCELLED" });
    expect(leaveState.state).toBe("pending");
  });

  it("setProxy to another mode cancels the unapplied mode's waiters; the same mode shares", async () => {
    const requests = new SessionRequests("udp", false);
    const tls = new ProxyWaiter("tls");
    const tlsState = track(tls);
    requests.addMode(tls);
    const tlsAgain = new ProxyWaiter("tls");
    const tlsAgainState = track(tlsAgain);
    requests.addMode(tlsAgain);
    await settled();
    expect(tlsState.state).toBe("pending");
    requests.addMode(new ProxyWaiter(null));
    expect(requests.mode).toBeNull();
    await settled();
    expect([tlsState.code, tlsAgainState.code]).toEqual(["CANCELLED", "CANCELLED"]);
  });
});

describe("SessionRequests: giving up", () => {
  it("dropJoin builds a lazy error only when someone waits, and rejects the waiters with it", async () => {
    const requests = new SessionRequests("udp", false);
    const build = vi.fn(() => new CloudProxyError("CANCELLED", "dropped"));
    requests.join = new JoinRequest(J, null); // a request nobody waits for (the waiter was replaced)
    requests.dropJoin(build);
    expect(build).not.toHaveBeenCalled();
    expect(requests.join).toBeNull();

    const join = joinWaiter();
    const joinState = track(join);
    requests.addJoin(J, null, null, join);
    requests.dropJoin(build);
    expect(build).toHaveBeenCalledTimes(1);
    await settled();
    expect(joinState).toMatchObject({ state: "rejected", error: build.mock.results[0]!.value });
  });

  it("fallBack: what the SDK has becomes what is wanted; the join and mode waiters reject with the error", async () => {
    const requests = new SessionRequests("tls", false);
    const joined = new JoinRequest(K, ownerA); // the request the SDK is still connected for
    const join = joinWaiter();
    const joinState = track(join);
    requests.addJoin(J, ownerA, null, join);
    const mode = new ProxyWaiter("tls");
    const modeState = track(mode);
    requests.addMode(mode);
    const error = new CloudProxyError("LEAVE_FAILED", "leave failed");
    requests.fallBack(error, joined, "udp");
    expect(requests.join).toBe(joined);
    expect(requests.mode).toBe("udp");
    await settled();
    expect(joinState.error).toBe(error);
    expect(modeState.error).toBe(error);
  });

  it("fallBack rejects a pending leave with the error when nothing else is wanted", async () => {
    const requests = new SessionRequests("udp", false);
    const leave = leaveWaiter();
    const leaveState = track(leave);
    requests.addLeave(leave);
    const error = new CloudProxyError("LEAVE_FAILED", "leave failed");
    requests.fallBack(error, null, "udp");
    await settled();
    expect(leaveState).toMatchObject({ state: "rejected", error });
  });
});

describe("SessionRequests: settle, refuse, finish", () => {
  it("settle resolves each kind of waiter only when the SDK reached it", async () => {
    const requests = new SessionRequests("udp", false);
    const join = joinWaiter();
    const joinState = track(join);
    requests.addJoin(J, null, null, join);
    const mode = new ProxyWaiter("udp");
    const modeState = track(mode);
    requests.addMode(mode);
    requests.settle(null, false, true); // proxy applied, not connected yet: the mode waits for the join
    await settled();
    expect([joinState.state, modeState.state]).toEqual(["pending", "pending"]);
    requests.settle(7, false, true);
    await settled();
    expect([joinState.value, modeState.state]).toEqual([7, "resolved"]);

    const leave = leaveWaiter();
    const leaveState = track(leave);
    requests.addLeave(leave);
    requests.settle(null, false, true); // still in the channel
    await settled();
    expect(leaveState.state).toBe("pending");
    requests.settle(null, true, true);
    await settled();
    expect(leaveState.state).toBe("resolved");
  });

  it("a mode not applied yet keeps its waiters pending", async () => {
    const requests = new SessionRequests("udp", false);
    const mode = new ProxyWaiter("tls");
    const modeState = track(mode);
    requests.addMode(mode);
    requests.settle(null, true, false);
    await settled();
    expect(modeState.state).toBe("pending");
  });

  it('refuse (dispose) rejects joins and mode changes with a lazily built error, keeps setProxy("off") waiters', async () => {
    const requests = new SessionRequests("udp", true);
    const nothing = vi.fn(() => new CloudProxyError("DISPOSED", "disposed"));
    requests.refuse(nothing);
    expect(nothing).not.toHaveBeenCalled(); // no waiter: no error (and no stack trace) built

    const join = joinWaiter();
    const joinState = track(join);
    requests.addJoin(J, null, null, join);
    const off = new ProxyWaiter(null);
    const offState = track(off);
    requests.addMode(off);
    requests.auto = true;
    requests.refuse(() => new CloudProxyError("DISPOSED", "disposed"));
    expect([requests.join, requests.mode, requests.auto]).toEqual([null, null, false]);
    await settled();
    expect([joinState.code, offState.state]).toEqual(["DISPOSED", "pending"]);

    requests.finish(null);
    await settled();
    expect(offState.state).toBe("resolved");

    const other = new SessionRequests("udp", false);
    const tls = new ProxyWaiter("tls");
    const tlsState = track(tls);
    other.addMode(tls);
    other.refuse(() => new CloudProxyError("DISPOSED", "disposed"));
    await settled();
    expect(tlsState.code).toBe("DISPOSED");
  });

  it("finish(error) rejects the remaining setProxy waiters with it; leaves resolve either way", async () => {
    const requests = new SessionRequests(null, false);
    const off = new ProxyWaiter(null);
    const offState = track(off);
    requests.addMode(off);
    const leave = leaveWaiter();
    const leaveState = track(leave);
    requests.addLeave(leave);
    const error = new CloudProxyError("LEAVE_FAILED", "leave failed");
    requests.finish(error);
    await settled();
    expect(offState).toMatchObject({ state: "rejected", error });
    expect(leaveState.state).toBe("resolved");
  });
});
