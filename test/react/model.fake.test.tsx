// @vitest-environment jsdom
/**
 * The model-based test of the React layer (issue 6): random command lists against one fake
 * client, owned (per run) by a <CloudProxyProvider> or by a component calling
 * useCloudProxyClient({ client }): mount, unmount, remount (new key, inside StrictMode or
 * not), mode / enabled prop changes, join and leave through useCloudProxyClient(), direct
 * calls on the guarded client, SDK faults and random awaits.
 * After every step: the fake never raised an ordering error, no unhandled rejection, the
 * store agrees with the SDK. After settling: the SDK is where the props and calls asked it
 * to be. After the final unmount: DISCONNECTED, proxy stopped, no listeners, no timers, every
 * promise settled.
 *
 * Two commands hold the ownership rule (a call never outlives the owner that joined it):
 * - "replay": React replays the effects of the SAME mounted owner instance, as StrictMode
 *   does: <Activity> hidden then visible in one tick (React 19), or Fast Refresh of the owner
 *   component (React 18 and 19; support/effectReplay.ts). It is the same owner: nothing
 *   reaches the SDK, the session and its join stay.
 * - "swap": a NEW owner instance (new `key`) takes the client over in the same commit, with
 *   a call UI that either joins in that commit with options equal to the current join, or
 *   never joins. The proxy carries over (same session, no stop/start); the old owner's join
 *   does not: without the new join the SDK leaves, with it the SDK sees no call.
 * Both can run on a settled session (then the SDK's exact calls are checked) or mid-flight
 * (then the session's survival and the end state are); both settle before the next command.
 *
 * FUZZ_RUNS sets the number of runs (default below), FUZZ_SEED replays a seed; on failure
 * fast-check prints the seed and the shrunk command list.
 */
// First: installs the DevTools hook react-dom hands its Fast Refresh entry points to when it loads.
import { Activity, refreshEffects } from "./support/effectReplay";
import {
  CloudProxyProvider,
  parseCloudProxyModeForTest,
  useCloudProxyClient,
  type CloudProxyModeInput,
  type CloudProxyOptions,
  type UseCloudProxyClientResult,
} from "./support/modelHarness";
import type { CloudProxyJoinOptions, CloudProxySession, CloudProxyState } from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { act } from "@testing-library/react";
import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import fc from "fast-check";
import { StrictMode, useContext, useEffect, useRef } from "react";
import { createRoot } from "react-dom/client";
import { expect, it } from "vitest";
import { claimOf } from "../../packages/core/src/session/clientRegistry";
import { CloudProxyContext } from "../../packages/react/src/cloudProxyContext";
import {
  applied,
  appliedSummary,
  callCommands,
  fuzzParameters,
  joinLeaveFaults,
  mediaTokenCommands,
  networkFaults,
  reconnectArbitrary,
  reconnectDelays,
  TokenLedger,
  tokenCommands,
  waitCommands,
  type CallCommand,
  type FaultCommand,
  type MediaTokenCommand,
  type ModelStats,
  type TokenCommand,
  type WaitCommand,
} from "../model/sessionModel";
import { createFakeLocalTrack } from "@agora-cloud-proxy/testing";

const APP_ID = "c0ffeec0ffeec0ffeec0ffeec0ffee77";
const TOKEN = "007eJxReactModelTokenThatMustNeverLeak";

type PropMode = "udp" | "tls" | "off" | "auto";

type Command =
  | { t: "mount" }
  | { t: "unmount" }
  | { t: "remount" }
  | { t: "mode"; mode: PropMode }
  | { t: "toggleEnabled" }
  | OwnerCommand
  | CallCommand
  | TokenCommand
  | MediaTokenCommand
  | FaultCommand
  | WaitCommand;

/** The two owner commands; `settled`: the session is idle first, so the SDK's exact calls can be checked. */
type OwnerCommand =
  { t: "replay"; via: "activity" | "refresh"; settled: boolean } | { t: "swap"; join: boolean; settled: boolean };

const ownerCommands: fc.WeightedArbitrary<OwnerCommand>[] = [
  {
    arbitrary: fc
      .record({ via: fc.constantFrom("activity", "refresh"), settled: fc.boolean() })
      .map((replay) => ({ t: "replay", ...replay }) as const),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({ join: fc.boolean(), settled: fc.boolean() })
      .map((swap) => ({ t: "swap", ...swap }) as const),
    weight: 3,
  },
];

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  fc.constant({ t: "mount" } as const),
  fc.constant({ t: "unmount" } as const),
  fc.constant({ t: "remount" } as const),
  fc.constantFrom<PropMode>("udp", "tls", "off", "auto").map((mode) => ({ t: "mode", mode }) as const),
  fc.constant({ t: "toggleEnabled" } as const),
  ...callCommands,
  ...joinLeaveFaults,
  ...networkFaults(3),
  ...waitCommands,
  ...ownerCommands,
  ...tokenCommands,
  ...mediaTokenCommands,
);

