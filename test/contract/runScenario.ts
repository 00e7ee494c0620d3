import type { ConnectionState } from "agora-rtc-sdk-ng";
import type {
  ContractOutcome,
  GatewayMessage,
  ListenerName,
  Scenario,
  ScenarioStep,
  StateChange,
  StatsSnapshot,
} from "./scenarios";

/* eslint-disable @typescript-eslint/no-unsafe-function-type -- the SDK types listeners as Function */

/**
 * The part of a client (real or fake) the contract drives. Methods are called with raw arguments.
 *
 * @example
 * const client: ContractClient = createFakeAgoraClient({ offline: true });
 */
export interface ContractClient {
  readonly connectionState: ConnectionState;
  readonly _cloudProxyServerMode: string;
  on(event: string, listener: Function): void;
  once(event: string, listener: Function): void;
  off(event: string, listener: Function): void;
  removeAllListeners(event?: string): void;
  getListeners(event: string): Function[];
  leave(): Promise<void>;
  getRTCStats(): object;
}

/**
 * A client under contract, with the things the table needs from outside the SDK API.
 *
 * @example
 * const target: ContractTarget = {
 *   client,
 *   drive: (state, reason) => client.fake.forceConnectionState(state, reason),
 *   fake: async () => client.fake.completePendingJoin(),
 *   gateway: (message) => (message === "token did expire" ? client.fake.expireToken() : client.fake.expireTokenSoon()),
 *   internals: () => ({ proxyServer: client._proxyServer, turnServerMode: client._turnServer.mode, useLocalAccessPoint: client._useLocalAccessPoint }),
 * };
 */
export interface ContractTarget {
  readonly client: ContractClient;
  /** Set the connection state from outside (real: `_gateway.state`; fake: `forceConnectionState`). */
  drive(state: "CONNECTED" | "RECONNECTING" | "DISCONNECTED", reason?: string): void;
  /** Run a fake-only control; the real target throws. */
  fake(control: "completePendingJoin" | "dropNetwork"): Promise<void>;
  /** Deliver a gateway message about the token (real: through its signalling channel; fake: `client.fake`). */
  gateway(message: GatewayMessage): void;
  /** SDK internals that hold proxy configuration; compared between real and fake, not against the table. */
  internals(): ContractInternals;
}

/**
 * Proxy configuration the SDK keeps privately (`_proxyServer`, `_turnServer.mode`, `_useLocalAccessPoint`).
 *
 * @example
 * const fresh: ContractInternals = { proxyServer: undefined, turnServerMode: "auto", useLocalAccessPoint: false };
 */
export interface ContractInternals {
  readonly proxyServer: string | undefined;
  readonly turnServerMode: string;
  readonly useLocalAccessPoint: boolean;
}

/**
 * What one step produced, labelled so a diff reads like the table.
 *
 * @example
 * const step: StepObservation = { step: "startProxyServer(5)", outcome: "ok" };
 */
export interface StepObservation {
  readonly step: string;
  /** What the step produced; `getListeners` steps give the listeners' names. */
  readonly outcome:
    ContractOutcome | ConnectionState | "started" | "armed" | "driven" | "done" | readonly string[] | StatsSnapshot;
}

/**
 * Everything a scenario run observed that the table speaks about.
 *
 * @example
 * expect(tableView(await runScenario(target, scenario))).toEqual(expectedObservation(scenario));
 */
export interface Observation {
  readonly steps: readonly StepObservation[];
  readonly final: Scenario["final"];
  readonly events: readonly StateChange[];
  readonly usingCloudProxy: readonly boolean[];
  /** Calls of the row's named test listeners, as `name(first argument)`. */
  readonly listenerCalls: readonly string[];
  /** Promises started by the row and never settled by it (a table bug; the runner cleans up). */
  readonly unsettled: readonly string[];
}

/**
 * An {@link Observation} plus what is only compared between real and fake.
 *
 * @example
 * expect(await runScenario(fakeTarget, scenario)).toEqual(await runScenario(realTarget, scenario));
 */
export interface FullObservation extends Observation {
  readonly internals: ContractInternals;
  /** Argument counts `connection-state-change` listeners received (the SDK always passes 3). */
  readonly listenerArities: readonly number[];
}

