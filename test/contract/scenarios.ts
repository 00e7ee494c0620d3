import type { ConnectionState } from "agora-rtc-sdk-ng";

/**
 * The contract between agora-rtc-sdk-ng 4.24.8 and `@agora-cloud-proxy/testing`'s fake: one
 * table of scenarios, run step by step against both clients by `contract.test.ts`. Each row
 * states the outcome of every step, the final state and the `connection-state-change` events
 * (and, for the event-listener rows, the calls of its named test listeners).
 *
 * Messages are compared whole, with the SDK's `[client-xxxxx]` id normalised to `[client-*]`.
 */

/**
 * `"ok"`, or the error a call threw / a promise rejected with.
 *
 * @example
 * const refused: ContractOutcome = { code: "INVALID_OPERATION", message: "AgoraRTCError INVALID_OPERATION: ..." };
 */
export type ContractOutcome = "ok" | { readonly code: string; readonly message: string };

/**
 * One `connection-state-change`: `[current, previous]`, plus the reason when the SDK gave one.
 *
 * @example
 * const drop: StateChange = ["DISCONNECTED", "RECONNECTING", "NETWORK_ERROR"];
 */
export type StateChange =
  readonly [ConnectionState, ConnectionState] | readonly [ConnectionState, ConnectionState, string];

/**
 * The synchronous proxy configuration methods.
 *
 * @example
 * const method: SyncMethod = "stopProxyServer";
 */
export type SyncMethod =
  "startProxyServer" | "stopProxyServer" | "setProxyServer" | "setTurnServer" | "setLocalAccessPoints";

/**
 * A test listener the runner makes once per run: rows register it by name, read it back from
 * `getListeners`, and see each call in `listenerCalls` as `name(first argument)`. Besides
 * recording, `"removes b"` and `"adds c"` call `off`/`on` for `connection-state-change` with
 * `b`/`c` (to show what a change made during an emit does), and `"throws"` throws.
 *
 * @example
 * const step: ScenarioStep = { listen: "once", event: "connection-state-change", listener: "a" };
 */
export type ListenerName = "a" | "b" | "c" | "removes b" | "adds c" | "throws";

/**
 * What `client.getRTCStats()` returned, compared whole.
 *
 * @example
 * const idle: StatsSnapshot = { Duration: 0, UserCount: 1, SendBitrate: 0, SendBytes: 0, RecvBytes: 0, RecvBitrate: 0, OutgoingAvailableBandwidth: 0, RTT: 0 };
 */
export type StatsSnapshot = Readonly<Record<string, number>>;

/**
 * A message from Agora's gateway about the token, delivered to the client from outside: real
 * client, its signalling channel emits it (see contract.test.ts); fake, `fake.expireTokenSoon()`
 * / `fake.expireToken()`.
 *
 * @example
 * const step: ScenarioStep = { gateway: "token did expire" };
 */
export type GatewayMessage = "token will expire" | "token did expire";

/**
 * A step of a scenario.
 *
 * @example
 * const steps: ScenarioStep[] = [{ start: "join" }, { call: "leave", expect: "ok" }, { settle: "join", expect: JOIN_CANCELLED }];
 */
export type ScenarioStep =
  /** Call a synchronous method; `args` omitted means no arguments at all. */
  | { readonly call: SyncMethod; readonly args?: readonly unknown[]; readonly expect: ContractOutcome }
  /**
   * Call an async method and await it (only for calls that settle at once, e.g. rejected joins).
   * One that throws instead of returning a rejected promise is reported as such (see runScenario).
   */
  | {
      readonly call: "join" | "leave" | "renewToken";
      readonly args?: readonly unknown[];
      readonly expect: ContractOutcome;
    }
  /** Call `join` / `leave` without awaiting; its promise is kept under `as` (default: the method name). */
  | { readonly start: "join" | "leave"; readonly args?: readonly unknown[]; readonly as?: string }
  /** Await a promise kept by `start` and check how it settled. */
  | { readonly settle: string; readonly expect: ContractOutcome }
  /**
   * Make a synchronous call from inside the `connection-state-change` listener the first time
   * the client enters `whenState` (the only way to act while DISCONNECTING); its outcome is
   * kept under `as` for a later `settle`.
   */
  | {
      readonly whenState: ConnectionState;
      readonly call: SyncMethod;
      readonly args?: readonly unknown[];
      readonly as: string;
    }
  /** Read `connectionState` now. */
  | { readonly expectState: ConnectionState }
  /** Wait (up to 5 s) until `connectionState` is this. */
  | { readonly waitForState: ConnectionState }
  /**
   * Drive the connection state from outside, as the network would. Real client:
   * `client._gateway.state = state` (see contract.test.ts); fake: `fake.forceConnectionState`.
   */
  | { readonly drive: "CONNECTED" | "RECONNECTING" | "DISCONNECTED"; readonly reason?: string }
  /** A fake-only control (rows marked `fakeOnly`). */
  | { readonly fake: "completePendingJoin" | "dropNetwork" }
  /** The gateway tells the client something about its token (see {@link GatewayMessage}). */
  | { readonly gateway: GatewayMessage }
  /** `client.getRTCStats()` now, compared whole with `expect`. */
  | { readonly getRTCStats: true; readonly expect: StatsSnapshot }
  /** `client.on` / `once` / `off(event, listener)` with a named test listener; the outcome must be "ok". */
  | { readonly listen: "on" | "once" | "off"; readonly event: string; readonly listener: ListenerName }
  /** `client.removeAllListeners(...args)` (`[]`: no argument at all); the outcome must be "ok". */
  | { readonly removeAllListeners: readonly unknown[] }
  /** `client.getListeners(event)` by name: test listeners by theirs, the runner's own as `"(runner)"`. */
  | { readonly getListeners: string; readonly expect: readonly string[] };

