/**
 * The model-based test of a cloud proxy session: random command lists (user requests,
 * direct calls on the guarded client, calls on the raw client behind the session's back,
 * SDK faults, awaits) against one client, with the invariants checked after every step and
 * once everything has settled. The same model runs on the fake client and, without the
 * commands that need CONNECTED, on the real SDK.
 */
import {
  type CloudProxyJoinOptions,
  type CloudProxyMode,
  type CloudProxySession,
  type CloudProxyState,
  createCloudProxySession,
} from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { createFakeLocalTrack } from "@agora-cloud-proxy/testing";
import fc from "fast-check";
import type { LibraryTimers } from "../support/libraryTimers";

export const APP_ID = "c0ffeec0ffeec0ffeec0ffeec0ffee00";
export const TOKEN = "007eJxModelTokenThatMustNeverLeak";

/** Requests on the session and calls on its guarded client; the React model makes them through the hook. */
export type CallCommand =
  | { t: "join"; channel: "a" | "b" }
  | { t: "leave" }
  | { t: "clientJoin"; channel: "a" | "b" }
  | { t: "clientLeave" }
  | { t: "clientStart"; mode: 3 | 5 | undefined }
  | { t: "clientStop" };

/** SDK faults the fake client injects in both models (completeJoin is the core model's own). */
export type FaultCommand =
  | { t: "failNextJoin" }
  | { t: "hangNextJoin" }
  | { t: "failNextLeave" }
  | DropCommand
  | { t: "latency"; join: number; leave: number };

/**
 * Issue 14 on the fake only: the gateway's token warnings (`expireTokenSoon`: will expire, a
 * provider's fresh token goes through renewToken; `expireToken`: did expire, DISCONNECTED),
 * media blocked on some routes (from the next connection on) or failing now, and the app
 * publishing a track through the session's guarded client (the media check starts).
 */
export type MediaTokenCommand =
  | { t: "expireTokenSoon" }
  | { t: "expireToken" }
  | { t: "blockMedia"; routes: ("direct" | "udp" | "tls")[] }
  | { t: "failMedia" }
  | { t: "publish" };

export const mediaTokenCommands: fc.Arbitrary<MediaTokenCommand>[] = [
  fc.constant({ t: "expireTokenSoon" } as const),
  fc.constant({ t: "expireToken" } as const),
  fc
    .subarray(["direct", "udp", "tls"] as ("direct" | "udp" | "tls")[])
    .map((routes) => ({ t: "blockMedia", routes }) as const),
  fc.constant({ t: "failMedia" } as const),
  fc.constant({ t: "publish" } as const),
];

/** Why the SDK drops a CONNECTED client to DISCONNECTED in the models: two it may reconnect after, two it must not. */
export type DropReason = "NETWORK_ERROR" | "SERVER_ERROR" | "UID_BANNED" | "TOKEN_EXPIRE";

/**
 * The SDK loses a CONNECTED call: RECONNECTING, then DISCONNECTED with `reason` (default
 * NETWORK_ERROR), or CONNECTED again (`outcome: "reconnect"`: the SDK recovered on its own).
 */
export type DropCommand = { t: "dropNetwork"; outcome?: "disconnect" | "reconnect"; reason?: DropReason };

/**
 * Joins with a token (issue 14): a fresh string, or a provider that answers at once (`sync`),
 * on a microtask (`async`), after a few ms (`slow`), fails every second call (`flaky`) or
 * always throws (`throws`). `renewJoin`: the last join asked for again with only a new token
 * string, which must renew the call's token while connected, never leave.
 */
export type TokenKind = "string" | "sync" | "async" | "slow" | "flaky" | "throws";
export type TokenCommand = { t: "joinToken"; channel: "a" | "b"; token: TokenKind } | { t: "renewJoin" };

// Read off the public types: the core's index does not export these names (yet).
type CloudProxyReconnectStatus = NonNullable<CloudProxyState["reconnect"]>;
export type CloudProxyTokenProvider = Extract<
  NonNullable<CloudProxyJoinOptions["token"]>,
  (...args: never[]) => unknown
>;

/** The `reconnect` session option of a run: off, or short waits so that a run settles in ms. */
export type ReconnectOption = false | { delaysMs: number[] };

export type WaitCommand = { t: "wait"; ms: 0 | 1 | 3 } | { t: "microtasks" };

/**
 * Calls the app makes behind the session's back, each only while the SDK allows it (a start or
 * stop only while DISCONNECTED): on the raw client (`raw*`), which the session only learns of
 * when it next reads the SDK, and the guarded client's removeAllListeners, which must keep the
 * session's own listeners.
 */
export type RawCommand =
  | { t: "rawStart"; mode: 3 | 5 }
  | { t: "rawStop" }
  | { t: "rawRemoveAllListeners"; event: "connection-state-change" | undefined }
  | { t: "guardedRemoveAllListeners" };