/**
 * The default join: a made-up app id (never a real one), no token, uid 1.
 *
 * @example
 * client.join(...(DEFAULT_JOIN_ARGS as Parameters<typeof client.join>));
 */
export const DEFAULT_JOIN_ARGS: readonly unknown[] = ["0123456789abcdef0123456789abcdef", "contract", null, 1];

const WAIT_FOR_STATE_MS = 5_000;

/**
 * The observation a row expects, built from the table alone.
 *
 * @example
 * expectedObservation(scenario).steps; // [{ step: "stopProxyServer()", outcome: "ok" }]
 */
export function expectedObservation(scenario: Scenario): Observation {
  return {
    steps: scenario.steps.map((step) => ({ step: describeStep(step), outcome: expectedOutcome(step) })),
    final: scenario.final,
    events: scenario.events,
    usingCloudProxy: scenario.usingCloudProxy ?? [],
    listenerCalls: scenario.listenerCalls ?? [],
    unsettled: [],
  };
}

/**
 * The part of a full observation the table speaks about.
 *
 * @example
 * expect(tableView(observation)).toEqual(expectedObservation(scenario));
 */
export function tableView(observation: FullObservation): Observation {
  const { steps, final, events, usingCloudProxy, listenerCalls, unsettled } = observation;
  return { steps, final, events, usingCloudProxy, listenerCalls, unsettled };
}

/**
 * Runs every step of `scenario` on `target` and records what happened. Never throws for SDK
 * errors (they are outcomes); throws only for a bug in the table.
 *
 * @example
 * const observation = await runScenario(createFakeTarget(createFakeAgoraClient({ offline: true })), scenario);
 */
export async function runScenario(target: ContractTarget, scenario: Scenario): Promise<FullObservation> {
  const { client } = target;
  const events: StateChange[] = [];
  const listenerArities: number[] = [];
  const usingCloudProxy: boolean[] = [];
  const onStateChange = (...args: unknown[]) => {
    listenerArities.push(args.length);
    const [current, previous, reason] = args as [ConnectionState, ConnectionState, unknown];
    events.push(reason === undefined ? [current, previous] : [current, previous, reason as string]);
  };
  const onUsingCloudProxy = (using: boolean) => usingCloudProxy.push(using);
  client.on("connection-state-change", onStateChange);
  client.on("is-using-cloud-proxy", onUsingCloudProxy);
  const listeners = new NamedListeners(client);

  const started = new Map<string, Promise<ContractOutcome>>();
  const steps: StepObservation[] = [];
  let unsettled: string[] = [];
  try {
    for (const step of scenario.steps) {
      steps.push({ step: describeStep(step), outcome: await runStep(target, step, started, listeners) });
    }
  } finally {
    unsettled = [...started.keys()];
    if (unsettled.length > 0) {
      // A row that forgets to settle a join would leave the real SDK retrying in the background.
      await client.leave().catch(() => undefined);
      await Promise.all(started.values());
    }
    client.off("connection-state-change", onStateChange);
    client.off("is-using-cloud-proxy", onUsingCloudProxy);
  }
  return {
    steps,
    final: {
      connectionState: client.connectionState,
      proxyMode: client._cloudProxyServerMode as Scenario["final"]["proxyMode"],
    },
    events,
    usingCloudProxy,
    listenerCalls: listeners.calls,
    unsettled,
    internals: target.internals(),
    listenerArities: [...new Set(listenerArities)],
  };
}

