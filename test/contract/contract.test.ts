// @vitest-environment jsdom
/**
 * The contract suite: every row of `scenarios.ts` runs against the real agora-rtc-sdk-ng
 * 4.24.8 (offline, under jsdom) and against `@agora-cloud-proxy/testing`'s fake. Each run is
 * checked against the row, and the fake's full observation (step outcomes, events, listener
 * arity, the calls of the row's named test listeners, final state and the SDK-internal proxy
 * settings) must deep-equal the real one, so the suite fails on any difference between them.
 *
 * Reaching CONNECTED and RECONNECTING on the real client offline: a real join never gets past
 * CONNECTING without a network, so rows with `drive` steps set `client._gateway.state`, the
 * field behind `client.connectionState`. Its setter emits the same `connection-state-change`
 * the client forwards to listeners (and on DISCONNECTED the client runs its own `_reset()`),
 * so the guards under test (`startProxyServer`, `stopProxyServer`, `setProxyServer`, `join`)
 * are the SDK's own code reading the SDK's own state. For a drop with a reason the runner sets
 * `_gateway._disconnectedReason` for that one assignment and puts it back, so the reason does
 * not leak into later events. What the hack cannot do is complete a join: the pending join
 * keeps retrying until `leave()` cancels it, and the fake mirrors that (`forceConnectionState`
 * leaves a pending join pending). Rows that need a join to really connect are `fakeOnly`.
 *
 * Token messages from the gateway (`gateway` steps) are emitted on the real client's
 * signalling channel (`_gateway.signal`), whose handlers are the SDK's own: `token-privilege-
 * will-expire` is re-emitted; on did-expire the client runs `_gateway.leave(true, TOKEN_EXPIRE)`,
 * emits `token-privilege-did-expire` and resets. The one addition: the signal is marked open
 * first (its `_connectionState` field), since an offline signal never opened and closing it
 * would report no reason. Driven to CONNECTED, the real client still has no join info (its
 * servers never answered), so `renewToken` is refused there, and the fake agrees.
 *
 * Timing: a cancelled real join rejects about 1-1.6 s after `leave()`, so the real rows run
 * concurrently (`it.concurrent`); the row that changes the SDK's process-wide configuration
 * (`setLocalAccessPoints`) runs after all of them.
 */
import "../support/offline";
import { createFakeAgoraClient, type DisconnectedReasonName, type FakeAgoraClient } from "@agora-cloud-proxy/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ContractClient,
  type ContractTarget,
  expectedObservation,
  type FullObservation,
  runScenario,
  tableView,
} from "./runScenario";
import { type Scenario, scenarios } from "./scenarios";
import { loadAgoraRTC } from "../support/realSdk";

/** The real client's private fields the contract reads or drives. */
interface RealClientInternals {
  _gateway: {
    state: string;
    _disconnectedReason?: string;
    /** The gateway's signalling channel: an event emitter whose messages the client handles. */
    signal: { _connectionState: string; emit(event: string, ...args: unknown[]): void };
  };
  _proxyServer?: string;
  _turnServer: { mode: string };
  _useLocalAccessPoint?: boolean;
}

let AgoraRTC: Awaited<ReturnType<typeof loadAgoraRTC>>;

beforeAll(async () => {
  // Loaded after the offline stubs, logs silenced: the SDK never sees the real network.
  AgoraRTC = await loadAgoraRTC();
});

function createRealTarget(): ContractTarget {
  const client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
  const internals = client as unknown as RealClientInternals;
  return {
    client: client as unknown as ContractClient,
    drive(state, reason) {
      const gateway = internals._gateway;
      const previousReason = gateway._disconnectedReason;
      if (reason) gateway._disconnectedReason = reason;
      gateway.state = state;
      gateway._disconnectedReason = previousReason;
    },
    async fake(control) {
      throw new Error(`fake.${control}() has no real-client equivalent: mark the row fakeOnly.`);
    },
    gateway(message) {
      const { signal } = internals._gateway;
      if (message === "token will expire") {
        signal.emit("on_token_privilege_will_expire");
        return;
      }
      // Online, the signalling socket is open when the gateway speaks; offline it never opened,
      // and closing a closed socket reports no reason. Mark it open (the field only, so no
      // "connected" side effects run) so the SDK's own close reports TOKEN_EXPIRE.
      signal._connectionState = "connected";
      signal.emit("on_token_privilege_did_expire");
    },
    internals: () => ({
      proxyServer: internals._proxyServer,
      turnServerMode: internals._turnServer.mode,
      useLocalAccessPoint: Boolean(internals._useLocalAccessPoint),
    }),
  };
}