/**
 * One row of the contract table.
 *
 * @example
 * const row: Scenario = {
 *   name: "stopProxyServer without a start is fine",
 *   steps: [{ call: "stopProxyServer", expect: "ok" }],
 *   final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
 *   events: [],
 * };
 */
export interface Scenario {
  /** What the row shows, phrased as the rule it pins down. */
  readonly name: string;
  readonly steps: readonly ScenarioStep[];
  readonly final: {
    readonly connectionState: ConnectionState;
    readonly proxyMode: "disabled" | "proxy3" | "proxy4" | "proxy5";
  };
  readonly events: readonly StateChange[];
  /** Payloads of `is-using-cloud-proxy`; none unless said (the real SDK cannot connect offline). */
  readonly usingCloudProxy?: readonly boolean[];
  /** Calls of the named test listeners, in order, as `name(first argument)`; none unless said. */
  readonly listenerCalls?: readonly string[];
  /** Why the row cannot run on the real SDK offline; such rows run on the fake only. */
  readonly fakeOnly?: string;
  /** The row changes the real SDK's process-wide configuration: run it after every other real row. */
  readonly mutatesSdkGlobals?: true;
}

// --- vocabulary ----------------------------------------------------------------------------

const fail = (code: string, text: string): ContractOutcome => ({ code, message: `AgoraRTCError ${code}: ${text}` });

const START_BEFORE_JOIN = fail("INVALID_OPERATION", "Start proxy server before join channel");
const STOP_AFTER_LEAVE = fail("INVALID_OPERATION", "Stop proxy server after leave channel");
const ALREADY_SET = fail("INVALID_OPERATION", "You have already set the proxy");
const MODE_DEPRECATED = fail("NOT_SUPPORTED", "proxy mode 1/2 has been deprecated and not supported.");
const MODE_INVALID = fail("INVALID_PARAMS", "proxy server mode must be 3|4|5");
const SET_PROXY_BEFORE_JOIN = fail("INVALID_OPERATION", "Set proxy server before join channel");
const SET_TURN_BEFORE_JOIN = fail("INVALID_OPERATION", "Set turn server before join channel");
const ALREADY_CONNECTING = fail("INVALID_OPERATION", "[client-*] Client already in connecting/connected state");
const JOIN_CANCELLED = fail("OPERATION_ABORTED", "cancel token canceled");
const RENEW_BEFORE_JOIN = fail("INVALID_OPERATION", "renewToken should not be called before user join");
const TOKEN_INVALID = fail("INVALID_PARAMS", "Invalid token: Length of the string: [1,2047]. ASCII characters only.");
const TOKEN_EMPTY = fail("INVALID_PARAMS", "token cannot be empty");
/** What `getRTCStats()` gives with no media: the SDK counts the local user even before a join. */
const IDLE_STATS = {
  Duration: 0,
  UserCount: 1,
  SendBitrate: 0,
  SendBytes: 0,
  RecvBytes: 0,
  RecvBitrate: 0,
  OutgoingAvailableBandwidth: 0,
  RTT: 0,
};
const LOCAL_AP_CONFLICT = fail(
  "INVALID_OPERATION",
  "set local access point failed, You have already set the cloud proxy",
);