const scenarioArbitrary = fc.record({
  strict: fc.boolean(),
  // Who owns the client's session: a <CloudProxyProvider> instance, or a component calling
  // useCloudProxyClient({ client }) itself.
  owner: fc.constantFrom("provider", "hook"),
  mode: fc.constantFrom<PropMode>("udp", "tls", "off", "auto"),
  policy: fc.constantFrom("rejoin", "defer"),
  commands: fc.array(commandArbitrary, { maxLength: 20 }),
  // Issue 14: the session reconnects after a drop (short waits, so that a run settles in ms).
  reconnect: reconnectArbitrary,
});
type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer S> ? S : never;

// Timers are tracked by wrapping setTimeout while a run is on; the test's own waits use the
// originals, so what is left at the end is what the session, the fake or React left behind.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const pendingTimers = new Map<unknown, number>();
/**
 * The session's stall watch keeps one timer while a join hangs (the fake hangs joins on
 * demand): a legitimate timer that fires long after a run's steps. Runs use this threshold,
 * and `quiesce` does not wait for timers this long, or a hung join would never look settled
 * (and the checks after a settled step would be skipped). After unmount every timer counts.
 */
const STALLED_AFTER_MS = 60_000;
const timersDueSoon = () => [...pendingTimers.values()].filter((ms) => ms < STALLED_AFTER_MS).length;
function trackTimers(on: boolean): void {
  if (!on) {
    globalThis.setTimeout = realSetTimeout;
    globalThis.clearTimeout = realClearTimeout;
    return;
  }
  globalThis.setTimeout = ((handler: () => void, ms?: number, ...args: unknown[]) => {
    const id = realSetTimeout(() => {
      pendingTimers.delete(id);
      handler(...(args as []));
    }, ms);
    pendingTimers.set(id, ms ?? 0);
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = (id: unknown) => {
    pendingTimers.delete(id);
    realClearTimeout(id as number);
  };
}

const sleep = (ms = 0) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));
async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`invariant broken: ${message}`);
}

interface Probe {
  call: UseCloudProxyClientResult | null;
  session: CloudProxySession | null;
}

/**
 * A provider's new call UI in a "swap": joins once, in the commit its provider mounts in. The
 * ref keeps a replay of its effect (StrictMode, <Activity> shown again) from joining again:
 * after a leave the app asked for, a replay must not bring the call back.
 */
function JoinOnce({
  options,
  onJoin,
}: {
  options: CloudProxyJoinOptions;
  onJoin: (joined: Promise<UID>, options: CloudProxyJoinOptions) => void;
}) {
  const { join } = useCloudProxyClient();
  const joined = useRef(false);
  useEffect(() => {
    if (joined.current) return;
    joined.current = true;
    onJoin(join(options), options);
  }, [join, options, onJoin]);
  return null;
}

/** The SDK calls that order the connection and the proxy, in the fake's log. */
const ORDERING = new Set(["startProxyServer", "stopProxyServer", "join", "leave"]);

/** The part of the state an owner command must leave alone when the session was idle. */
const idleView = (state: CloudProxyState) => ({
  mode: state.mode,
  desiredMode: state.desiredMode,
  connectionState: state.connectionState,
  joinRequested: state.joinRequested,
  disposed: state.disposed,
});

/**
 * The other kind of owner: a component calling useCloudProxyClient({ client, ... }). It is its
 * own call UI (the probe) and, in a swap, joins once its session exists, like JoinOnce.
 */
function HookOwner({
  probe,
  joiner,
  onJoin,
  ...options
}: CloudProxyOptions & {
  probe: Probe;
  joiner: CloudProxyJoinOptions | null;
  onJoin: (joined: Promise<UID>, options: CloudProxyJoinOptions) => void;
}) {
  const call = useCloudProxyClient(options);
  const client = options.client as IAgoraRTCClient;
  useEffect(() => {
    probe.call = call;
    // The hook keeps its owner to itself: the client's session is the one it holds.
    probe.session = call ? (claimOf(client)?.session ?? null) : null;
  });
  useEffect(
    () => () => {
      probe.call = null;
      probe.session = null;
    },
    [probe],
  );
  const joined = useRef(false);
  useEffect(() => {
    if (!call || !joiner || joined.current) return;
    joined.current = true;
    onJoin(call.join(joiner), joiner);
  }, [call, joiner, onJoin]);
  return null;
}

function Call({ probe }: { probe: Probe }) {
  const call = useCloudProxyClient();
  const session = useContext(CloudProxyContext)?.getState().session ?? null;
  useEffect(() => {
    probe.call = call;
    probe.session = session;
  });
  useEffect(
    () => () => {
      probe.call = null;
      probe.session = null;
    },
    [probe],
  );
  return null;
}

