/**
 * The model-based test of a cloud proxy session: random command lists (user requests,
 * direct calls on the guarded client, calls on the raw client behind the session's back,
 * SDK faults, awaits) against one client, with the invariants checked after every step and
 * once everything has settled. The same model runs on the fake client and, without the
 * commands that need CONNECTED, on the real SDK.
 */
import { type CloudProxyMode, type CloudProxySession, createCloudProxySession } from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import fc from "fast-check";

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
  | { t: "dropNetwork" }
  | { t: "latency"; join: number; leave: number };

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
  | WaitCommand
  | FaultCommand
  | RawCommand
  | { t: "completeJoin" };

const FAULTS = new Set<Command["t"]>([
  "failNextJoin",
  "hangNextJoin",
  "failNextLeave",
  "completeJoin",
  "dropNetwork",
  "latency",
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

export function networkFaults(maxLatencyMs: number): fc.Arbitrary<FaultCommand>[] {
  return [
    fc.constant({ t: "dropNetwork" } as const),
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
  ];
  const faults: fc.Arbitrary<Command>[] = [
    ...joinLeaveFaults,
    fc.constant({ t: "completeJoin" } as const),
    ...networkFaults(4),
  ];
  return fc.oneof(...common, ...(withFaults ? faults : []));
}

export interface ScenarioArbitrary {
  mode: CloudProxyMode | "off" | "auto";
  policy: "rejoin" | "defer";
  commands: Command[];
}

export function scenarioArbitrary(withFaults: boolean, maxCommands = 25): fc.Arbitrary<ScenarioArbitrary> {
  return fc.record({
    mode: fc.constantFrom("udp", "tls", "off", "auto"),
    policy: fc.constantFrom("rejoin", "defer"),
    commands: fc.array(commandArbitrary(withFaults), { maxLength: maxCommands }),
  });
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

/** Waits until the store stops changing (the worker is idle and no SDK timer is due). */
async function quiesce(session: CloudProxySession): Promise<void> {
  let stable = 0;
  let last = session.store.getState();
  for (let i = 0; i < 400 && stable < 4; i += 1) {
    await nextMacrotask(i < 20 ? 0 : 5);
    const now = session.store.getState();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
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
  const session = createCloudProxySession(driver.client, {
    mode: scenario.mode,
    onModeChange: scenario.policy,
    fallbackAfterMs: 2, // auto mode escalates within a run
    routeMemory: { read: () => null, write: () => {} },
    onError: (error) => {
      exposed.push(error.message);
      // A failed leave puts the desired state back to what the SDK still has.
      if (error.code === "LEAVE_FAILED") modeRequestOverruled = true;
    },
  });
  const client = session.client;
  const raw = driver.client;
  const options = (channel: string) => ({ appid: APP_ID, channel, token: TOKEN, uid: 11 });
  // The session's listeners on the raw client (the app adds none).
  const ownListeners = driver.listeners();
  const unseen: Unseen = { mode: false, events: false };
  // The store reads the SDK when it publishes: what it publishes is the SDK's proxy, and once
  // the session's listeners are back it hears the SDK's events again.
  const publishedWrong: string[] = [];
  const unsubscribe = session.store.subscribe((state) => {
    if (!state.disposed && state.mode !== driver.sdkMode())
      publishedWrong.push(`store published mode ${String(state.mode)}, SDK has ${String(driver.sdkMode())}`);
    unseen.mode = false;
    if (driver.listeners() === ownListeners) unseen.events = false;
  });
  // Every join the SDK sees goes out on the proxy the session wants (raw starts and stops
  // behind its back included): the worker reads the SDK before each step.
  const joinsOffProxy: string[] = [];
  const rawClient = raw as unknown as Record<string, (...args: unknown[]) => unknown>;
  const ownJoin = Object.hasOwn(rawClient, "join") ? rawClient.join : undefined;
  const sdkJoin = rawClient.join!;
  rawClient.join = (...args: unknown[]) => {
    const desired = session.store.getState().desiredMode;
    if (driver.sdkMode() !== desired)
      joinsOffProxy.push(`join went out on ${String(driver.sdkMode())}, desired ${String(desired)}`);
    return sdkJoin.apply(raw, args);
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
          keep(session.join(options(command.channel)));
          break;
        case "leave":
          keep(session.leave());
          break;
        case "clientJoin":
          keep(client.join(APP_ID, command.channel, TOKEN, 11));
          break;
        case "clientLeave":
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
        default:
          if (FAULTS.has(command.t)) await driver.fault(command);
      }
      await flushMicrotasks();
      checkConsistent(session, driver, step, unseen);
      check(joinsOffProxy.length === 0, `${step}: ${joinsOffProxy[0]}`);
      check(publishedWrong.length === 0, `${step}: ${publishedWrong[0]}`);
      stats.steps += 1;
    }

    await quiesce(session);
    if (unseen.mode || unseen.events) {
      applied(stats, "settle after a change behind the session's back");
      // The app changed the SDK behind the idle session's back: its next step (here a request
      // for the mode it already wants) reads the SDK and converges back.
      keep(session.setProxy(lastMode === "auto" ? "auto" : (session.store.getState().desiredMode ?? "off")));
      await quiesce(session);
      check(
        driver.listeners() === ownListeners,
        `settled: ${driver.listeners()} listeners after the session's next step, it has ${ownListeners}`,
      );
    }
    checkConsistent(session, driver, "settled", { mode: false, events: false });
    check(joinsOffProxy.length === 0, `settled: ${joinsOffProxy[0]}`);
    check(publishedWrong.length === 0, `settled: ${publishedWrong[0]}`);
    const state = session.store.getState();
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
    await quiesce(session);
    const final = session.store.getState();
    const leaked =
      driver.listeners() !== 0 || driver.client.connectionState !== "DISCONNECTED" || driver.sdkMode() !== null;
    if (leaked) stats.leaks += 1;
    check(driver.client.connectionState === "DISCONNECTED", "disposed: SDK not DISCONNECTED");
    check(driver.sdkMode() === null, "disposed: proxy still on");
    check(driver.listeners() === 0, `disposed: ${driver.listeners()} listeners left`);
    check(final.disposed, "disposed: store does not say so");
    await driver.drain();
    await flushMicrotasks();
    check(unhandled.length === 0, `unhandled rejection: ${String(unhandled[0])}`);
    check(unsettled === 0, `disposed: ${unsettled} request promise(s) never settled`);
    const seen = JSON.stringify([exposed, session.store.getState()], (_key, value: unknown) =>
      value instanceof Error ? value.message : value,
    );
    check(!seen.includes(APP_ID) && !seen.includes(TOKEN), "a secret reached an error, a result or the store");
  } catch (error) {
    if (driver.orderingErrors() > 0) stats.orderingViolations += 1;
    throw error;
  } finally {
    unsubscribe();
    if (ownJoin) rawClient.join = ownJoin;
    else delete rawClient.join;
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
