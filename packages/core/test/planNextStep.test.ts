import { describe, expect, it } from "vitest";
import { type ActualState, type DesiredState, planNextStep } from "../src/session/planNextStep";

const J = { name: "join J" };
const K = { name: "join K" };
type Intent = typeof J;

function actual(overrides: Partial<ActualState<Intent>>): ActualState<Intent> {
  return {
    mode: null,
    connectionState: "DISCONNECTED",
    attempt: null,
    joinInFlight: false,
    ...overrides,
  };
}
function desired(overrides: Partial<DesiredState<Intent>>): DesiredState<Intent> {
  return { mode: null, join: null, ...overrides };
}

describe("planNextStep: the only legal path from actual to desired", () => {
  it.each([
    [
      "proxy wanted, DISCONNECTED -> start it",
      desired({ mode: "udp" }),
      actual({}),
      "rejoin",
      { kind: "startProxy", mode: "udp" },
    ],
    [
      "other mode wanted, DISCONNECTED -> start the new mode directly",
      desired({ mode: "tls" }),
      actual({ mode: "udp" }),
      "rejoin",
      { kind: "startProxy", mode: "tls" },
    ],
    [
      "proxy off wanted, DISCONNECTED -> stop it",
      desired({}),
      actual({ mode: "tls" }),
      "rejoin",
      { kind: "stopProxy" },
    ],
    [
      "join wanted, proxy not settled -> proxy first",
      desired({ mode: "udp", join: J }),
      actual({}),
      "rejoin",
      { kind: "startProxy", mode: "udp" },
    ],
    [
      "join wanted, proxy settled -> join",
      desired({ mode: "udp", join: J }),
      actual({ mode: "udp" }),
      "rejoin",
      { kind: "join", intent: J },
    ],
    [
      "join in flight while still DISCONNECTED -> wait",
      desired({ join: J }),
      actual({ joinInFlight: true, attempt: J }),
      "rejoin",
      null,
    ],
    [
      "CONNECTING, no join wanted -> leave",
      desired({}),
      actual({ connectionState: "CONNECTING", attempt: J }),
      "rejoin",
      { kind: "leave" },
    ],
    [
      "CONNECTED with other options -> leave first",
      desired({ join: K }),
      actual({ connectionState: "CONNECTED", attempt: J }),
      "rejoin",
      { kind: "leave" },
    ],
    [
      "CONNECTED, mode differs, rejoin -> leave",
      desired({ mode: "tls", join: J }),
      actual({ mode: "udp", connectionState: "CONNECTED", attempt: J }),
      "rejoin",
      { kind: "leave" },
    ],
    [
      "CONNECTED, mode differs, defer -> wait",
      desired({ mode: "tls", join: J }),
      actual({ mode: "udp", connectionState: "CONNECTED", attempt: J }),
      "defer",
      null,
    ],
    [
      "RECONNECTING, nothing changed -> wait for the SDK",
      desired({ join: J }),
      actual({ connectionState: "RECONNECTING", attempt: J }),
      "rejoin",
      null,
    ],
    [
      "DISCONNECTING -> wait for DISCONNECTED",
      desired({ mode: "udp" }),
      actual({ connectionState: "DISCONNECTING" }),
      "rejoin",
      null,
    ],
    [
      "everything matches -> idle",
      desired({ mode: "udp", join: J }),
      actual({ mode: "udp", connectionState: "CONNECTED", attempt: J }),
      "rejoin",
      null,
    ],
  ] as const)("%s", (_name, want, have, policy, step) => {
    expect(planNextStep(want, have, policy)).toEqual(step);
  });

  it("never plans startProxyServer or stopProxyServer unless DISCONNECTED", () => {
    const states = ["DISCONNECTED", "CONNECTING", "CONNECTED", "RECONNECTING", "DISCONNECTING"] as const;
    const modes = [null, "udp", "tls"] as const;
    const joins = [null, J, K];
    for (const connectionState of states)
      for (const mode of modes)
        for (const wanted of modes)
          for (const join of joins)
            for (const attempt of joins)
              for (const policy of ["rejoin", "defer"] as const) {
                const step = planNextStep(
                  desired({ mode: wanted, join }),
                  actual({ mode, connectionState, attempt }),
                  policy,
                );
                if (step?.kind === "startProxy" || step?.kind === "stopProxy" || step?.kind === "join") {
                  expect(connectionState).toBe("DISCONNECTED");
                }
                if (step?.kind === "join") expect(mode).toBe(wanted);
              }
  });
});