async function runScenario(scenario: Scenario, stats: ModelStats): Promise<void> {
  const fake = createFakeAgoraClient({ joinLatencyMs: 1, leaveLatencyMs: 0 });
  const client = asAgoraRTCClient(fake);
  const sdkModes = { disabled: null, proxy3: "udp", proxy4: null, proxy5: "tls" } as const;
  const sdkMode = () => sdkModes[fake._cloudProxyServerMode];
  const orderingErrors = () => fake.fake.calls.filter((call) => call.code === "INVALID_OPERATION").length;
  const orderingCalls = () => fake.fake.calls.filter((call) => ORDERING.has(call.method)).map((call) => call.method);
  const sdkFailures = () => fake.fake.calls.filter((call) => call.outcome === "error").length;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const exposed: unknown[] = [];
  // Every promise a call returned must settle (by the final unmount at the latest).
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
  // The joins of swaps' new owners, with how they settled ("pending", "resolved" or an error code).
  const swapJoins: { outcome: string }[] = [];
  const onSwapJoin = (joined: Promise<UID>) => {
    keep(joined);
    const settled = { outcome: "pending" };
    swapJoins.push(settled);
    joined.then(
      () => (settled.outcome = "resolved"),
      (error: { code?: string }) => (settled.outcome = error?.code ?? "error"),
    );
  };
  // The channel of the last join asked for: a swap's new owner joins with equal options.
  let lastChannel: "a" | "b" = "a";
  const probe: Probe = { call: null, session: null };
  let leaveFailed = false;
  const onError = (error: Error & { code: string }) => {
    exposed.push(error.message);
    if (error.code === "LEAVE_FAILED") leaveFailed = true;
  };
  const routeMemory = { read: () => null, write: () => {} };
  // Issue 14: every SDK join carries the token its join() (or provider) gave; renewals only while CONNECTED.
  const tokens = new TokenLedger(TOKEN);
  const reconnect = scenario.reconnect;
  const delays = reconnectDelays(reconnect);
  const rawFake = fake as unknown as Record<string, (...args: unknown[]) => unknown>;
  const sdkJoin = rawFake.join!.bind(fake);
  let sdkChannel: string | null = null;
  rawFake.join = (...args: unknown[]) => {
    sdkChannel = String(args[1]);
    tokens.sdkJoin(args[1], args[2]);
    return sdkJoin(...args);
  };
  const sdkRenew = rawFake.renewToken!.bind(fake);
  rawFake.renewToken = (...args: unknown[]) => {
    tokens.sdkRenew(sdkChannel, args[0], client.connectionState);
    return sdkRenew(...args);
  };
  const tokenFor = (
    channel: "a" | "b",
    kind: TokenCommand extends infer C ? (C extends { token: infer K } ? K : never) : never,
  ) => (kind === "string" ? tokens.string(channel) : tokens.provider(channel, kind, sleep));
  let leaveFailuresQueued = 0;
  const leaveFailuresSeen = () =>
    fake.fake.calls.filter((call) => call.method === "leave" && call.code === "UNEXPECTED_ERROR").length;

  // What the props ask for, and the model of what the session should want.
  const props = {
    mounted: false,
    key: 0,
    mode: scenario.mode,
    enabled: true,
    /** <Activity> mode (React 19); a replay hides and shows it again in one tick. */
    visible: true,
    /** The join a swap's new owner makes when it mounts; `null`: its child never joins. */
    joiner: null as CloudProxyJoinOptions | null,
  };
  const effective = (): CloudProxyModeInput => (props.enabled ? props.mode : "off");
  let requested: CloudProxyModeInput | null = null; // what the owner last passed to the session
  let lastMode: ReturnType<typeof parseCloudProxyModeForTest> = null;
  let overruled = false;

  const container = document.createElement("div");
  const root = createRoot(container);
  const ownerComponent = scenario.owner === "provider" ? CloudProxyProvider : HookOwner;
  applied(stats, `runs owned by a ${scenario.owner === "provider" ? "provider" : "hook"}`);
  const ui = () => {
    const options = {
      client,
      mode: props.mode,
      enabled: props.enabled,
      onModeChange: scenario.policy,
      fallbackAfterMs: 2,
      stalledAfterMs: STALLED_AFTER_MS,
      reconnect,
      routeMemory,
      onError,
    };
    const owner =
      scenario.owner === "provider" ? (
        <CloudProxyProvider key={props.key} {...options}>
          <Call probe={probe} />
          {props.joiner ? <JoinOnce options={props.joiner} onJoin={onSwapJoin} /> : null}
        </CloudProxyProvider>
      ) : (
        <HookOwner key={props.key} {...options} probe={probe} joiner={props.joiner} onJoin={onSwapJoin} />
      );
    const tree = props.mounted ? owner : null;
    // Always inside <Activity> where React has it, so hiding it never changes the tree's shape.
    const shown = Activity ? <Activity mode={props.visible ? "visible" : "hidden"}>{tree}</Activity> : tree;
    return scenario.strict ? <StrictMode>{shown}</StrictMode> : shown;
  };
  const render = () => act(() => root.render(ui()));
  const propsRequest = () => {
    const next = effective();
    if (requested === null || parseCloudProxyModeForTest(requested) !== parseCloudProxyModeForTest(next)) {
      lastMode = parseCloudProxyModeForTest(next);
      overruled = false;
    }
    requested = next;
  };

  const storeConsistent = (step: string) => {
    const session = probe.session;
    if (!session || session.store.getState().disposed) return;
    const state = session.store.getState();
    check(
      state.connectionState === client.connectionState,
      `${step}: store says ${state.connectionState}, SDK says ${client.connectionState}`,
    );
    check(state.mode === sdkMode(), `${step}: store mode ${String(state.mode)}, SDK mode ${String(sdkMode())}`);
    check(tokens.violations.length === 0, `${step}: ${tokens.violations[0]}`);
    const r = state.reconnect;
    if (r !== null) {
      check(
        r.attempts === delays.length && r.attempt >= 1 && r.attempt <= delays.length && state.joinRequested,
        `${step}: reconnect ${JSON.stringify(r)} with the schedule ${JSON.stringify(delays)}`,
      );
      if (r.nextAt !== null)
        // No call is up while waiting (an attempt that timed out may still be being left).
        check(client.connectionState !== "CONNECTED", `${step}: waiting to reconnect while ${client.connectionState}`);
    }
  };

  /** Waits until nothing moves (store, SDK calls, timers); false if it never got there. */
  const quiesce = async (): Promise<boolean> => {
    let stable = 0;
    let last: unknown[] = [];
    for (let i = 0; i < 400 && stable < 4; i += 1) {
      await sleep(i < 20 ? 0 : 5);
      const now = [
        probe.session?.store.getState(),
        fake.fake.calls.length,
        fake.fake.calls.filter((call) => call.outcome === "pending").length,
        client.connectionState,
        timersDueSoon(),
      ];
      stable =
        now.every((value, index) => Object.is(value, last[index])) && timersDueSoon() === 0 && tokens.pending === 0
          ? stable + 1
          : 0;
      last = now;
    }
    return stable >= 4;
  };

  /**
   * React replays the effects of the mounted owner instance in one tick: the same owner lets
   * go of the session and takes it back, so nothing may change. Idle before: the SDK sees no
   * call and the state is as it was. Mid-flight: the session survives and its join is not
   * dropped (a join can only go away with an SDK failure in that window).
   */
  const replay = async (command: Extract<Command, { t: "replay" }>, step: string) => {
    const idle = command.settled && (await quiesce());
    const session = probe.session;
    if (!session || session.store.getState().disposed) return;
    const before = session.store.getState();
    const calls = orderingCalls().length;
    const failures = sdkFailures();
    // React 19's StrictMode renders twice and the second render forgets that the type changed:
    // there Fast Refresh keeps the effects, so the replay goes through <Activity>.
    const via = Activity && (command.via === "activity" || scenario.strict) ? "activity" : "refresh";
    // The owner's effects must really run again: it lets go of the session and takes it back.
    const handovers: { what: string; owner: object }[] = [];
    const hooks = session as { retain: CloudProxySession["retain"]; release: CloudProxySession["release"] };
    const { retain, release } = hooks;
    hooks.retain = (owner, onHold) => (handovers.push({ what: "retain", owner }), retain(owner, onHold));
    hooks.release = (owner) => (handovers.push({ what: "release", owner }), release(owner));
    if (via === "activity") {
      // Two commits with no microtask between them: hidden runs every effect cleanup below
      // the boundary, visible runs the effects again, on the same instances.
      props.visible = false;
      render();
      props.visible = true;
      render();
    } else {
      act(() => refreshEffects(root, ownerComponent));
    }
    hooks.retain = retain;
    hooks.release = release;
    const kinds = handovers.map((handover) => handover.what);
    check(
      kinds[0] === "release" && kinds.at(-1) === "retain" && new Set(handovers.map(({ owner }) => owner)).size === 1,
      `${step}: the replay did not re-run one owner's effects (${kinds.join(", ")})`,
    );
    applied(
      stats,
      `replay ${idle ? "idle" : "mid-flight"}, ${before.joinRequested ? "join wanted" : "no join"}, via ${via}`,
    );
    await flushMicrotasks();
    check(probe.session === session, `${step}: the replay changed the owner's session`);
    const after = session.store.getState();
    check(!after.disposed, `${step}: the replay disposed the session`);
    check(
      !before.joinRequested || after.joinRequested || sdkFailures() > failures,
      `${step}: the replay dropped the join (no SDK failure in between)`,
    );
    const settled = await quiesce();
    if (!settled) stats.unsettled = (stats.unsettled ?? 0) + 1;
    if (!settled || !idle) return;
    applied(stats, "replays checked idle");
    check(
      orderingCalls().length === calls,
      `${step}: the replay reached the SDK: ${orderingCalls().slice(calls).join(", ")}`,
    );
    check(
      JSON.stringify(idleView(session.store.getState())) === JSON.stringify(idleView(before)),
      `${step}: the replay changed the state: ${JSON.stringify(idleView(before))} -> ${JSON.stringify(idleView(session.store.getState()))}`,
    );
  };

  /**
   * A new owner instance (new key) takes the client over in one commit. The proxy carries
   * over (the same session, never disposed). The old owner's join does not: unless the new
   * owner's call UI joins in that commit, the SDK leaves; its join (equal options) is then
   * the call. Idle before: exactly the calls that needs (a leave, or none at all), and no
   * stop or start (the props, so the modes, are equal) but the switch "defer" still owed.
   */
  const swap = async (command: Extract<Command, { t: "swap" }>, step: string) => {
    const idle = command.settled && (await quiesce());
    const session = probe.session;
    const before = session?.store.getState();
    const calls = orderingCalls().length;
    const leaveFailures = leaveFailuresSeen();
    const joins = swapJoins.length;
    props.key += 1;
    const joined = before?.joinRequested === true && before.connectionState !== "DISCONNECTED";
    // Equal options: the channel of the call the SDK is in (a failed leave keeps the old call
    // wanted, whatever was asked last), else the last one asked for. Read from the SDK's last
    // join call: the SDK sets `channelName` only once CONNECTED, and a hung join never gets there.
    const sdkChannel = [...fake.fake.calls].reverse().find((call) => call.method === "join")?.args[1];
    const channel = joined && (sdkChannel === "a" || sdkChannel === "b") ? sdkChannel : lastChannel;
    props.joiner = command.join ? { appid: APP_ID, channel, token: TOKEN, uid: 11 } : null;
    if (command.join) {
      lastChannel = channel;
      tokens.string(channel, TOKEN);
    }
    render();
    applied(
      stats,
      `swap ${idle ? "idle" : "mid-flight"}, old owner ${joined ? "in a call" : "not in a call"}, child ${command.join ? "joins" : "never joins"}`,
    );
    const settled = await quiesce();
    if (!session || !before || before.disposed) return; // the old owner held no session yet
    check(probe.session === session, `${step}: the new owner did not take the old owner's session over`);
    const state = session.store.getState();
    check(!state.disposed, `${step}: the session was disposed between the old and the new owner`);
    if (!settled) stats.unsettled = (stats.unsettled ?? 0) + 1;
    if (!settled) return;
    applied(stats, "swaps checked settled");
    // The one switch the old owner still owed: "defer" holds a new mode back until a leave.
    const pendingSwitch =
      before.mode === before.desiredMode ? [] : [before.desiredMode === null ? "stopProxyServer" : "startProxyServer"];
    const leaveFailed = leaveFailuresSeen() > leaveFailures;
    const sent = orderingCalls().slice(calls);
    if (!command.join) {
      if (!leaveFailed) {
        check(!state.joinRequested, `${step}: the old owner's join outlived it (joinRequested)`);
        check(client.connectionState === "DISCONNECTED", `${step}: the SDK stayed ${client.connectionState}`);
      }
      if (idle && !leaveFailed) {
        // Out of the call, a switch "defer" held back while joined goes ahead: nothing else.
        const expected = [...(joined ? ["leave"] : []), ...pendingSwitch];
        check(
          JSON.stringify(sent) === JSON.stringify(expected),
          `${step}: the SDK saw ${JSON.stringify(sent)}, expected ${JSON.stringify(expected)}`,
        );
      }
    } else {
      check(swapJoins.length === joins + 1, `${step}: the new owner's child joined ${swapJoins.length - joins} times`);
      const outcome = swapJoins[joins]?.outcome;
      check(outcome !== "CANCELLED", `${step}: the new owner's join was cancelled`);
      if (outcome === "resolved" || outcome === "pending")
        check(state.joinRequested, `${step}: the new owner's join is ${outcome} but no join is wanted`);
      if (idle && joined)
        check(sent.length === 0, `${step}: a join with equal options reached the SDK: ${sent.join(", ")}`);
    }
    if (idle && effective() !== "auto") {
      // Out of the call, the switch the old owner owed goes ahead; still in it, none.
      const switches = sent.filter((method) => method === "stopProxyServer" || method === "startProxyServer");
      const expected = client.connectionState === "DISCONNECTED" ? pendingSwitch : [];
      check(
        JSON.stringify(switches) === JSON.stringify(expected),
        `${step}: the proxy flapped between the old and the new owner: ${sent.join(", ")}`,
      );
    }
  };

  process.on("unhandledRejection", onUnhandled);
  trackTimers(true);
  try {
    // Every run starts mounted (a "mount" command is then a no-op until an "unmount").
    props.mounted = true;
    propsRequest();
    render();
    for (const [index, command] of scenario.commands.entries()) {
      const step = `step ${index} ${JSON.stringify(command)}`;
      const call = probe.call;
      switch (command.t) {
        case "mount":
          if (!props.mounted) {
            props.mounted = true;
            props.key += 1;
            props.joiner = null;
            requested = null;
            propsRequest();
            render();
          }
          break;
        case "unmount":
          props.mounted = false;
          render();
          break;
        case "remount":
          // A new provider instance in one commit, with no checks of its own (see "swap"): it
          // takes the same session over, which keeps the mode asked of it (props unchanged:
          // nothing new to ask) but not the old owner's join.
          if (props.mounted) {
            props.key += 1;
            props.joiner = null;
            render();
          }
          break;
        case "mode":
          props.mode = command.mode;
          if (props.mounted) propsRequest();
          render();
          break;
        case "toggleEnabled":
          props.enabled = !props.enabled;
          if (props.mounted) propsRequest();
          render();
          break;
        case "replay":
          if (props.mounted) await replay(command, step);
          break;
        case "swap":
          if (props.mounted) await swap(command, step);
          break;
        case "join":
          if (call) {
            keep(
              call.join({
                appid: APP_ID,
                channel: command.channel,
                token: tokens.string(command.channel, TOKEN),
                uid: 11,
              }),
            );
            lastChannel = command.channel;
          }
          break;
        case "joinToken":
          if (call) {
            keep(
              call.join({
                appid: APP_ID,
                channel: command.channel,
                token: tokenFor(command.channel, command.token),
                uid: 11,
              }),
            );
            lastChannel = command.channel;
            applied(stats, `join with a token ${command.token}`);
          }
          break;
        case "renewJoin":
          if (call) {
            const connected = client.connectionState === "CONNECTED" && sdkChannel === lastChannel;
            const leaves = fake.fake.calls.filter((c) => c.method === "leave").length;
            keep(call.join({ appid: APP_ID, channel: lastChannel, token: tokens.string(lastChannel), uid: 11 }));
            await flushMicrotasks();
            const state = probe.session?.store.getState();
            if (connected && state && state.joinRequested && state.mode === state.desiredMode) {
              applied(stats, "renewJoin while connected");
              check(
                fake.fake.calls.filter((c) => c.method === "leave").length === leaves,
                `${step}: a join() with only a new token string made the SDK leave`,
              );
            }
          }
          break;
        case "publish":
          if (call && client.connectionState === "CONNECTED") {
            keep(call.client.publish([createFakeLocalTrack("audio")]));
            applied(stats, "publish");
          }
          break;
        case "expireTokenSoon":
          if (client.connectionState === "CONNECTED") fake.fake.expireTokenSoon();
          break;
        case "expireToken":
          if (client.connectionState === "CONNECTED" || client.connectionState === "RECONNECTING") {
            fake.fake.expireToken();
            applied(stats, "expireToken");
          }
          break;
        case "blockMedia":
          fake.fake.blockMedia(command.routes);
          break;
        case "failMedia":
          try {
            if (client.connectionState === "CONNECTED") fake.fake.failMedia();
          } catch {
            // already failed or closed: nothing to fail
          }
          break;
        case "leave":
          if (call) keep(call.leave());
          break;
        case "clientJoin":
          if (call) {
            tokens.string(command.channel, TOKEN);
            keep(call.client.join(APP_ID, command.channel, TOKEN, 11));
            lastChannel = command.channel;
          }
          break;
        case "clientLeave":
          if (call) keep(call.client.leave());
          break;
        case "clientStart":
          if (call) {
            call.client.startProxyServer(command.mode);
            lastMode = command.mode === 5 ? "tls" : "udp";
            overruled = false;
          }
          break;
        case "clientStop":
          if (call) {
            call.client.stopProxyServer();
            lastMode = null;
            overruled = false;
          }
          break;
        case "failNextJoin":
          fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER");
          break;
        case "hangNextJoin":
          fake.fake.hangNextJoin();
          break;
        case "failNextLeave":
          // At most one queued leave failure: with two in a row during the final unmount the
          // SDK cannot be left at all, and the end-state invariants could not hold.
          if (leaveFailuresQueued === leaveFailuresSeen()) {
            fake.fake.failNextLeave("UNEXPECTED_ERROR");
            leaveFailuresQueued += 1;
          }
          break;
        case "dropNetwork":
          // As in the core model: a join on its way connects within a few ms, and the drop comes then.
          for (let ms = 0; ms < 5 && client.connectionState === "CONNECTING"; ms += 1) await sleep(1);
          if (client.connectionState === "CONNECTED") {
            applied(
              stats,
              `drop ${command.outcome === "reconnect" ? "recovered" : (command.reason ?? "NETWORK_ERROR")}`,
            );
            await fake.fake.dropNetwork({ outcome: command.outcome, reason: command.reason, reconnectingMs: 1 });
          }
          break;
        case "latency":
          fake.fake.joinLatencyMs = command.join;
          fake.fake.leaveLatencyMs = command.leave;
          break;
        case "wait":
          await sleep(command.ms);
          break;
        case "microtasks":
          break;
      }
      await flushMicrotasks();
      check(orderingErrors() === 0, `${step}: the SDK raised an ordering error`);
      check(unhandled.length === 0, `${step}: unhandled rejection ${String(unhandled[0])}`);
      storeConsistent(step);
      stats.steps += 1;
    }

    await quiesce();
    storeConsistent("settled");
    const session = probe.session;
    if (props.mounted && session) {
      const state = session.store.getState();
      if (!overruled && !leaveFailed && (lastMode as string | null) !== "auto")
        check(
          state.desiredMode === lastMode,
          `settled: desired ${String(state.desiredMode)}, asked ${String(lastMode)}`,
        );
      // Settled, no reconnect waits (its timers are short); one may still run where the SDK's join hangs.
      check(
        state.reconnect === null || (state.reconnect.nextAt === null && state.connectionState === "CONNECTING"),
        `settled: still reconnecting ${JSON.stringify(state.reconnect)} while ${state.connectionState}`,
      );
      if (state.connectionState === "DISCONNECTED") {
        check(!state.joinRequested, "settled: a join is wanted but the SDK is DISCONNECTED");
        check(state.mode === state.desiredMode, "settled: DISCONNECTED but the desired mode is not applied");
        check(sdkMode() === state.desiredMode, "settled: SDK proxy differs from the desired one");
      } else {
        check(state.joinRequested, `settled: ${state.connectionState} but no join is wanted`);
        if (scenario.policy === "rejoin" || (lastMode as string | null) === "auto")
          check(state.mode === state.desiredMode, "settled: joined with a stale mode under rejoin");
      }
    }

    props.mounted = false;
    render();
    await quiesce();
    const leaked = fake.fake.listenerCount() !== 0 || client.connectionState !== "DISCONNECTED" || sdkMode() !== null;
    if (leaked) stats.leaks += 1;
    check(client.connectionState === "DISCONNECTED", "unmounted: SDK not DISCONNECTED");
    check(sdkMode() === null, "unmounted: proxy still on");
    check(fake.fake.listenerCount() === 0, `unmounted: ${fake.fake.listenerCount()} listeners left`);
    check(pendingTimers.size === 0, `unmounted: ${pendingTimers.size} timers pending`);
    check(orderingErrors() === 0, "unmounted: the SDK raised an ordering error");
    await flushMicrotasks();
    check(unhandled.length === 0, `unhandled rejection: ${String(unhandled[0])}`);
    check(unsettled === 0, `unmounted: ${unsettled} promise(s) never settled`);
    const seen = JSON.stringify(exposed, (_key, value: unknown) => (value instanceof Error ? value.message : value));
    check(!seen.includes(APP_ID) && !seen.includes(TOKEN), "a secret reached an error or a result");
    check(tokens.violations.length === 0, `unmounted: ${tokens.violations[0]}`);
  } catch (error) {
    if (orderingErrors() > 0) stats.orderingViolations += 1;
    throw error;
  } finally {
    trackTimers(false);
    pendingTimers.clear();
    process.off("unhandledRejection", onUnhandled);
    act(() => root.unmount());
    stats.runs += 1;
  }
}