export type Command =
  | { t: "setProxy"; mode: CloudProxyMode | "off" | "auto" }
  | CallCommand
  | TokenCommand
  | WaitCommand
  | FaultCommand
  | RawCommand
  | MediaTokenCommand
  | { t: "completeJoin" };

const FAULTS = new Set<Command["t"]>([
  "failNextJoin",
  "hangNextJoin",
  "failNextLeave",
  "completeJoin",
  "dropNetwork",
  "latency",
  "expireTokenSoon",
  "expireToken",
  "blockMedia",
  "failMedia",
]);

// The command lists below are shared with the React model. fast-check picks among the
// alternatives of fc.oneof by position, so a list's order is part of what a fuzz seed replays:
// reordering them changes the commands every default run draws.
export const callCommands: fc.Arbitrary<CallCommand>[] = [
  fc.constantFrom("a", "b").map((channel) => ({ t: "join", channel }) as const),
  fc.constant({ t: "leave" } as const),
  fc.constantFrom("a", "b").map((channel) => ({ t: "clientJoin", channel }) as const),
  fc.constant({ t: "clientLeave" } as const),
  fc.constantFrom(3, 5, undefined).map((mode) => ({ t: "clientStart", mode }) as const),
  fc.constant({ t: "clientStop" } as const),
];

export const waitCommands: fc.Arbitrary<WaitCommand>[] = [
  fc.constantFrom(0, 1, 3).map((ms) => ({ t: "wait", ms }) as const),
  fc.constant({ t: "microtasks" } as const),
];

export const joinLeaveFaults: fc.Arbitrary<FaultCommand>[] = [
  fc.constant({ t: "failNextJoin" } as const),
  fc.constant({ t: "hangNextJoin" } as const),
  fc.constant({ t: "failNextLeave" } as const),
];

/** A drop: mostly the network (the reconnect policy's case), sometimes a ban, an expired token, or a recovery. */
export const dropCommand: fc.Arbitrary<DropCommand> = fc.oneof(
  {
    arbitrary: fc
      .constantFrom<DropReason>("NETWORK_ERROR", "NETWORK_ERROR", "SERVER_ERROR", "UID_BANNED", "TOKEN_EXPIRE")
      .map((reason) => ({ t: "dropNetwork", outcome: "disconnect", reason }) as const),
    weight: 4,
  },
  fc.constant({ t: "dropNetwork", outcome: "reconnect" } as const),
);

export const tokenCommands: fc.Arbitrary<TokenCommand>[] = [
  fc
    .record({
      channel: fc.constantFrom<"a" | "b">("a", "b"),
      token: fc.constantFrom<TokenKind>("string", "sync", "async", "slow", "flaky", "throws"),
    })
    .map((join) => ({ t: "joinToken", ...join }) as const),
  fc.constant({ t: "renewJoin" } as const),
];

/** Off, the same as off (no delays), or one to three attempts a few ms apart. */
export const reconnectArbitrary: fc.Arbitrary<ReconnectOption> = fc.oneof(
  fc.constant(false as const),
  fc.constant({ delaysMs: [] as number[] }),
  {
    arbitrary: fc
      .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 })
      .map((delaysMs) => ({ delaysMs })),
    weight: 3,
  },
);

export function networkFaults(maxLatencyMs: number): fc.Arbitrary<FaultCommand>[] {
  return [
    dropCommand,
    fc
      .record({ join: fc.integer({ min: 0, max: maxLatencyMs }), leave: fc.integer({ min: 0, max: maxLatencyMs }) })
      .map((latency) => ({ t: "latency", ...latency }) as const),
  ];
}

export const rawCommands: fc.Arbitrary<RawCommand>[] = [
  fc.constantFrom(3, 5).map((mode) => ({ t: "rawStart", mode }) as const),
  fc.constant({ t: "rawStop" } as const),
  fc
    .constantFrom("connection-state-change", undefined)
    .map((event) => ({ t: "rawRemoveAllListeners", event }) as const),
  fc.constant({ t: "guardedRemoveAllListeners" } as const),
];

/** Commands; `withFaults` adds the fake-only SDK faults. */
export function commandArbitrary(withFaults: boolean): fc.Arbitrary<Command> {
  const common: fc.Arbitrary<Command>[] = [
    fc.constantFrom("udp", "tls", "off", "auto").map((mode) => ({ t: "setProxy", mode }) as const),
    ...callCommands,
    ...waitCommands,
    ...rawCommands,
    ...tokenCommands,
  ];
  const faults: fc.Arbitrary<Command>[] = [
    ...joinLeaveFaults,
    fc.constant({ t: "completeJoin" } as const),
    ...networkFaults(4),
    ...mediaTokenCommands,
  ];
  // A drop needs a CONNECTED call (a join, then time): drops and waits come more often so that
  // the reconnect policy, expiries and bans are reached in a good share of the runs.
  const joins: fc.Arbitrary<unknown>[] = [callCommands[0]!, callCommands[2]!, tokenCommands[0]!];
  const weighted = (arbitraries: fc.Arbitrary<Command>[]) =>
    arbitraries.map((arbitrary) => ({
      arbitrary,
      weight:
        arbitrary === dropCommand ? 6 : joins.includes(arbitrary) || waitCommands.includes(arbitrary as never) ? 3 : 1,
    }));
  return fc.oneof(...weighted([...common, ...(withFaults ? faults : [])]));
}