function createFakeTarget(client: FakeAgoraClient): ContractTarget {
  return {
    client,
    drive: (state, reason) => client.fake.forceConnectionState(state, reason as DisconnectedReasonName | undefined),
    async fake(control) {
      if (control === "completePendingJoin") client.fake.completePendingJoin();
      else await client.fake.dropNetwork();
    },
    gateway(message) {
      if (message === "token will expire") client.fake.expireTokenSoon();
      else client.fake.expireToken();
    },
    internals: () => ({
      proxyServer: client._proxyServer,
      turnServerMode: client._turnServer.mode,
      useLocalAccessPoint: client._useLocalAccessPoint,
    }),
  };
}

/** What every run must show, whichever client it ran on. */
function expectToMatchRow(expectation: typeof expect, observation: FullObservation, scenario: Scenario): void {
  expectation(tableView(observation)).toEqual(expectedObservation(scenario));
  // The SDK always calls connection-state-change listeners with (current, previous, reason).
  expectation(observation.listenerArities).toEqual(observation.events.length > 0 ? [3] : []);
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

function defer<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The fake's row may never ask (if it is filtered out); don't report an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

const sharedRows = scenarios.filter((scenario) => !scenario.fakeOnly);

/** Test name: the row's name, marked when the row drives the connection state from outside. */
function testName(scenario: Scenario): string {
  const driven = scenario.steps.some((step) => "drive" in step) ? " [gateway state driven]" : "";
  const fakeOnly = scenario.fakeOnly ? ` [fake only: ${scenario.fakeOnly}]` : "";
  return `${scenario.name}${driven}${fakeOnly}`;
}
const realRuns = new Map(sharedRows.map((scenario) => [scenario.name, defer<FullObservation>()]));

describe("the contract table", () => {
  it("has at least 30 rows with unique names", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
    expect(new Set(scenarios.map((scenario) => scenario.name)).size).toBe(scenarios.length);
  });
});

describe("real agora-rtc-sdk-ng 4.24.8 (offline, jsdom)", () => {
  const runOnRealClient = async (scenario: Scenario, expectation: typeof expect) => {
    const run = realRuns.get(scenario.name);
    if (!run) throw new Error(`No deferred for "${scenario.name}".`);
    let observation: FullObservation;
    try {
      observation = await runScenario(createRealTarget(), scenario);
    } catch (error) {
      run.reject(error);
      throw error;
    }
    run.resolve(observation);
    expectToMatchRow(expectation, observation, scenario);
  };

  for (const scenario of sharedRows.filter((row) => !row.mutatesSdkGlobals)) {
    it.concurrent(testName(scenario), async ({ expect: expectation }) => runOnRealClient(scenario, expectation));
  }
  // After every concurrent row: setLocalAccessPoints rewrites the SDK's process-wide access point config.
  for (const scenario of sharedRows.filter((row) => row.mutatesSdkGlobals)) {
    it(testName(scenario), async ({ expect: expectation }) => runOnRealClient(scenario, expectation));
  }
});

describe("fake client (@agora-cloud-proxy/testing)", () => {
  for (const scenario of scenarios) {
    it(testName(scenario), async () => {
      const client = createFakeAgoraClient({ offline: true });
      const observation = await runScenario(createFakeTarget(client), scenario);

      expectToMatchRow(expect, observation, scenario);
      expect(client.fake.listenerCount(), "listeners left on the fake after the row").toBe(0);
      if (scenario.fakeOnly) return;

      const real = await realRuns.get(scenario.name)?.promise;
      expect(observation, "the fake differs from the real SDK").toEqual(real);
    });
  }
});