it("no sequence of mounts, prop changes, hook calls, guarded-client calls and SDK faults misorders the SDK or leaks", async () => {
  const stats: ModelStats = { runs: 0, steps: 0, orderingViolations: 0, leaks: 0 };
  const parameters = fuzzParameters(DEFAULT_RUNS);
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary, (scenario) => runScenario(scenario, stats)),
    { ...parameters, verbose: 1 },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `model (React ${process.env.EXPECTED_REACT_MAJOR}, fake SDK): ${stats.runs} runs, ${stats.steps} steps in ${seconds} s, ${stats.orderingViolations} ordering violations, ${stats.leaks} leaks, ${stats.unsettled ?? 0} unsettled steps; applied: ${appliedSummary(stats)}`,
  );
  expect(stats.runs).toBeGreaterThanOrEqual(parameters.numRuns);
  expect(stats.orderingViolations).toBe(0);
  expect(stats.leaks).toBe(0);
  // A step that never settles skips its strongest checks: a timer the session keeps by design
  // (the stall watch's, while a join hangs) once left steps unsettled, each waiting 2 s, and
  // the model passed while skipping those checks.
  expect(stats.unsettled ?? 0, "steps that never settled").toBeLessThanOrEqual(stats.runs / 100);
}, 3_600_000);