export interface ScenarioArbitrary {
  mode: CloudProxyMode | "off" | "auto";
  policy: "rejoin" | "defer";
  commands: Command[];
  /** Absent in counterexamples from before issue 14: reconnect off. */
  reconnect?: ReconnectOption;
}

export function scenarioArbitrary(withFaults: boolean, maxCommands = 25): fc.Arbitrary<ScenarioArbitrary> {
  return fc.record({
    mode: fc.constantFrom("udp", "tls", "off", "auto"),
    policy: fc.constantFrom("rejoin", "defer"),
    commands: fc.array(commandArbitrary(withFaults), { maxLength: maxCommands }),
    reconnect: reconnectArbitrary,
  });
}

/** The reconnect delays a run's option stands for ([] when off). */
export function reconnectDelays(option: ReconnectOption | undefined): readonly number[] {
  return option ? option.delaysMs : [];
}

/** Drop reasons after which the session may reconnect (issue 14: not after the app's leave, a ban, an expired token...). */
const RECONNECTABLE = new Set(["NETWORK_ERROR", "SERVER_ERROR"]);

/**
 * The tokens of one run: the strings the app passed per channel and what each token provider
 * gave for which request (an SDK join or a renewal). An SDK join must carry the token the
 * provider gave for that very join, the latest one it gave for a join and never one used
 * before (an abandoned answer that arrives late is stale), or the latest string asked for
 * its channel; a renewToken the same with the provider's latest renewal token, and only
 * while CONNECTED. Every token starts with the run's secret, so the leak check finds any.
 */
export class TokenLedger {
  readonly violations: string[] = [];
  /** Provider answers still on their way (slow providers): a run is not settled before they land. */
  pending = 0;
  /** Provider calls, for the summary. */
  calls = 0;
  #n = 0;
  #latestJoin: string | null = null;
  #latestRenew: string | null = null;
  readonly #used = new Set<string>();
  readonly #strings = new Map<string, string | null>();
  readonly #kinds = new Map<string, "string" | "provider">();

  constructor(readonly secret: string) {}

  /** The app joins `channel` with `token` (a string): the latest string for that call. */
  string(channel: string, token: string = `${this.secret}-s${++this.#n}`): string {
    this.#strings.set(channel, token);
    this.#kinds.set(channel, "string");
    return token;
  }

  /** The latest token string asked for `channel`, or undefined when its latest join has a provider. */
  latestString(channel: string): string | null | undefined {
    return this.#kinds.get(channel) === "string" ? this.#strings.get(channel) : undefined;
  }

  /** Whether the latest join asked for `channel` had a provider (an expired token is then fetched again). */
  hasProvider(channel: string): boolean {
    return this.#kinds.get(channel) === "provider";
  }

  /** A provider of `kind` for joins into `channel`; every token it gives is recorded. */
  provider(
    channel: string,
    kind: Exclude<TokenKind, "string">,
    wait: (ms: number) => Promise<void>,
  ): CloudProxyTokenProvider {
    this.#kinds.set(channel, "provider");
    let calls = 0;
    return (context) => {
      calls += 1;
      this.calls += 1;
      if (context.channel !== channel) this.violations.push(`a provider for one channel was asked for another`);
      if (kind === "throws") throw new Error(`token server down: ${this.secret}-leak`);
      if (kind === "flaky" && calls % 2 === 0)
        return Promise.reject(new Error(`token server refused: ${this.secret}-leak`));
      const token = `${this.secret}-p${++this.#n}`;
      if (context.reason === "renew") this.#latestRenew = token;
      else this.#latestJoin = token;
      if (kind === "sync" || kind === "flaky") return token;
      if (kind === "async") return Promise.resolve(token);
      this.pending += 1;
      return wait(3).then(() => {
        this.pending -= 1;
        return token;
      });
    };
  }

  /** The SDK's join got `token` for `channel`. */
  sdkJoin(channel: unknown, token: unknown): void {
    if (typeof token === "string" && token.startsWith(`${this.secret}-p`)) {
      this.#providerToken(token, this.#latestJoin, "join");
    } else if (token !== this.#strings.get(String(channel))) {
      this.violations.push(
        `an SDK join carried ${this.#label(token)}, not the latest token string asked for its channel`,
      );
    }
  }

  /** The SDK's renewToken got `token` while `state`, in the call to `channel`. */
  sdkRenew(channel: unknown, token: unknown, state: string): void {
    if (state !== "CONNECTED") this.violations.push(`renewToken while ${state}`);
    if (typeof token === "string" && token.startsWith(`${this.secret}-p`)) {
      this.#providerToken(token, this.#latestRenew, "renewal");
    } else if (token !== this.#strings.get(String(channel))) {
      this.violations.push(`renewToken got ${this.#label(token)}, not the latest token string asked for the call`);
    }
  }