async function runStep(
  target: ContractTarget,
  step: ScenarioStep,
  started: Map<string, Promise<ContractOutcome>>,
  listeners: NamedListeners,
): Promise<StepObservation["outcome"]> {
  const { client } = target;
  if ("whenState" in step) {
    if (started.has(step.as))
      throw new Error(`Table bug: "${step.as}" was armed twice without a settle step in between.`);
    started.set(step.as, callOnState(client, step.whenState, step.call, step.args ?? []));
    return "armed";
  }
  if ("call" in step) {
    if (step.call === "join" || step.call === "leave" || step.call === "renewToken")
      return outcomeOf(invokeAsync(client, step.call, step.args));
    return outcomeOfSync(() => invoke(client, step.call, step.args ?? []));
  }
  if ("start" in step) {
    const label = step.as ?? step.start;
    if (started.has(label))
      throw new Error(`Table bug: "${label}" was started twice without a settle step in between.`);
    started.set(label, outcomeOf(invokeAsync(client, step.start, step.args)));
    return "started";
  }
  if ("settle" in step) {
    const outcome = started.get(step.settle);
    if (!outcome) throw new Error(`Table bug: nothing was started as "${step.settle}".`);
    started.delete(step.settle);
    return await outcome;
  }
  if ("expectState" in step) return client.connectionState;
  if ("waitForState" in step) return waitForState(client, step.waitForState);
  if ("drive" in step) {
    target.drive(step.drive, step.reason);
    return "driven";
  }
  if ("listen" in step) return outcomeOfSync(() => client[step.listen](step.event, listeners.get(step.listener)));
  if ("removeAllListeners" in step)
    return outcomeOfSync(() => invoke(client, "removeAllListeners", step.removeAllListeners));
  if ("getListeners" in step)
    return client.getListeners(step.getListeners).map((listener) => listeners.nameOf(listener));
  if ("gateway" in step) {
    target.gateway(step.gateway);
    return "done";
  }
  if ("getRTCStats" in step) return { ...(client.getRTCStats() as StatsSnapshot) };
  await target.fake(step.fake);
  return "done";
}

/**
 * The row's test listeners, one function per name for the whole run (so `on` twice is the same
 * listener twice), recording each call. `function`s, not arrows: a call with a `this` other than
 * the client (the SDK calls listeners on the client) is recorded as such.
 */
class NamedListeners {
  readonly calls: string[] = [];
  readonly #byName = new Map<ListenerName, Function>();
  readonly #client: ContractClient;

  constructor(client: ContractClient) {
    this.#client = client;
  }

  get(name: ListenerName): Function {
    let listener = this.#byName.get(name);
    if (!listener) {
      listener = this.#create(name);
      this.#byName.set(name, listener);
    }
    return listener;
  }

  /** A test listener's name, or "(runner)" for the runner's own. */
  nameOf(listener: Function): string {
    for (const [name, candidate] of this.#byName) if (candidate === listener) return name;
    return "(runner)";
  }

  #create(name: ListenerName): Function {
    const { calls } = this;
    const client = this.#client;
    const get = (other: ListenerName) => this.get(other);
    return function (this: unknown, ...args: unknown[]) {
      calls.push(`${name}(${String(args[0])})${this === client ? "" : " called with another this"}`);
      if (name === "removes b") client.off("connection-state-change", get("b"));
      if (name === "adds c") client.on("connection-state-change", get("c"));
      if (name === "throws") throw new Error(`test listener "throws" threw on purpose`);
    };
  }
}

function invoke(client: ContractClient, method: string, args: readonly unknown[]): unknown {
  const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
  if (typeof fn !== "function") throw new Error(`The client has no ${method}() method.`);
  return fn.apply(client, [...args]);
}

/** Marks the outcome of an async method that threw instead of rejecting (the SDK's are all `async`). */
const THREW_SYNCHRONOUSLY = "threw synchronously: ";

function invokeAsync(
  client: ContractClient,
  method: "join" | "leave" | "renewToken",
  args: readonly unknown[] | undefined,
): Promise<unknown> {
  const callArgs = args ?? (method === "join" ? DEFAULT_JOIN_ARGS : []);
  let result: unknown;
  try {
    result = invoke(client, method, callArgs);
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    return Promise.reject(Object.assign(new Error(String(message)), { code: `${THREW_SYNCHRONOUSLY}${String(code)}` }));
  }
  return Promise.resolve(result);
}

/** Turns a promise into its outcome; never rejects. */
function outcomeOf(promise: Promise<unknown>): Promise<ContractOutcome> {
  return promise.then(
    () => "ok",
    (error: unknown) => errorOutcome(error),
  );
}

function outcomeOfSync(run: () => unknown): ContractOutcome {
  try {
    run();
    return "ok";
  } catch (error) {
    return errorOutcome(error);
  }
}