// Runs per React version: 1,500 on React 18 and 1,500 on React 19, so CI runs 3,000 sequences
// (the issue asks for at least 2,000), about 40-50 s per version on 2 cores. `pnpm fuzz` runs 50,000.
const DEFAULT_RUNS = 1_500;

/**
 * Found by this model (seed 1013670860, React 19): when both of dispose()'s leave attempts
 * failed, the finished core session's worker went on calling leave() and stopProxyServer()
 * on a client that a new provider's session already owned.
 */
it("a remount after an unmount whose two leaves failed keeps store and SDK in agreement", async () => {
  const fake = createFakeAgoraClient({ joinLatencyMs: 1, leaveLatencyMs: 0 });
  const client = asAgoraRTCClient(fake);
  const probe: Probe = { call: null, session: null };
  const root = createRoot(document.createElement("div"));
  const ui = (mounted: boolean) =>
    mounted ? (
      <CloudProxyProvider client={client} mode="udp" onError={() => {}}>
        <Call probe={probe} />
      </CloudProxyProvider>
    ) : null;
  act(() => root.render(ui(true)));
  fake.fake.failNextLeave("UNEXPECTED_ERROR");
  void probe.call!.client.join(APP_ID, "a", TOKEN, 11).catch(() => {});
  fake.fake.failNextLeave("UNEXPECTED_ERROR");
  await flushMicrotasks();
  act(() => root.render(ui(false)));
  await flushMicrotasks();
  act(() => root.render(ui(true)));
  await sleep(50);
  const sdkModes = { disabled: null, proxy3: "udp", proxy4: null, proxy5: "tls" } as const;
  try {
    expect(probe.session!.store.getState().mode).toBe(sdkModes[fake._cloudProxyServerMode]);
  } finally {
    act(() => root.unmount());
    await sleep(20);
  }
});