  #providerToken(token: string, latest: string | null, what: string): void {
    if (token !== latest)
      this.violations.push(
        `the SDK got ${this.#label(token)}, not the provider's latest ${what} token ${this.#label(latest)}`,
      );
    if (this.#used.has(token)) this.violations.push(`the SDK got ${this.#label(token)} a second time`);
    this.#used.add(token);
  }

  /** A token as the test output may show it: without the secret. */
  #label(token: unknown): string {
    return typeof token === "string" && token.startsWith(this.secret)
      ? `token${token.slice(this.secret.length) || "(plain)"}`
      : String(token);
  }
}

/** What the model needs from a client under test, beyond IAgoraRTCClient. */
export interface ModelDriver {
  client: IAgoraRTCClient;
  /** SDK proxy mode as the SDK itself records it. */
  sdkMode(): CloudProxyMode | null;
  /** Ordering errors (INVALID_OPERATION) the SDK raised so far. */
  orderingErrors(): number;
  /** Our listeners still on the client. */
  listeners(): number;
  /** Applies a fault command; false if this driver can't (the command is then skipped). */
  fault(command: Command): Promise<void> | void;
  /** Waits for SDK work we started to settle (cancelled real joins reject later). */
  drain(): Promise<void>;
  /** The library's own timers (test/support/libraryTimers.ts), tracked for the whole property. */
  timers: LibraryTimers;
  /**
   * The `connection-state-change` events the SDK emitted so far, as their arguments (current,
   * previous, reason), oldest first; absent for a client that records none (the real SDK
   * offline never connects, so it never drops a call).
   */
  stateEvents?(): readonly (readonly unknown[])[];
  /** The token the SDK holds for its connection (its join's, then each renewal's); absent where unknown. */
  sdkToken?(): string | null | undefined;
}

export interface ModelStats {
  runs: number;
  steps: number;
  orderingViolations: number;
  leaks: number;
  /** Steps that never settled, so their checks after settling were skipped (the React model). */
  unsettled?: number;
  /** How many times each command that can be skipped (a raw start while joined...) took effect. */
  applied?: Record<string, number>;
  /** Reconnect attempts the store showed, token provider calls, SDK joins and renewals. */
  reconnects?: number;
}

/** Counts a command that took effect, for the summary line. */
export function applied(stats: ModelStats, what: string): void {
  const counts = (stats.applied ??= {});
  counts[what] = (counts[what] ?? 0) + 1;
}

/** The counts of {@link applied}, for the summary line. */
export function appliedSummary(stats: ModelStats): string {
  return Object.entries(stats.applied ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([what, count]) => `${what} ${count}`)
    .join(", ");
}

const nextMacrotask = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`invariant broken: ${message}`);
}

/**
 * What the session cannot know yet: a proxy started or stopped on the raw client since its
 * last publish (it reads the SDK when it publishes, and no SDK event reports a proxy change),
 * and SDK events it could not hear while the raw client had lost its listeners (they are put
 * back at its next step).
 */
interface Unseen {
  mode: boolean;
  events: boolean;
}

/** Store and SDK agree (but for what the session cannot know yet); called after every step once microtasks ran. */
function checkConsistent(session: CloudProxySession, driver: ModelDriver, step: string, unseen: Unseen): void {
  const state = session.store.getState();
  check(driver.orderingErrors() === 0, `${step}: the SDK raised an ordering error`);
  check(
    unseen.events || state.connectionState === driver.client.connectionState,
    `${step}: store says ${state.connectionState}, SDK says ${driver.client.connectionState}`,
  );
  check(
    unseen.mode || state.mode === driver.sdkMode(),
    `${step}: store mode ${String(state.mode)}, SDK mode ${String(driver.sdkMode())}`,
  );
}

/**
 * The session's stall watch keeps one timer while a join hangs (the fake hangs joins on
 * demand): runs use this threshold, and `quiesce` does not wait for library timers this long.
 * Every shorter one (a reconnect's wait, auto mode's route timer, the media check) is waited for.
 */
export const STALLED_AFTER_MS = 60_000;

/**
 * Waits until the store stops changing, no library timer shorter than STALLED_AFTER_MS is
 * pending (a reconnect waiting for its next attempt) and no token provider is still answering.
 */
async function quiesce(session: CloudProxySession, driver: ModelDriver, tokens: TokenLedger): Promise<void> {
  let stable = 0;
  let last = session.store.getState();
  for (let i = 0; i < 400 && stable < 4; i += 1) {
    await nextMacrotask(i < 20 ? 0 : 5);
    const now = session.store.getState();
    const busy = tokens.pending > 0 || driver.timers.pendingDelays().some((ms) => ms < STALLED_AFTER_MS);
    stable = now === last && !busy ? stable + 1 : 0;
    last = now;
  }
}