const PROXY_URL = "proxy.example.com";
const MANUAL_TURN = {
  turnServerURL: "turn.example.com",
  username: "user",
  password: "secret",
  udpport: 3478,
  tcpport: 443,
  forceturn: false,
};
const ICE_SERVER_TURN = [{ urls: "turn:turn.example.com:3478", username: "user", credential: "secret" }];

const JOIN_THEN_LEAVE: readonly StateChange[] = [
  ["CONNECTING", "DISCONNECTED"],
  ["DISCONNECTING", "CONNECTING"],
  ["DISCONNECTED", "DISCONNECTING"],
];

/** Start a join, leave, and check that the join was cancelled: the only way out of an offline join. */
const joinAndLeave: readonly ScenarioStep[] = [
  { start: "join" },
  { call: "leave", expect: "ok" },
  { settle: "join", expect: JOIN_CANCELLED },
];

const startWith = (
  mode: unknown,
  expect: ContractOutcome,
  final: Scenario["final"]["proxyMode"],
  name: string,
): Scenario => ({
  name,
  steps: [{ call: "startProxyServer", args: [mode], expect }],
  final: { connectionState: "DISCONNECTED", proxyMode: final },
  events: [],
});

// --- the table -----------------------------------------------------------------------------

/**
 * The table. Rows run on both clients unless marked `fakeOnly`.
 *
 * @example
 * for (const scenario of scenarios) it(scenario.name, () => runScenario(target, scenario));
 */
