import { describe, expect, it, vi } from "vitest";
import { SessionOwners } from "../src/session/sessionOwners";

/** Runs the microtask the release check is queued on (and anything queued before it). */
const microtask = () => Promise.resolve();

function setup() {
  const removals: { removed: readonly object[]; empty: boolean }[] = [];
  const owners = new SessionOwners((removed, empty) => removals.push({ removed: [...removed], empty }));
  return { owners, removals };
}

const a = { name: "owner A" };
const b = { name: "owner B" };
const c = { name: "owner C" };

describe("SessionOwners: retain, release, current", () => {
  it("without owners current is null; the first owner to retain holds the session", () => {
    const { owners } = setup();
    expect(owners.current).toBeNull();
    expect(owners.retain(a)).toBe(true);
    expect(owners.current).toBe(a);
  });

  it("a release is only effective at the microtask check: onRemoved is not called synchronously", async () => {
    const { owners, removals } = setup();
    owners.retain(a);
    owners.release(a);
    expect(removals).toEqual([]);
    expect(owners.current).toBe(a); // still the owner requests are made for until the check
    await microtask();
    expect(removals).toEqual([{ removed: [a], empty: true }]);
    expect(owners.current).toBeNull();
  });

  it("the same owner retaining again in the same tick is no change: onRemoved is never called", async () => {
    const { owners, removals } = setup();
    owners.retain(a);
    owners.release(a);
    expect(owners.retain(a)).toBe(true);
    await microtask();
    await microtask();
    expect(removals).toEqual([]);
    expect(owners.current).toBe(a);
  });

  it("a different owner in the same tick takes over: the old one is removed with empty=false, without an onHold for the new one", async () => {
    const { owners, removals } = setup();
    const onHoldB = vi.fn();
    owners.retain(a);
    owners.release(a);
    expect(owners.retain(b, onHoldB)).toBe(true); // every owner before it is leaving
    expect(owners.current).toBe(b);
    await microtask();
    expect(removals).toEqual([{ removed: [a], empty: false }]);
    expect(onHoldB).not.toHaveBeenCalled(); // it was told at retain
    expect(owners.current).toBe(b);
  });

  it("the last owner gone: onRemoved(removed, empty=true)", async () => {
    const { owners, removals } = setup();
    owners.retain(a);
    owners.retain(b);
    owners.release(b);
    await microtask();
    owners.release(a);
    await microtask();
    expect(removals).toEqual([
      { removed: [b], empty: false },
      { removed: [a], empty: true },
    ]);
  });

  it("owners released in the same tick are removed by one check, in one onRemoved call", async () => {
    const { owners, removals } = setup();
    owners.retain(a);
    owners.retain(b);
    owners.release(a);
    owners.release(b);
    await microtask();
    expect(removals).toEqual([{ removed: [a, b], empty: true }]);
  });

  it("releasing an owner that never retained does nothing", async () => {
    const { owners, removals } = setup();
    owners.retain(a);
    owners.release(b);
    await microtask();
    expect(removals).toEqual([]);
    expect(owners.current).toBe(a);
  });
});

describe("SessionOwners: waiting owners", () => {
  it("a second owner waits (retain returns false); its onHold runs when the first is removed, not before", async () => {
    const { owners, removals } = setup();
    const onHoldB = vi.fn();
    owners.retain(a);
    expect(owners.retain(b, onHoldB)).toBe(false);
    expect(owners.current).toBe(a);
    owners.release(a);
    expect(onHoldB).not.toHaveBeenCalled();
    await microtask();
    expect(removals).toEqual([{ removed: [a], empty: false }]);
    expect(onHoldB).toHaveBeenCalledTimes(1);
    expect(owners.current).toBe(b);
  });

  it("the first owner coming back in the same tick keeps the session: the waiting owner goes on waiting", async () => {
    const { owners, removals } = setup();
    const onHoldB = vi.fn();
    owners.retain(a);
    owners.retain(b, onHoldB);
    owners.release(a);
    expect(owners.retain(a)).toBe(true);
    await microtask();
    expect(removals).toEqual([]);
    expect(onHoldB).not.toHaveBeenCalled();
    expect(owners.current).toBe(a);
  });

  it("waiting owners get the session first-in-first-out", async () => {
    const { owners } = setup();
    const held: object[] = [];
    owners.retain(a);
    expect(owners.retain(b, () => held.push(b))).toBe(false);
    expect(owners.retain(c, () => held.push(c))).toBe(false);
    owners.release(a);
    await microtask();
    expect(held).toEqual([b]);
    expect(owners.current).toBe(b);
    owners.release(b);
    await microtask();
    expect(held).toEqual([b, c]);
    expect(owners.current).toBe(c);
  });

  it("a waiting owner that retains again keeps its place in line, with its latest onHold", async () => {
    const { owners } = setup();
    const first = vi.fn();
    const latest = vi.fn();
    const onHoldC = vi.fn();
    owners.retain(a);
    owners.retain(b, first);
    owners.retain(c, onHoldC);
    expect(owners.retain(b, latest)).toBe(false);
    owners.release(a);
    await microtask();
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
    expect(onHoldC).not.toHaveBeenCalled();
  });

  it("a waiting owner that leaves before its turn never gets onHold", async () => {
    const { owners, removals } = setup();
    const onHoldB = vi.fn();
    owners.retain(a);
    owners.retain(b, onHoldB);
    owners.release(b);
    await microtask();
    expect(removals).toEqual([{ removed: [b], empty: false }]);
    owners.release(a);
    await microtask();
    expect(onHoldB).not.toHaveBeenCalled();
    expect(removals.at(-1)).toEqual({ removed: [a], empty: true });
  });

  it("while the holder is leaving, current is the first waiting owner that is not leaving", () => {
    const { owners } = setup();
    owners.retain(a);
    owners.retain(b);
    owners.release(a);
    expect(owners.current).toBe(b);
  });
});