/**
 * The reconnect status against the schedule of the run (issue 14): only with delays, one
 * attempt after another within one cycle, each due when its delay says, only while a join is
 * wanted, and a cycle only after the SDK dropped a call of ours for a reason it may reconnect
 * after. Returns what is wrong, or null.
 */
function reconnectWrong(
  next: CloudProxyReconnectStatus | null,
  previous: CloudProxyReconnectStatus | null,
  state: CloudProxyState,
  delays: readonly number[],
  driver: ModelDriver,
): string | null {
  if (next === null || next === previous) return null;
  const shown = JSON.stringify({ ...next, nextAt: next.nextAt === null ? null : next.nextAt - Date.now() });
  if (delays.length === 0) return `the store shows a reconnect ${shown} with reconnect off`;
  if (!driver.stateEvents) return `the store shows a reconnect ${shown}, but this SDK never connected`;
  if (next.attempts !== delays.length || next.attempt < 1 || next.attempt > delays.length)
    return `reconnect ${shown} does not fit the schedule ${JSON.stringify(delays)}`;
  if (!state.joinRequested) return `reconnect ${shown} while no join is wanted`;
  if (next.nextAt === null) {
    if (previous?.attempt !== next.attempt) return `reconnect attempt ${next.attempt} runs without having waited`;
    return null;
  }
  const left = next.nextAt - Date.now();
  const delay = delays[next.attempt - 1]!;
  // Scheduled in this tick (the store publishes synchronously after the SDK's event or the failed attempt).
  if (left > delay || left < delay - 20) return `reconnect ${shown} is not due in ${delay} ms`;
  if (next.attempt > 1) {
    if (previous?.attempt !== next.attempt - 1)
      return `reconnect attempt ${next.attempt} follows ${JSON.stringify(previous)}`;
    return null;
  }
  const drop = [...driver.stateEvents()].reverse().find((args) => args[0] === "DISCONNECTED");
  const [, from, reason] = drop ?? [];
  if (!drop || (from !== "CONNECTED" && from !== "RECONNECTING") || !RECONNECTABLE.has(String(reason)))
    return `a reconnect cycle began after ${drop ? `DISCONNECTED (${String(reason)}) from ${String(from)}` : "no drop"}`;
  return null;
}

/**
 * Runs one scenario and checks every invariant; throws on the first broken one. Secrets
 * are checked by scanning everything the session exposed for the App ID and token.
 */