function errorOutcome(error: unknown): ContractOutcome {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return { code: String(code), message: normaliseMessage(String(message)) };
}

/**
 * The SDK puts a per-client id in some messages (`[client-1a2b3]`); the table uses `[client-*]`.
 *
 * @example
 * normaliseMessage("[client-1a2b3] Client already left"); // "[client-*] Client already left"
 */
export function normaliseMessage(message: string): string {
  return message.replace(/\[client-[^\]]*\]/g, "[client-*]");
}

function waitForState(client: ContractClient, state: ConnectionState): Promise<ConnectionState | "done"> {
  if (client.connectionState === state) return Promise.resolve(state);
  return new Promise((resolve) => {
    const listener = (current: ConnectionState) => {
      if (current !== state) return;
      finish(state);
    };
    const timer = setTimeout(() => finish(client.connectionState), WAIT_FOR_STATE_MS);
    function finish(reached: ConnectionState) {
      clearTimeout(timer);
      client.off("connection-state-change", listener);
      resolve(reached);
    }
    client.on("connection-state-change", listener);
  });
}

/** Resolves with the outcome of `method(...args)` made inside the listener call for `state`. */
function callOnState(
  client: ContractClient,
  state: ConnectionState,
  method: string,
  args: readonly unknown[],
): Promise<ContractOutcome> {
  return new Promise((resolve) => {
    const listener = (current: ConnectionState) => {
      if (current !== state) return;
      clearTimeout(timer);
      client.off("connection-state-change", listener);
      resolve(outcomeOfSync(() => invoke(client, method, args)));
    };
    const timer = setTimeout(() => {
      client.off("connection-state-change", listener);
      resolve({ code: "NEVER_REACHED", message: `the client never entered ${state}` });
    }, WAIT_FOR_STATE_MS);
    client.on("connection-state-change", listener);
  });
}

function describeStep(step: ScenarioStep): string {
  if ("whenState" in step) return `on ${step.whenState}: ${step.call}(${describeArgs(step.args)}) as ${step.as}`;
  if ("call" in step) {
    // Keep app ids out of test names and diffs, even made-up ones.
    const args = step.call === "join" && step.args ? ["<appid>", ...step.args.slice(1)] : step.args;
    return `${step.call}(${describeArgs(args)})`;
  }
  if ("start" in step) return `start ${step.as ?? step.start}`;
  if ("settle" in step) return `settle ${step.settle}`;
  if ("expectState" in step) return "connectionState";
  if ("waitForState" in step) return `wait for ${step.waitForState}`;
  if ("drive" in step) return `drive ${step.drive}${step.reason ? ` (${step.reason})` : ""}`;
  if ("listen" in step) return `${step.listen}(${JSON.stringify(step.event)}, ${step.listener})`;
  if ("removeAllListeners" in step) return `removeAllListeners(${describeArgs(step.removeAllListeners)})`;
  if ("getListeners" in step) return `getListeners(${JSON.stringify(step.getListeners)})`;
  if ("gateway" in step) return `gateway: ${step.gateway}`;
  if ("getRTCStats" in step) return "getRTCStats()";
  return `fake.${step.fake}()`;
}

function expectedOutcome(step: ScenarioStep): StepObservation["outcome"] {
  if ("whenState" in step) return "armed";
  if ("expect" in step) return step.expect;
  if ("start" in step) return "started";
  if ("expectState" in step) return step.expectState;
  if ("waitForState" in step) return step.waitForState;
  if ("drive" in step) return "driven";
  if ("listen" in step || "removeAllListeners" in step) return "ok";
  return "done";
}

function describeArgs(args: readonly unknown[] | undefined): string {
  if (args === undefined) return "";
  return args
    .map((arg) => {
      if (arg === undefined) return "undefined";
      if (arg === "<appid>") return arg;
      if (typeof arg === "number" && Number.isNaN(arg)) return "NaN";
      // Keeps a diff readable when a row passes a 2048-character token.
      if (typeof arg === "string" && arg.length > 40)
        return `${JSON.stringify(arg.slice(0, 8))}... (${arg.length} chars)`;
      return JSON.stringify(arg);
    })
    .join(", ");
}
