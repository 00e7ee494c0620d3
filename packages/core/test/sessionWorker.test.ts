import { describe, expect, it } from "vitest";
import { SessionWorker, STEP_BUDGET, type WorkerHost, MAX_YIELDS } from "../src/session/sessionWorker";

// A fake host fed from a script: `steps` is what is left to do (the "desired state"),
// `next` decides what to plan from it, `run` what performing a step returns.
class ScriptedHost implements WorkerHost<string> {
  readonly log: string[] = [];
  steps: string[] = [];
  performed = 0;
  stalls = 0;
  settles = 0;
  next: () => string | null = () => this.steps[0] ?? null;
  run: (step: string) => Promise<unknown> | void = (step) => void this.steps.splice(this.steps.indexOf(step), 1);

  nextStep(): string | null {
    this.log.push("plan");
    return this.next();
  }
  perform(step: string): Promise<unknown> | void {
    // A budget that does not stop a synchronous spin would freeze the test run: fail loudly instead.
    if (++this.performed > HARD_CAP)
      throw new Error(`fake host: ${HARD_CAP} steps performed, the step budget never stopped the worker`);
    this.log.push(`perform ${step}`);
    return this.run(step);
  }
  publish(): void {
    this.log.push("publish");
  }
  settle(): void {
    this.settles += 1;
    this.log.push("settle");
  }
  stalled(): void {
    this.stalls += 1;
    this.log.push("stalled");
  }
}

const HARD_CAP = 10_000;
/** One macrotask: every microtask queued so far (and those they queue) has run. */
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(steps: string[] = []) {
  const host = new ScriptedHost();
  host.steps = steps;
  return { host, worker: new SessionWorker(host) };
}

describe("SessionWorker: when it runs", () => {
  it("kick() does nothing synchronously; the run happens on microtasks, before a timer queued earlier", async () => {
    const { host, worker } = setup(["start"]);
    const order: string[] = [];
    setTimeout(() => order.push(`timer after ${host.log.length} log entries`), 0);
    worker.kick();
    expect(host.log).toEqual([]);
    await macrotask();
    expect(order).toEqual(["timer after 5 log entries"]);
    expect(host.log).toEqual(["plan", "perform start", "publish", "plan", "settle"]);
  });

  it("waits one microtask with no new kick: after the first microtask nothing has run yet", async () => {
    const { host, worker } = setup(["start"]);
    worker.kick();
    await Promise.resolve();
    expect(host.log).toEqual([]);
    await macrotask();
    expect(host.settles).toBe(1);
  });

  it("kicks made in the same tick merge into one run (one plan pass, one settle)", async () => {
    const { host, worker } = setup();
    worker.kick();
    host.steps.push("start");
    worker.kick();
    host.steps.push("join");
    worker.wake();
    await macrotask();
    expect(host.log).toEqual(["plan", "perform start", "publish", "plan", "perform join", "publish", "plan", "settle"]);
  });

  it("a kick from a microtask queued right after the first kick lands before the run", async () => {
    const { host, worker } = setup();
    worker.kick();
    queueMicrotask(() => {
      host.steps.push("join");
      worker.kick();
    });
    await macrotask();
    // Had the run started on the first microtask, it would have settled with nothing to do, then run again.
    expect(host.log).toEqual(["plan", "perform join", "publish", "plan", "settle"]);
  });

  it("a chain of kicks from microtasks cannot starve it: the run starts after at most MAX_YIELDS of them", async () => {
    const { host, worker } = setup();
    let chained = 0;
    let chainedAtRun: number | null = null;
    host.next = () => {
      chainedAtRun ??= chained;
      return null;
    };
    const again = (): void => {
      chained += 1;
      worker.kick();
      if (chained < 100) queueMicrotask(again);
    };
    worker.kick();
    queueMicrotask(again);
    await macrotask();
    expect(chainedAtRun).toBe(MAX_YIELDS);
    expect(chained).toBe(100);
  });
});