export async function runScenario(scenario: ScenarioArbitrary, driver: ModelDriver, stats: ModelStats): Promise<void> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  const exposed: unknown[] = [];
  const delays = reconnectDelays(scenario.reconnect);
  const timersAtStart = driver.timers.pending();
  const tokens = new TokenLedger(TOKEN);
  // Channels the SDK must not join until a later join() asks for them again: after the app's
  // leave (no reconnect after a leave), a ban, a call lost for good, and dispose.
  const noJoin = new Set<string>();
  const session = createCloudProxySession(driver.client, {
    mode: scenario.mode,
    onModeChange: scenario.policy,
    fallbackAfterMs: 2, // auto mode escalates within a run
    stalledAfterMs: STALLED_AFTER_MS,
    reconnect: scenario.reconnect ?? false,
    routeMemory: { read: () => null, write: () => {} },
    onError: (error) => {
      exposed.push(error.message);
      // A failed leave puts the desired state back to what the SDK still has: the call stays wanted.
      if (error.code === "LEAVE_FAILED") {
        modeRequestOverruled = true;
        noJoin.clear();
      }
    },
  });
  const client = session.client;
  const raw = driver.client;
  const options = (channel: string, token: string | CloudProxyTokenProvider = tokens.string(channel, TOKEN)) => ({
    appid: APP_ID,
    channel,
    token,
    uid: 11,
  });
  let lastChannel: "a" | "b" = "a";
  const asked = (channel: "a" | "b") => {
    lastChannel = channel;
    noJoin.delete(channel);
  };
  // The session's listeners on the raw client (the app adds none).
  const ownListeners = driver.listeners();
  const unseen: Unseen = { mode: false, events: false };
  // The store reads the SDK when it publishes: what it publishes is the SDK's proxy, and once
  // the session's listeners are back it hears the SDK's events again.
  const publishedWrong: string[] = [];
  let reconnectShown: CloudProxyReconnectStatus | null = null;
  const unsubscribe = session.store.subscribe((state) => {
    if (!state.disposed && state.mode !== driver.sdkMode())
      publishedWrong.push(`store published mode ${String(state.mode)}, SDK has ${String(driver.sdkMode())}`);
    const wrong = reconnectWrong(state.reconnect, reconnectShown, state, delays, driver);
    if (wrong) publishedWrong.push(wrong);
    if (state.reconnect !== reconnectShown && state.reconnect?.nextAt === null)
      stats.reconnects = (stats.reconnects ?? 0) + 1;
    reconnectShown = state.reconnect;
    unseen.mode = false;
    if (driver.listeners() === ownListeners) unseen.events = false;
  });
  // Every join the SDK sees goes out on the proxy the session wants (raw starts and stops
  // behind its back included): the worker reads the SDK before each step.
  const joinsOffProxy: string[] = [];
  const rawClient = raw as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  const own = Object.fromEntries(
    (["join", "leave", "renewToken"] as const).map((method) => [
      method,
      Object.hasOwn(rawClient, method) ? rawClient[method] : undefined,
    ]),
  );
  const sdkJoin = rawClient.join!;
  let sdkChannel: string | null = null;
  rawClient.join = (...args: unknown[]) => {
    const desired = session.store.getState().desiredMode;
    if (driver.sdkMode() !== desired)
      joinsOffProxy.push(`join went out on ${String(driver.sdkMode())}, desired ${String(desired)}`);
    if (noJoin.has(String(args[1])))
      joinsOffProxy.push(`an SDK join after the app's leave, a ban or a lost call, with no join() asking since`);
    sdkChannel = String(args[1]);
    tokens.sdkJoin(args[1], args[2]);
    return sdkJoin.apply(raw, args);
  };
  let sdkLeaves = 0;
  const sdkLeave = rawClient.leave!;
  let leavesInFlight = 0;
  rawClient.leave = (...args: unknown[]) => {
    sdkLeaves += 1;
    leavesInFlight += 1;
    const left = sdkLeave.apply(raw, args) as Promise<void>;
    void left.then(
      () => (leavesInFlight -= 1),
      () => (leavesInFlight -= 1),
    );
    return left;
  };
  const sdkRenew = rawClient.renewToken;
  if (sdkRenew)
    rawClient.renewToken = (...args: unknown[]) => {
      applied(stats, "SDK renewToken");
      tokens.sdkRenew(sdkChannel, args[0], raw.connectionState);
      return sdkRenew.apply(raw, args);
    };
  // Every request must settle: the worker never drops one without an outcome.
  let unsettled = 0;
  const keep = (promise: Promise<unknown>) => {
    unsettled += 1;
    void promise
      .then(
        (value) => exposed.push(value),
        (error: Error) => exposed.push(error.message),
      )
      .finally(() => (unsettled -= 1));
  };
  let lastMode: CloudProxyMode | null | "auto" = scenario.mode === "off" ? null : scenario.mode;
  let modeRequestOverruled = false;
  try {
    for (const [index, command] of scenario.commands.entries()) {
      const step = `step ${index} ${JSON.stringify(command)}`;
      switch (command.t) {
        case "setProxy":
          keep(session.setProxy(command.mode));
          lastMode = command.mode === "off" ? null : command.mode;
          modeRequestOverruled = false;
          break;
        case "join":
          asked(command.channel);
          keep(session.join(options(command.channel)));
          break;
        case "joinToken": {
          asked(command.channel);
          const token =
            command.token === "string"
              ? tokens.string(command.channel)
              : tokens.provider(command.channel, command.token, nextMacrotask);
          keep(session.join(options(command.channel, token)));
          applied(stats, `join with a token ${command.token}`);
          break;
        }
        case "renewJoin": {
          // The call as it is, with only a new token string: renewToken once CONNECTED, never a leave.
          const before = session.store.getState();
          const steady =
            raw.connectionState === "CONNECTED" &&
            before.joinRequested &&
            sdkChannel === lastChannel &&
            !unseen.events &&
            !unseen.mode &&
            (before.mode === before.desiredMode || scenario.policy === "defer");
          const leaves = sdkLeaves;
          asked(lastChannel);
          keep(session.join(options(lastChannel, tokens.string(lastChannel))));
          await flushMicrotasks();
          if (steady) {
            applied(stats, "renewJoin while connected");
            check(sdkLeaves === leaves, `${step}: a join() with only a new token string made the SDK leave`);
            // The renewal itself may wait for one in flight: the settled check reads the SDK's token.
          }
          break;
        }
        case "leave":
          for (const channel of ["a", "b"]) noJoin.add(channel);
          keep(session.leave());
          break;
        case "clientJoin":
          asked(command.channel);
          tokens.string(command.channel, TOKEN);
          keep(client.join(APP_ID, command.channel, TOKEN, 11));
          break;
        case "clientLeave":
          for (const channel of ["a", "b"]) noJoin.add(channel);
          keep(client.leave());
          break;
        case "clientStart":
          client.startProxyServer(command.mode);
          lastMode = command.mode === 5 ? "tls" : "udp";
          modeRequestOverruled = false;
          break;
        case "clientStop":
          client.stopProxyServer();
          lastMode = null;
          modeRequestOverruled = false;
          break;
        case "wait":
          await nextMacrotask(command.ms);
          break;
        case "microtasks":
          await flushMicrotasks();
          break;
        case "rawStart":
        case "rawStop":
          // Only while the SDK allows it: an illegal call would be the app's ordering error.
          if (raw.connectionState === "DISCONNECTED") {
            if (command.t === "rawStart") raw.startProxyServer(command.mode);
            else raw.stopProxyServer();
            unseen.mode = true;
            applied(stats, command.t);
          }
          break;
        case "rawRemoveAllListeners":
          raw.removeAllListeners(command.event);
          if (driver.listeners() !== ownListeners) unseen.events = true;
          applied(stats, command.t);
          break;
        case "guardedRemoveAllListeners":
          // App code clearing its listeners: the session's own stay (or are put back at once).
          client.removeAllListeners();
          applied(stats, command.t);
          check(
            driver.listeners() === ownListeners,
            `${step}: after the guarded client's removeAllListeners() the SDK has ${driver.listeners()} listeners, the session ${ownListeners}`,
          );
          break;
        case "publish":
          // Through the guarded client, only while the SDK allows it (else the app's own INVALID_OPERATION).
          if (raw.connectionState === "CONNECTED") {
            keep(client.publish([createFakeLocalTrack("audio")]));
            applied(stats, "publish");
          }
          break;
        case "expireToken":
          if (raw.connectionState === "CONNECTED" || raw.connectionState === "RECONNECTING") {
            // Did expire: a string token's call is lost for good; a provider's joins again at once.
            if (sdkChannel !== null && !tokens.hasProvider(sdkChannel)) noJoin.add(sdkChannel);
            applied(stats, "expireToken");
          }
          await driver.fault(command);
          break;
        case "dropNetwork": {
          // A join on its way (not hung) connects within a few ms: the drop comes once it did,
          // so that drops (and the reconnect policy behind them) are reached in many runs.
          for (let ms = 0; ms < 5 && raw.connectionState === "CONNECTING"; ms += 1) await nextMacrotask(1);
          const reason = command.reason ?? "NETWORK_ERROR";
          const dropped = command.outcome !== "reconnect" && raw.connectionState === "CONNECTED" ? sdkChannel : null;
          // A call lost for good: banned, its token string expired, or lost with reconnect off.
          const lost =
            reason === "UID_BANNED" ||
            (reason === "TOKEN_EXPIRE" && !tokens.hasProvider(dropped ?? "")) ||
            (RECONNECTABLE.has(reason) && delays.length === 0);
          // With a leave of the session's in flight the drop is not the call's end: the session was
          // leaving anyway, and joins again if the call is wanted again (as after its own leave).
          if (dropped !== null && lost && leavesInFlight === 0) noJoin.add(dropped);
          if (raw.connectionState === "CONNECTED")
            applied(stats, `drop ${command.outcome === "reconnect" ? "recovered" : reason}`);
          await driver.fault(command);
          break;
        }
        default:
          if (FAULTS.has(command.t)) await driver.fault(command);
      }
      await flushMicrotasks();
      checkConsistent(session, driver, step, unseen);
      check(joinsOffProxy.length === 0, `${step}: ${joinsOffProxy[0]}`);
      check(publishedWrong.length === 0, `${step}: ${publishedWrong[0]}`);
      check(tokens.violations.length === 0, `${step}: ${tokens.violations[0]}`);
      const now = session.store.getState();
      // Media is null whenever no call is up. (The other way round is not checked: for a few
      // microtasks after the SDK's CONNECTED the store shows the uid before the media check began.)
      check(unseen.events || now.media === null || now.uid !== null, `${step}: media ${String(now.media)} with no uid`);
      const waiting = now.reconnect;
      // Waiting for the next attempt, no call is up: the SDK is out of it, or still leaving an
      // attempt that timed out (CONNECTING, DISCONNECTING; a failed leave keeps it CONNECTING).
      check(
        waiting?.nextAt == null || unseen.events || raw.connectionState !== "CONNECTED",
        `${step}: the store waits to reconnect but the SDK is ${raw.connectionState}`,
      );
      stats.steps += 1;
    }

    await quiesce(session, driver, tokens);
    if (unseen.mode || unseen.events) {
      applied(stats, "settle after a change behind the session's back");
      // The app changed the SDK behind the idle session's back: its next step (here a request
      // for the mode it already wants) reads the SDK and converges back.
      keep(session.setProxy(lastMode === "auto" ? "auto" : (session.store.getState().desiredMode ?? "off")));
      await quiesce(session, driver, tokens);
      check(
        driver.listeners() === ownListeners,
        `settled: ${driver.listeners()} listeners after the session's next step, it has ${ownListeners}`,
      );
    }
    checkConsistent(session, driver, "settled", { mode: false, events: false });
    check(joinsOffProxy.length === 0, `settled: ${joinsOffProxy[0]}`);
    check(publishedWrong.length === 0, `settled: ${publishedWrong[0]}`);
    check(tokens.violations.length === 0, `settled: ${tokens.violations[0]}`);
    const state = session.store.getState();
    // A join() with only a new token string is the SDK's token once settled (renewToken), unless the SDK refused it.
    const wantedToken = sdkChannel === null ? undefined : tokens.latestString(sdkChannel);
    if (driver.sdkToken && raw.connectionState === "CONNECTED" && state.joinRequested && wantedToken !== undefined)
      check(
        driver.sdkToken() === wantedToken ||
          state.error?.code === "TOKEN_FAILED" ||
          state.error?.code === "LEAVE_FAILED",
        `settled: the SDK's token is not the one the last join() gave (${state.error?.code ?? "no error"})`,
      );
    // Settled, no attempt waits; one may still run where the SDK's join hangs (a hung join whose leave failed).
    check(
      state.reconnect === null || (state.reconnect.nextAt === null && state.connectionState === "CONNECTING"),
      `settled: still reconnecting ${JSON.stringify(state.reconnect)} while ${state.connectionState}`,
    );
    check(
      modeRequestOverruled || lastMode === "auto" || state.desiredMode === lastMode,
      `settled: desired mode ${String(state.desiredMode)} is not the last requested ${String(lastMode)}`,
    );
    if (state.connectionState === "DISCONNECTED") {
      check(!state.joinRequested, "settled: a join is wanted but the SDK is DISCONNECTED");
      check(state.mode === state.desiredMode, "settled: DISCONNECTED but the desired mode is not applied");
    } else {
      check(state.joinRequested, `settled: ${state.connectionState} but no join is wanted`);
      if (scenario.policy === "rejoin" || lastMode === "auto")
        check(state.mode === state.desiredMode, "settled: joined with a stale mode under rejoin");
    }

    // When the SDK rejects even dispose()'s retried leave (only the fake can: the real SDK's
    // leave never rejects), the session reports LEAVE_FAILED and lets go of the client; a new
    // session on it must then be able to finish the job.
    for (const channel of ["a", "b"]) noJoin.add(channel);
    let done = await session.dispose().then(
      () => true,
      () => false,
    );
    for (let rescue = 0; !done && rescue < 5; rescue += 1) {
      done = await createCloudProxySession(driver.client, { mode: "off" })
        .dispose()
        .then(
          () => true,
          () => false,
        );
    }
    await quiesce(session, driver, tokens);
    const final = session.store.getState();
    const leaked =
      driver.listeners() !== 0 || driver.client.connectionState !== "DISCONNECTED" || driver.sdkMode() !== null;
    if (leaked) stats.leaks += 1;
    check(driver.client.connectionState === "DISCONNECTED", "disposed: SDK not DISCONNECTED");
    check(driver.sdkMode() === null, "disposed: proxy still on");
    check(driver.listeners() === 0, `disposed: ${driver.listeners()} listeners left`);
    check(final.disposed, "disposed: store does not say so");
    check(final.reconnect === null, "disposed: the store still shows a reconnect");
    // Counted from the run's start: a failed run before it (while shrinking) may have left its own.
    check(
      driver.timers.pending() <= timersAtStart,
      `disposed: ${driver.timers.pending() - timersAtStart} library timer(s) left`,
    );
    check(joinsOffProxy.length === 0, `disposed: ${joinsOffProxy[0]}`);
    check(tokens.violations.length === 0, `disposed: ${tokens.violations[0]}`);
    await driver.drain();
    await flushMicrotasks();
    check(unhandled.length === 0, `unhandled rejection: ${String(unhandled[0])}`);
    check(unsettled === 0, `disposed: ${unsettled} request promise(s) never settled`);
    const seen = JSON.stringify(
      [exposed, session.store.getState(), session.history.getState()],
      (_key, value: unknown) => (value instanceof Error ? value.message : value),
    );
    check(!seen.includes(APP_ID) && !seen.includes(TOKEN), "a secret reached an error, a result or the store");
  } catch (error) {
    if (driver.orderingErrors() > 0) stats.orderingViolations += 1;
    throw error;
  } finally {
    unsubscribe();
    for (const [method, original] of Object.entries(own)) {
      if (original) rawClient[method] = original;
      else delete rawClient[method];
    }
    process.off("unhandledRejection", onUnhandled);
    stats.runs += 1;
  }
}

/** The seed of the default runs, so that the test suite (and CI) replays the same commands every time. */
export const DEFAULT_FUZZ_SEED = 20261125;

/**
 * Runs and seed from the environment. FUZZ_RUNS sets the number of runs; a campaign with
 * FUZZ_RUNS draws a fresh random seed unless FUZZ_SEED replays one. Without either, the
 * default runs use DEFAULT_FUZZ_SEED. fast-check prints the seed and path with any
 * counterexample: FUZZ_SEED and FUZZ_PATH replay it.
 */
export function fuzzParameters(defaultRuns: number): { numRuns: number; seed?: number; path?: string } {
  const numRuns = Number(process.env.FUZZ_RUNS ?? defaultRuns);
  // FUZZ_PATH (with FUZZ_SEED) replays the counterexample fast-check printed, at once.
  if (process.env.FUZZ_SEED !== undefined && process.env.FUZZ_PATH !== undefined)
    return { numRuns, seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH };
  if (process.env.FUZZ_SEED !== undefined) return { numRuns, seed: Number(process.env.FUZZ_SEED) };
  return process.env.FUZZ_RUNS === undefined ? { numRuns, seed: DEFAULT_FUZZ_SEED } : { numRuns };
}