/**
 * Found by this model (seed 649280550, React 19; shrunk): clientJoin, failNextLeave, then two
 * swaps whose new owners never join; the default seed finds it too, on React 18 and 19
 * (failNextLeave, join, swap, swap). The first swap drops the old owner's join and the SDK's
 * leave fails (LEAVE_FAILED: the SDK is still in the call, so the session wants the call it
 * has again). That call now belongs to no mounted owner: when the second owner goes too,
 * nothing drops it, and the SDK stays in the call under a third owner that never joined. A
 * call must not outlive the owner that joined it: the second swap must make the SDK leave.
 */
it("after a failed leave at an owner swap, the next swap without a join still leaves the call", async () => {
  const fake = createFakeAgoraClient({ joinLatencyMs: 1, leaveLatencyMs: 0 });
  const client = asAgoraRTCClient(fake);
  const probe: Probe = { call: null, session: null };
  const errors: string[] = [];
  const root = createRoot(document.createElement("div"));
  const ui = (key: string) => (
    <CloudProxyProvider key={key} client={client} mode="udp" onError={(error) => errors.push(error.code)}>
      <Call probe={probe} />
    </CloudProxyProvider>
  );
  act(() => root.render(ui("a")));
  await sleep(10);
  void probe.call!.client.join(APP_ID, "a", TOKEN, 11).catch(() => {});
  await sleep(20);
  expect(client.connectionState).toBe("CONNECTED");
  try {
    fake.fake.failNextLeave("UNEXPECTED_ERROR");
    act(() => root.render(ui("b")));
    await sleep(20);
    // The SDK refused to leave: the call stays, and the app hears why.
    expect([client.connectionState, errors]).toEqual(["CONNECTED", ["LEAVE_FAILED"]]);
    const calls = fake.fake.calls.length;

    act(() => root.render(ui("c")));
    await sleep(20);
    const sent = fake.fake.calls.slice(calls).map((call) => `${call.method}:${call.outcome}`);
    expect({
      sent,
      state: client.connectionState,
      joinRequested: probe.session!.store.getState().joinRequested,
    }).toEqual({ sent: ["leave:ok"], state: "DISCONNECTED", joinRequested: false });
  } finally {
    act(() => root.unmount());
    await sleep(20);
  }
});