describe("SessionWorker: a run", () => {
  it("publishes after each step and settles once when nothing is left", async () => {
    const { host, worker } = setup(["leave", "stop", "start", "join"]);
    worker.kick();
    await macrotask();
    expect(host.log.filter((entry) => entry !== "plan")).toEqual([
      ...["perform leave", "publish", "perform stop", "publish"],
      ...["perform start", "publish", "perform join", "publish"],
      "settle",
    ]);
  });

  it("with nothing to do it plans once and settles, publishing nothing", async () => {
    const { host, worker } = setup();
    worker.kick();
    await macrotask();
    expect(host.log).toEqual(["plan", "settle"]);
  });

  it("waits for a step's promise before planning again, then publishes and goes on", async () => {
    const { host, worker } = setup(["leave", "stop"]);
    const left = deferred();
    host.run = (step) => {
      host.steps.splice(host.steps.indexOf(step), 1);
      if (step === "leave") return left.promise;
    };
    worker.kick();
    await macrotask();
    expect(host.log).toEqual(["plan", "perform leave"]);
    left.resolve();
    await macrotask();
    expect(host.log).toEqual(["plan", "perform leave", "publish", "plan", "perform stop", "publish", "plan", "settle"]);
  });

  it("a rejected step promise also resumes the run", async () => {
    const { host, worker } = setup(["leave"]);
    host.run = (step) => {
      host.steps.splice(host.steps.indexOf(step), 1);
      return Promise.reject(new Error("leave failed"));
    };
    worker.kick();
    await macrotask();
    expect(host.log).toEqual(["plan", "perform leave", "publish", "plan", "settle"]);
  });

  it("a kick during an awaited step starts no second run; the run goes on with the new request after the step", async () => {
    const { host, worker } = setup(["leave"]);
    const left = deferred();
    host.run = (step) => {
      host.steps.splice(host.steps.indexOf(step), 1);
      if (step === "leave") return left.promise;
    };
    worker.kick();
    await macrotask();
    host.steps.push("join");
    worker.kick();
    await macrotask();
    expect(host.log).toEqual(["plan", "perform leave"]); // nothing plans while the leave is in flight
    left.resolve();
    await macrotask();
    // The kick is honoured by a second pass after the first one settled.
    expect(host.log).toEqual([
      "plan",
      "perform leave",
      "publish",
      "plan",
      "perform join",
      "publish",
      "plan",
      "settle",
      "plan",
      "settle",
    ]);
  });

  it("a kick made during a synchronous step (an SDK event) makes it plan again after settling", async () => {
    const { host, worker } = setup(["join"]);
    host.run = (step) => {
      host.steps.splice(host.steps.indexOf(step), 1);
      worker.wake();
    };
    worker.kick();
    await macrotask();
    expect(host.log).toEqual(["plan", "perform join", "publish", "plan", "settle", "plan", "settle"]);
  });
});

describe("SessionWorker: the step budget", () => {
  it(`a legal run of exactly STEP_BUDGET (${STEP_BUDGET}) steps is not stalled`, async () => {
    const { host, worker } = setup(Array.from({ length: STEP_BUDGET }, (_, index) => `step ${index}`));
    worker.kick();
    await macrotask();
    expect(host.performed).toBe(STEP_BUDGET);
    expect(host.stalls).toBe(0);
  });

  it("a host whose plan never changes (synchronous perform): exactly one stalled() after STEP_BUDGET steps", async () => {
    const { host, worker } = setup();
    host.next = () => "leave"; // a client whose leave() returns but stays in the channel
    host.run = () => {};
    worker.kick();
    await macrotask();
    expect(host.performed).toBe(STEP_BUDGET);
    expect(host.stalls).toBe(1);
    expect(host.log.slice(-3)).toEqual(["plan", "stalled", "settle"]);
  });

  it("a host whose plan never changes (awaited perform): exactly one stalled() after STEP_BUDGET steps", async () => {
    const { host, worker } = setup();
    host.next = () => "leave";
    host.run = () => Promise.resolve();
    worker.kick();
    await macrotask();
    expect(host.performed).toBe(STEP_BUDGET);
    expect(host.stalls).toBe(1);
    await macrotask();
    expect(host.performed).toBe(STEP_BUDGET); // and it stays stopped
  });

  it("a new kick() brings a fresh budget; wake() (an SDK event) does not", async () => {
    const { host, worker } = setup();
    host.next = () => "leave";
    host.run = () => {};
    worker.kick();
    await macrotask();
    worker.wake();
    await macrotask();
    expect(host.performed).toBe(STEP_BUDGET);
    expect(host.stalls).toBe(2);
    worker.kick();
    await macrotask();
    expect(host.performed).toBe(2 * STEP_BUDGET);
    expect(host.stalls).toBe(3);
  });
});
