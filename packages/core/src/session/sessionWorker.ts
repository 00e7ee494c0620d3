/** What the worker drives: planning reads the SDK; only a step's own promise is awaited. */
export interface WorkerHost<Step> {
  /**
   * The next legal SDK call, read from the SDK and the desired state; `null` when there is
   * none. `first`: the first of a pass (app code may have touched the client since the last).
   */
  nextStep(first: boolean): Step | null;
  /** Makes the call; a promise (leave) is waited for before planning again. */
  perform(step: Step): Promise<unknown> | void;
  /** After each step: publish what changed. */
  publish(): void;
  /** Nothing left to do: settle what is reached, publish. */
  settle(): void;
  /** The step budget ran out: the SDK does not follow the plan (see {@link STEP_BUDGET}). */
  stalled(): void;
}

/**
 * How many steps the worker may take for one input (a request, a join's outcome, a timer).
 * A legal run needs at most a handful (leave, stop, start, join); a client whose calls don't
 * do what they say would make the plan repeat forever, and a synchronous repeat would freeze
 * the page. Past the budget the worker stops and the session reports `INTERNAL`.
 */
export const STEP_BUDGET = 32;

const RESOLVED = Promise.resolve();

/**
 * The single serialized worker of a session: it runs on a microtask, so every request made in
 * the same tick is merged into the desired state before the SDK sees anything (a StrictMode
 * mount/unmount/mount never flaps the SDK), and runs again until nothing is left to do.
 */
export class SessionWorker<Step> {
  #scheduled = false;
  #running = false;
  #steps = 0;
  /** A request came since the run was scheduled: it waits one more microtask. */
  #dirty = false;
  #yields = 0;

  constructor(readonly host: WorkerHost<Step>) {}

  /** A new input: run (again) soon, with a fresh step budget. */
  kick(): void {
    this.#steps = 0;
    this.wake();
  }

  /** Something the SDK did (an event): run again soon, within the same budget. */
  wake(): void {
    this.#dirty = true;
    if (!this.#scheduled && !this.#running) void RESOLVED.then(this.#tick);
    this.#scheduled = true;
  }

  // The run waits until a microtask passes with no new request (at most MAX_YIELDS times):
  // work React queued in the same tick as a request (a click's render and the effects that
  // hand the new props to the session) lands first, so the worker never acts on a desired
  // state the app already left.
  readonly #tick = (): void => {
    if (this.#dirty && this.#yields < MAX_YIELDS) {
      this.#dirty = false;
      this.#yields += 1;
      void RESOLVED.then(this.#tick);
      return;
    }
    this.#yields = 0;
    this.#scheduled = false;
    this.#loop();
  };

  readonly #resume = (): void => {
    this.host.publish();
    this.#loop();
  };

  #loop(): void {
    const host = this.host;
    this.#running = true;
    for (;;) {
      for (let step = host.nextStep(true); step; step = host.nextStep(false)) {
        if (++this.#steps > STEP_BUDGET) {
          host.stalled();
          break;
        }
        const pending = host.perform(step);
        if (pending) {
          void pending.then(this.#resume, this.#resume);
          return;
        }
        host.publish();
      }
      host.settle();
      if (!this.#scheduled) break;
      this.#scheduled = false;
    }
    this.#running = false;
  }
}

/** How many microtasks a run may wait for requests to stop coming (a loop of requests can't starve it). */
export const MAX_YIELDS = 8;