export const scenarios: readonly Scenario[] = [
  // Every mode value, on a fresh (DISCONNECTED) client.
  {
    name: "startProxyServer() with no mode turns on proxy3",
    steps: [{ call: "startProxyServer", expect: "ok" }],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [],
  },
  startWith(undefined, "ok", "proxy3", "startProxyServer(undefined) turns on proxy3"),
  startWith(1, MODE_DEPRECATED, "disabled", "startProxyServer(1) is NOT_SUPPORTED (deprecated mode)"),
  startWith(2, MODE_DEPRECATED, "disabled", "startProxyServer(2) is NOT_SUPPORTED (deprecated mode)"),
  startWith(3, "ok", "proxy3", "startProxyServer(3) turns on proxy3 (UDP)"),
  startWith(4, "ok", "proxy4", "startProxyServer(4) is accepted though undocumented (proxy4)"),
  startWith(5, "ok", "proxy5", "startProxyServer(5) turns on proxy5 (TCP over TLS 443)"),
  startWith(0, MODE_INVALID, "disabled", "startProxyServer(0) is INVALID_PARAMS"),
  startWith(6, MODE_INVALID, "disabled", "startProxyServer(6) is INVALID_PARAMS"),
  startWith(-1, MODE_INVALID, "disabled", "startProxyServer(-1) is INVALID_PARAMS"),
  startWith(Number.NaN, MODE_INVALID, "disabled", "startProxyServer(NaN) is INVALID_PARAMS"),
  startWith("3", MODE_INVALID, "disabled", 'startProxyServer("3") is INVALID_PARAMS (no string coercion)'),
  startWith(null, MODE_INVALID, "disabled", "startProxyServer(null) is INVALID_PARAMS (null is not undefined)"),

  // Start and stop while DISCONNECTED.
  {
    name: "starting twice with the same mode is allowed",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      { call: "startProxyServer", args: [3], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [],
  },
  {
    name: "switching mode 3 -> 5 while DISCONNECTED needs no stop",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      { call: "startProxyServer", args: [5], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: [],
  },
  {
    name: "an invalid mode after a valid one keeps the valid one",
    steps: [
      { call: "startProxyServer", args: [5], expect: "ok" },
      { call: "startProxyServer", args: [7], expect: MODE_INVALID },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: [],
  },
  {
    name: "stopProxyServer without a start is fine",
    steps: [{ call: "stopProxyServer", expect: "ok" }],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "stopping twice is fine",
    steps: [
      { call: "startProxyServer", args: [5], expect: "ok" },
      { call: "stopProxyServer", expect: "ok" },
      { call: "stopProxyServer", expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },

  // CONNECTING: every proxy call is refused; only leave() gets out of an offline join.
  {
    name: "startProxyServer while CONNECTING is INVALID_OPERATION, and leave cancels the join",
    steps: [
      { start: "join" },
      { expectState: "CONNECTING" },
      { call: "startProxyServer", args: [5], expect: START_BEFORE_JOIN },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "stopProxyServer while CONNECTING is INVALID_OPERATION and the proxy stays on",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      { start: "join" },
      { call: "stopProxyServer", expect: STOP_AFTER_LEAVE },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "setProxyServer while CONNECTING is INVALID_OPERATION",
    steps: [
      { start: "join" },
      { call: "setProxyServer", args: [PROXY_URL], expect: SET_PROXY_BEFORE_JOIN },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "setTurnServer while CONNECTING is INVALID_OPERATION",
    steps: [
      { start: "join" },
      { call: "setTurnServer", args: [MANUAL_TURN], expect: SET_TURN_BEFORE_JOIN },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "join while CONNECTING rejects INVALID_OPERATION (already connecting)",
    steps: [
      { start: "join" },
      { call: "join", expect: ALREADY_CONNECTING },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "join with an undefined token is INVALID_PARAMS and never leaves DISCONNECTED",
    steps: [
      {
        call: "join",
        args: ["0123456789abcdef0123456789abcdef", "contract", undefined, 1],
        expect: fail("INVALID_PARAMS", "Invalid token: undefined. If you don not use token, set it to null"),
      },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },

  {
    name: "inside state listeners: stop is refused while DISCONNECTING, start works on DISCONNECTED",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      { start: "join" },
      { whenState: "DISCONNECTING", call: "stopProxyServer", as: "stop on DISCONNECTING" },
      { whenState: "DISCONNECTED", call: "startProxyServer", args: [5], as: "start on DISCONNECTED" },
      { call: "leave", expect: "ok" },
      { settle: "stop on DISCONNECTING", expect: STOP_AFTER_LEAVE },
      { settle: "start on DISCONNECTED", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: JOIN_THEN_LEAVE,
  },

  {
    name: "a join with a string uid, or with none, goes CONNECTING like any other",
    steps: [
      { start: "join", args: ["0123456789abcdef0123456789abcdef", "contract", null, "alice"], as: "join as alice" },
      { expectState: "CONNECTING" },
      { call: "leave", expect: "ok" },
      { settle: "join as alice", expect: JOIN_CANCELLED },
      { start: "join", args: ["0123456789abcdef0123456789abcdef", "contract", null], as: "join without uid" },
      { call: "leave", expect: "ok" },
      { settle: "join without uid", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [...JOIN_THEN_LEAVE, ...JOIN_THEN_LEAVE],
  },

  // Leave: cancels a pending join, is idempotent, and is serialised.
  {
    name: "leave cancels a pending join with OPERATION_ABORTED and keeps the proxy mode",
    steps: [{ call: "startProxyServer", args: [5], expect: "ok" }, ...joinAndLeave],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "startProxyServer after leave works",
    steps: [...joinAndLeave, { call: "startProxyServer", args: [5], expect: "ok" }],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "stopProxyServer after leave works",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      ...joinAndLeave,
      { call: "stopProxyServer", expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "leave while DISCONNECTED resolves with no events",
    steps: [{ call: "leave", expect: "ok" }],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "leaving twice after a join: the second leave is a no-op",
    steps: [...joinAndLeave, { call: "leave", expect: "ok" }],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "two leaves at once both resolve, with one DISCONNECTING -> DISCONNECTED",
    steps: [
      { start: "join" },
      { start: "leave", as: "first leave" },
      { start: "leave", as: "second leave" },
      { settle: "first leave", expect: "ok" },
      { settle: "second leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "a join issued while a leave is in flight waits for the leave, then connects",
    steps: [
      { start: "join", as: "first join" },
      { start: "leave" },
      { start: "join", as: "second join" },
      { settle: "leave", expect: "ok" },
      { waitForState: "CONNECTING" },
      { call: "leave", expect: "ok" },
      { settle: "first join", expect: JOIN_CANCELLED },
      { settle: "second join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [...JOIN_THEN_LEAVE, ...JOIN_THEN_LEAVE],
  },
  {
    name: "a full cycle: proxy3 join and leave, stop, then proxy5 join and leave",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      ...joinAndLeave,
      { call: "stopProxyServer", expect: "ok" },
      { call: "startProxyServer", args: [5], expect: "ok" },
      ...joinAndLeave,
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: [...JOIN_THEN_LEAVE, ...JOIN_THEN_LEAVE],
  },

  // Conflicts with the manual proxy settings.
  {
    name: "setProxyServer then startProxyServer: already set the proxy",
    steps: [
      { call: "setProxyServer", args: [PROXY_URL], expect: "ok" },
      { call: "startProxyServer", args: [3], expect: ALREADY_SET },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "startProxyServer then setProxyServer: already set the proxy",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      { call: "setProxyServer", args: [PROXY_URL], expect: ALREADY_SET },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [],
  },
  {
    name: "a manual setTurnServer then startProxyServer: already set the proxy",
    steps: [
      { call: "setTurnServer", args: [MANUAL_TURN], expect: "ok" },
      { call: "startProxyServer", args: [5], expect: ALREADY_SET },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "startProxyServer then setTurnServer: already set the proxy",
    steps: [
      { call: "startProxyServer", args: [5], expect: "ok" },
      { call: "setTurnServer", args: [MANUAL_TURN], expect: ALREADY_SET },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: [],
  },
  {
    name: "stopProxyServer clears a setProxyServer conflict",
    steps: [
      { call: "setProxyServer", args: [PROXY_URL], expect: "ok" },
      { call: "startProxyServer", args: [3], expect: ALREADY_SET },
      { call: "stopProxyServer", expect: "ok" },
      { call: "startProxyServer", args: [3], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [],
  },
  {
    name: "stopProxyServer clears a setTurnServer conflict",
    steps: [
      { call: "setTurnServer", args: [MANUAL_TURN], expect: "ok" },
      { call: "startProxyServer", args: [5], expect: ALREADY_SET },
      { call: "stopProxyServer", expect: "ok" },
      { call: "startProxyServer", args: [5], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: [],
  },
  {
    name: "leave() forgets setProxyServer, even while DISCONNECTED, so startProxyServer works after it",
    steps: [
      { call: "setProxyServer", args: [PROXY_URL], expect: "ok" },
      { call: "leave", expect: "ok" },
      { call: "startProxyServer", args: [3], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [],
  },
  {
    name: "leave() does not forget a manual setTurnServer",
    steps: [
      { call: "setTurnServer", args: [MANUAL_TURN], expect: "ok" },
      ...joinAndLeave,
      { call: "startProxyServer", args: [3], expect: ALREADY_SET },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "an RTCIceServer-style setTurnServer ({ urls }) does not block the cloud proxy",
    steps: [
      { call: "setTurnServer", args: [ICE_SERVER_TURN], expect: "ok" },
      { call: "startProxyServer", args: [3], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [],
  },
  {
    name: "an empty setTurnServer([]) list still counts as a manual TURN server",
    steps: [
      { call: "setTurnServer", args: [[]], expect: "ok" },
      { call: "startProxyServer", args: [3], expect: ALREADY_SET },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "an invalid setProxyServer value is INVALID_PARAMS and blocks nothing",
    steps: [
      {
        call: "setProxyServer",
        args: [""],
        expect: fail("INVALID_PARAMS", "Invalid proxyServer: Length of the string: [1,255]. ASCII characters only."),
      },
      { call: "setProxyServer", args: [null], expect: fail("INVALID_PARAMS", "proxyServer cannot be empty") },
      { call: "startProxyServer", args: [3], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [],
  },
  {
    name: "an invalid manual setTurnServer is INVALID_PARAMS and blocks nothing",
    steps: [
      {
        call: "setTurnServer",
        args: [{ ...MANUAL_TURN, tcpport: 100_000 }],
        expect: fail("INVALID_PARAMS", "invalid tcpport: the value range is [1, 99999]. integer only"),
      },
      { call: "startProxyServer", args: [5], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: [],
  },
  {
    name: "setLocalAccessPoints while the cloud proxy is on is refused",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      { call: "setLocalAccessPoints", args: [["10.0.0.1"], "example.com"], expect: LOCAL_AP_CONFLICT },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [],
  },
  {
    name: "a local access point blocks startProxyServer for good: neither stop nor leave clears it",
    mutatesSdkGlobals: true,
    steps: [
      { call: "setLocalAccessPoints", args: [["10.0.0.1"], "example.com"], expect: "ok" },
      { call: "startProxyServer", args: [3], expect: ALREADY_SET },
      { call: "stopProxyServer", expect: "ok" },
      { call: "startProxyServer", args: [3], expect: ALREADY_SET },
      { call: "leave", expect: "ok" },
      { call: "startProxyServer", args: [3], expect: ALREADY_SET },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },

  // CONNECTED and RECONNECTING: reached on the real client by driving its gateway state.
  {
    name: "start, stop and setProxyServer while CONNECTED are INVALID_OPERATION",
    steps: [
      { call: "startProxyServer", args: [3], expect: "ok" },
      { start: "join" },
      { drive: "CONNECTED" },
      { call: "startProxyServer", args: [5], expect: START_BEFORE_JOIN },
      { call: "stopProxyServer", expect: STOP_AFTER_LEAVE },
      { call: "setProxyServer", args: [PROXY_URL], expect: SET_PROXY_BEFORE_JOIN },
      { call: "join", expect: ALREADY_CONNECTING },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
      { call: "startProxyServer", args: [5], expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["DISCONNECTING", "CONNECTED"],
      ["DISCONNECTED", "DISCONNECTING"],
    ],
  },
  {
    name: "start and stop while RECONNECTING are INVALID_OPERATION",
    steps: [
      { start: "join" },
      { drive: "CONNECTED" },
      { drive: "RECONNECTING" },
      { call: "startProxyServer", args: [3], expect: START_BEFORE_JOIN },
      { call: "stopProxyServer", expect: STOP_AFTER_LEAVE },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["RECONNECTING", "CONNECTED"],
      ["DISCONNECTING", "RECONNECTING"],
      ["DISCONNECTED", "DISCONNECTING"],
    ],
  },
  {
    name: "a drop to DISCONNECTED (NETWORK_ERROR) makes start legal again and forgets setProxyServer",
    steps: [
      { call: "setProxyServer", args: [PROXY_URL], expect: "ok" },
      { start: "join" },
      { drive: "CONNECTED" },
      { drive: "RECONNECTING" },
      { drive: "DISCONNECTED", reason: "NETWORK_ERROR" },
      { call: "startProxyServer", args: [5], expect: "ok" },
      // The drop does not settle the join (driven from outside, it keeps retrying); leave does.
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy5" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["RECONNECTING", "CONNECTED"],
      ["DISCONNECTED", "RECONNECTING", "NETWORK_ERROR"],
    ],
  },

  // Tokens: renewToken's checks, and what the gateway's token messages do.
  {
    name: "renewToken before any join is INVALID_OPERATION (a rejection, not a throw)",
    steps: [{ call: "renewToken", args: ["fresh-token"], expect: RENEW_BEFORE_JOIN }],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "renewToken checks the token (1-2047 ASCII characters) before it checks the join",
    steps: [
      { call: "renewToken", args: [""], expect: TOKEN_INVALID },
      { call: "renewToken", args: ["t".repeat(2048)], expect: TOKEN_INVALID },
      { call: "renewToken", args: ["tokén€"], expect: TOKEN_INVALID },
      { call: "renewToken", args: [42], expect: TOKEN_INVALID },
      { call: "renewToken", args: [{ token: "fresh-token" }], expect: TOKEN_INVALID },
      { call: "renewToken", args: [null], expect: TOKEN_EMPTY },
      { call: "renewToken", args: [], expect: TOKEN_EMPTY },
      { call: "renewToken", args: ["t".repeat(2047)], expect: RENEW_BEFORE_JOIN },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "renewToken while CONNECTING (join pending) is INVALID_OPERATION, and a bad token is still INVALID_PARAMS",
    steps: [
      { start: "join" },
      { call: "renewToken", args: ["fresh-token"], expect: RENEW_BEFORE_JOIN },
      { call: "renewToken", args: [""], expect: TOKEN_INVALID },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
      { call: "renewToken", args: ["fresh-token"], expect: RENEW_BEFORE_JOIN },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
  },
  {
    name: "renewToken on a client driven to CONNECTED without the servers' answer is INVALID_OPERATION (no join info)",
    steps: [
      { start: "join" },
      { drive: "CONNECTED" },
      { call: "renewToken", args: ["fresh-token"], expect: RENEW_BEFORE_JOIN },
      { drive: "RECONNECTING" },
      { call: "renewToken", args: ["fresh-token"], expect: RENEW_BEFORE_JOIN },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["RECONNECTING", "CONNECTED"],
      ["DISCONNECTING", "RECONNECTING"],
      ["DISCONNECTED", "DISCONNECTING"],
    ],
  },
  {
    name: "the gateway's will-expire is re-emitted as token-privilege-will-expire (no arguments) and changes nothing else",
    steps: [
      { start: "join" },
      { drive: "CONNECTED" },
      { listen: "on", event: "token-privilege-will-expire", listener: "a" },
      { gateway: "token will expire" },
      { expectState: "CONNECTED" },
      { listen: "off", event: "token-privilege-will-expire", listener: "a" },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["DISCONNECTING", "CONNECTED"],
      ["DISCONNECTED", "DISCONNECTING"],
    ],
    listenerCalls: ["a(undefined)"],
  },
  {
    name: "the gateway's did-expire: DISCONNECTING, DISCONNECTED (TOKEN_EXPIRE), then token-privilege-did-expire, at once",
    steps: [
      { call: "startProxyServer", args: [5], expect: "ok" },
      { start: "join" },
      { drive: "CONNECTED" },
      { listen: "on", event: "connection-state-change", listener: "b" },
      { listen: "on", event: "token-privilege-did-expire", listener: "a" },
      { listen: "on", event: "peerconnection-state-change", listener: "c" },
      { gateway: "token did expire" },
      // Read at once: every event above was emitted synchronously, inside the gateway's message.
      { expectState: "DISCONNECTED" },
      { call: "renewToken", args: ["fresh-token"], expect: RENEW_BEFORE_JOIN },
      { call: "startProxyServer", args: [3], expect: "ok" },
      { removeAllListeners: ["token-privilege-did-expire"] },
      { removeAllListeners: ["peerconnection-state-change"] },
      { listen: "off", event: "connection-state-change", listener: "b" },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["DISCONNECTING", "CONNECTED"],
      ["DISCONNECTED", "DISCONNECTING", "TOKEN_EXPIRE"],
    ],
    // No peer connection was ever opened (the join never got its answer), so none is closed.
    listenerCalls: ["b(DISCONNECTING)", "b(DISCONNECTED)", "a(undefined)"],
  },
  {
    name: "getRTCStats has the SDK's shape and counts the local user, before a join, while CONNECTING and driven CONNECTED",
    steps: [
      { getRTCStats: true, expect: IDLE_STATS },
      { start: "join" },
      { getRTCStats: true, expect: IDLE_STATS },
      { drive: "CONNECTED" },
      { getRTCStats: true, expect: IDLE_STATS },
      { call: "leave", expect: "ok" },
      { settle: "join", expect: JOIN_CANCELLED },
      { getRTCStats: true, expect: IDLE_STATS },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["DISCONNECTING", "CONNECTED"],
      ["DISCONNECTED", "DISCONNECTING"],
    ],
  },

  // Event listeners: the SDK's EventEmitter (on, once, off, removeAllListeners, getListeners).
  {
    name: "on and once ignore a listener already registered for the event; getListeners keeps registration order",
    steps: [
      { listen: "on", event: "user-joined", listener: "a" },
      { listen: "on", event: "user-joined", listener: "b" },
      { listen: "on", event: "user-joined", listener: "a" },
      { listen: "once", event: "user-joined", listener: "a" },
      { getListeners: "user-joined", expect: ["a", "b"] },
      { listen: "off", event: "user-joined", listener: "a" },
      { listen: "on", event: "user-joined", listener: "a" },
      { getListeners: "user-joined", expect: ["b", "a"] },
      { removeAllListeners: ["user-joined"] },
      { getListeners: "user-joined", expect: [] },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "a once listener runs for the next event only; listeners run in order, called on the client",
    steps: [
      { listen: "once", event: "connection-state-change", listener: "a" },
      { listen: "on", event: "connection-state-change", listener: "b" },
      { getListeners: "connection-state-change", expect: ["(runner)", "a", "b"] },
      ...joinAndLeave,
      { getListeners: "connection-state-change", expect: ["(runner)", "b"] },
      { listen: "off", event: "connection-state-change", listener: "b" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
    listenerCalls: ["a(CONNECTING)", "b(CONNECTING)", "b(DISCONNECTING)", "b(DISCONNECTED)"],
  },
  {
    name: "off ignores a listener that is not registered, and an event that has none",
    steps: [
      { listen: "off", event: "user-left", listener: "a" },
      { listen: "on", event: "user-left", listener: "b" },
      { listen: "off", event: "user-left", listener: "a" },
      { getListeners: "user-left", expect: ["b"] },
      { listen: "off", event: "user-left", listener: "b" },
      { getListeners: "user-left", expect: [] },
      { getListeners: "no-such-event", expect: [] },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "removeAllListeners(event) clears that event only",
    steps: [
      { listen: "on", event: "user-joined", listener: "a" },
      { listen: "on", event: "user-left", listener: "b" },
      { listen: "on", event: "connection-state-change", listener: "c" },
      { removeAllListeners: ["user-joined"] },
      { getListeners: "user-joined", expect: [] },
      { getListeners: "user-left", expect: ["b"] },
      { getListeners: "connection-state-change", expect: ["(runner)", "c"] },
      { removeAllListeners: ["user-left"] },
      { listen: "off", event: "connection-state-change", listener: "c" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "removeAllListeners() clears every event, the runner's listeners too: a join then emits to nobody",
    steps: [
      { listen: "on", event: "user-joined", listener: "a" },
      { listen: "on", event: "connection-state-change", listener: "b" },
      { removeAllListeners: [] },
      { getListeners: "user-joined", expect: [] },
      { getListeners: "connection-state-change", expect: [] },
      { getListeners: "is-using-cloud-proxy", expect: [] },
      ...joinAndLeave,
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: 'removeAllListeners("") and removeAllListeners(undefined) clear every event, like no argument',
    steps: [
      { listen: "on", event: "user-joined", listener: "a" },
      { removeAllListeners: [""] },
      { getListeners: "user-joined", expect: [] },
      { getListeners: "connection-state-change", expect: [] },
      { listen: "on", event: "user-joined", listener: "a" },
      { listen: "on", event: "user-left", listener: "b" },
      { removeAllListeners: [undefined] },
      { getListeners: "user-joined", expect: [] },
      { getListeners: "user-left", expect: [] },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [],
  },
  {
    name: "during an emit, a listener removed by an earlier one still runs, and one added waits for the next emit",
    steps: [
      { listen: "on", event: "connection-state-change", listener: "removes b" },
      { listen: "on", event: "connection-state-change", listener: "b" },
      { listen: "on", event: "connection-state-change", listener: "adds c" },
      ...joinAndLeave,
      { getListeners: "connection-state-change", expect: ["(runner)", "removes b", "adds c", "c"] },
      { removeAllListeners: ["connection-state-change"] },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
    listenerCalls: [
      "removes b(CONNECTING)",
      "b(CONNECTING)",
      "adds c(CONNECTING)",
      "removes b(DISCONNECTING)",
      "adds c(DISCONNECTING)",
      "c(DISCONNECTING)",
      "removes b(DISCONNECTED)",
      "adds c(DISCONNECTED)",
      "c(DISCONNECTED)",
    ],
  },
  {
    name: "a listener that throws stops neither the listeners after it nor the client",
    steps: [
      { listen: "once", event: "connection-state-change", listener: "throws" },
      { listen: "on", event: "connection-state-change", listener: "b" },
      ...joinAndLeave,
      { listen: "off", event: "connection-state-change", listener: "b" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: JOIN_THEN_LEAVE,
    listenerCalls: ["throws(CONNECTING)", "b(CONNECTING)", "b(DISCONNECTING)", "b(DISCONNECTED)"],
  },

  // Fake only: offline, the real SDK never completes a join.
  {
    name: "a join that connects: CONNECTED refuses start and stop, and leave reports reason LEAVE",
    fakeOnly: "the real SDK cannot complete a join offline",
    steps: [
      { call: "startProxyServer", args: [5], expect: "ok" },
      { start: "join" },
      { fake: "completePendingJoin" },
      { settle: "join", expect: "ok" },
      { expectState: "CONNECTED" },
      { call: "startProxyServer", args: [3], expect: START_BEFORE_JOIN },
      { call: "stopProxyServer", expect: STOP_AFTER_LEAVE },
      { call: "leave", expect: "ok" },
      { call: "stopProxyServer", expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["DISCONNECTING", "CONNECTED"],
      ["DISCONNECTED", "DISCONNECTING", "LEAVE"],
    ],
    usingCloudProxy: [true],
  },
  {
    name: "after a join that connects, renewToken resolves; did-expire ends the session and renewToken is refused again",
    fakeOnly: "the real SDK cannot complete a join offline",
    steps: [
      { start: "join" },
      { fake: "completePendingJoin" },
      { settle: "join", expect: "ok" },
      { call: "renewToken", args: ["fresh-token"], expect: "ok" },
      { listen: "on", event: "token-privilege-did-expire", listener: "a" },
      { gateway: "token did expire" },
      { call: "renewToken", args: ["fresh-token"], expect: RENEW_BEFORE_JOIN },
      { listen: "off", event: "token-privilege-did-expire", listener: "a" },
      { call: "leave", expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "disabled" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["DISCONNECTING", "CONNECTED"],
      ["DISCONNECTED", "DISCONNECTING", "TOKEN_EXPIRE"],
    ],
    usingCloudProxy: [false],
    listenerCalls: ["a(undefined)"],
  },
  {
    name: "a network drop after a real connection ends DISCONNECTED with NETWORK_ERROR, and start works again",
    fakeOnly: "the real SDK cannot complete a join offline",
    steps: [
      { start: "join" },
      { fake: "completePendingJoin" },
      { settle: "join", expect: "ok" },
      { fake: "dropNetwork" },
      { call: "startProxyServer", args: [3], expect: "ok" },
      { call: "leave", expect: "ok" },
    ],
    final: { connectionState: "DISCONNECTED", proxyMode: "proxy3" },
    events: [
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["RECONNECTING", "CONNECTED"],
      ["DISCONNECTED", "RECONNECTING", "NETWORK_ERROR"],
    ],
    usingCloudProxy: [false],
  },
];
