import { describe, expect, it } from "vitest";
import { checkSdkCallOrder, type RecordedEntry } from "./support/sdkCallRules";

// The checker is the oracle of the browser suite, so it is tested first: it must accept the
// legal path and flag each of the SDK's ordering rules (docs/architecture.md, "The SDK's
// rules") when broken.

/** Builds a timeline of one client in the order it is written. */
function timeline() {
  const entries: RecordedEntry[] = [];
  const add = (entry: Omit<RecordedEntry, "seq" | "client">): RecordedEntry => {
    const full = { ...entry, seq: entries.length + 1, client: "sim-1" };
    entries.push(full);
    return full;
  };
  return {
    entries,
    call: (name: string, state: string, ...args: unknown[]) => add({ kind: "call", name, args, state }),
    state: (current: string, previous: string) =>
      add({ kind: "event", name: "connection-state-change", args: [current, previous] }),
    result: (of: RecordedEntry, outcome: "ok" | "error", code?: string) =>
      add({ kind: "result", name: of.name, args: [], outcome, ...(code ? { code } : {}), callSeq: of.seq }),
  };
}

function legalCall(stopWhileConnected = false): RecordedEntry[] {
  const t = timeline();
  t.call("startProxyServer", "DISCONNECTED", 3);
  const join = t.call("join", "DISCONNECTED", "<appid>", "room", null, null);
  t.state("CONNECTING", "DISCONNECTED");
  t.state("CONNECTED", "CONNECTING");
  t.result(join, "ok");
  if (stopWhileConnected) t.call("stopProxyServer", "CONNECTED");
  const leave = t.call("leave", "CONNECTED");
  t.state("DISCONNECTING", "CONNECTED");
  t.state("DISCONNECTED", "DISCONNECTING");
  t.result(leave, "ok");
  t.call("stopProxyServer", "DISCONNECTED");
  return t.entries;
}

const rules = (entries: readonly RecordedEntry[]) =>
  checkSdkCallOrder(entries).violations.map((violation) => violation.rule);

describe("the SDK call order checker", () => {
  it("accepts start -> join -> leave -> stop and ends with the client clean", () => {
    const { violations, clients, calls } = checkSdkCallOrder(legalCall());
    expect(violations).toEqual([]);
    expect(calls).toBe(4);
    expect(clients.get("sim-1")).toEqual({
      connectionState: "DISCONNECTED",
      proxyMode: null,
      pendingJoins: 0,
      unsettledCalls: [],
    });
  });

  it("accepts a join cancelled by leave (OPERATION_ABORTED arrives after the leave)", () => {
    const t = timeline();
    const join = t.call("join", "DISCONNECTED", "<appid>", "room", null, null);
    t.state("CONNECTING", "DISCONNECTED");
    const leave = t.call("leave", "CONNECTING");
    t.state("DISCONNECTING", "CONNECTING");
    t.state("DISCONNECTED", "DISCONNECTING");
    t.result(leave, "ok");
    t.result(join, "error", "OPERATION_ABORTED");
    expect(rules(t.entries)).toEqual([]);
  });

  it("flags stopProxyServer() while still CONNECTED (the useJoin cleanup race)", () => {
    expect(rules(legalCall(true))).toEqual(["stop-proxy-when-disconnected"]);
  });

  it("flags startProxyServer() while CONNECTING, and an invalid mode", () => {
    const t = timeline();
    t.call("join", "DISCONNECTED", "<appid>", "room", null);
    t.state("CONNECTING", "DISCONNECTED");
    t.call("startProxyServer", "CONNECTING", 4);
    expect(rules(t.entries)).toEqual(["start-proxy-when-disconnected", "proxy-mode-valid"]);
  });

  it("flags a second join while the first is pending, and its INVALID_OPERATION", () => {
    const t = timeline();
    t.call("join", "DISCONNECTED", "<appid>", "room", null);
    t.state("CONNECTING", "DISCONNECTED");
    const second = t.call("join", "CONNECTING", "<appid>", "room", null);
    t.result(second, "error", "INVALID_OPERATION");
    expect(rules(t.entries)).toEqual(["join-when-disconnected", "one-join-at-a-time", "call-failed"]);
  });

  it("flags a failed join unless the test allowed its code", () => {
    const t = timeline();
    const join = t.call("join", "DISCONNECTED", "<appid>", "room", null);
    t.state("CONNECTING", "DISCONNECTED");
    t.state("DISCONNECTED", "CONNECTING");
    t.result(join, "error", "CAN_NOT_GET_GATEWAY_SERVER");
    expect(rules(t.entries)).toEqual(["call-failed"]);
    const allowed = checkSdkCallOrder(t.entries, { allowedFailureCodes: ["CAN_NOT_GET_GATEWAY_SERVER"] });
    expect(allowed.violations).toEqual([]);
  });

  it("flags a call recorded in a state the events do not explain", () => {
    const t = timeline();
    t.call("leave", "CONNECTED");
    expect(rules(t.entries)).toEqual(["timeline-consistent"]);
  });

  it("reports a join still pending at the end", () => {
    const t = timeline();
    t.call("join", "DISCONNECTED", "<appid>", "room", null);
    t.state("CONNECTING", "DISCONNECTED");
    const end = checkSdkCallOrder(t.entries).clients.get("sim-1");
    expect(end).toMatchObject({ connectionState: "CONNECTING", pendingJoins: 1, unsettledCalls: [1] });
  });
});
