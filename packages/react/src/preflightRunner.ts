"use client";
import {
  CloudProxyError,
  isCloudProxyError,
  testCloudProxyRoutes,
  type CloudProxyPreflightResult,
  type CloudProxyRoute,
  type RouteTestResult,
  type TestCloudProxyRoutesOptions,
} from "@agora-cloud-proxy/core";

/**
 * What `useCloudProxyPreflight(options)` takes: `testCloudProxyRoutes`' options without
 * `signal` (the hook cancels by itself: `cancel()`, a new `run()`, unmount). They are read
 * when a run starts; `onProgress` is the latest one.
 *
 * @example
 * ```ts
 * const options: UseCloudProxyPreflightOptions = { createClient, join: { appid: APP_ID, channel: "network-test", token: null } };
 * ```
 */
export type UseCloudProxyPreflightOptions = Omit<TestCloudProxyRoutesOptions, "signal">;

/**
 * A network test's progress as a component shows it.
 *
 * @example
 * ```ts
 * const { running, results, best, result, error }: CloudProxyPreflightState = useCloudProxyPreflight(options);
 * ```
 */
export interface CloudProxyPreflightState {
  /** A run is under way (from `run()` until its result, its failure, or `cancel()`). */
  readonly running: boolean;
  /** The routes of the latest run that settled so far, in the order they settled. */
  readonly results: readonly RouteTestResult[];
  /** The latest finished run's best route; `null` while running, after a failure, or when no route connected. */
  readonly best: CloudProxyRoute | null;
  /**
   * The latest finished run's whole result (routes, best, timings): hand it to the provider
   * (`preflight={result}`) or to `createCloudProxyReport({ preflight: result })`. `null` while
   * running, after a failure or a cancel, and before the first run.
   */
  readonly result: CloudProxyPreflightResult | null;
  /** Why the latest run failed (`JOIN_FAILED` for an invalid App ID or token, `INVALID_CLIENT`...); `null` otherwise. */
  readonly error: CloudProxyError | null;
}

const IDLE: CloudProxyPreflightState = { running: false, results: [], best: null, result: null, error: null };

interface Run {
  readonly controller: AbortController;
}

interface Request {
  readonly promise: Promise<CloudProxyPreflightResult | null>;
  readonly resolve: (result: CloudProxyPreflightResult | null) => void;
}

/**
 * The runs of one mounted `useCloudProxyPreflight`, as a small external store (the owner
 * pattern of `useCloudProxyOwner`). `run()` calls made in the same tick share one test, the
 * way the session merges requests: StrictMode's replayed effect (mount, unmount, mount in one
 * tick) never starts a second one. A later `run()` cancels the run in progress and starts
 * once its clients are released. Unmount cancels, unless the component is back in that tick.
 */
export class PreflightRunner {
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  readonly getState = (): CloudProxyPreflightState => this.#state;
  readonly run = (): Promise<CloudProxyPreflightResult | null> => this.#run();
  readonly cancel = (): void => this.#cancel();

  #state = IDLE;
  readonly #listeners = new Set<() => void>();
  #options: UseCloudProxyPreflightOptions | null = null;
  #mounted = false;
  /** A `run()` of this tick, not started yet. */
  #request: Request | null = null;
  #current: Run | null = null;
  /** Settles once every test started so far has released its clients (cancelled ones included). */
  #released: Promise<unknown> = Promise.resolve();

  /** The latest options (from an effect: render never starts anything). */
  setOptions(options: UseCloudProxyPreflightOptions): void {
    this.#options = options;
  }

  /** Mounted while the component is; the cleanup cancels on a microtask unless it mounts again first. */
  mount(): () => void {
    this.#mounted = true;
    return () => {
      this.#mounted = false;
      queueMicrotask(() => {
        if (!this.#mounted) this.#cancel();
      });
    };
  }

  #run(): Promise<CloudProxyPreflightResult | null> {
    if (this.#request) return this.#request.promise;
    let resolve!: Request["resolve"];
    const promise = new Promise<CloudProxyPreflightResult | null>((done) => (resolve = done));
    const request = (this.#request = { promise, resolve });
    // The start waits for the tick to end: every run() of it (StrictMode's replay) is this one,
    // and the effects that hand over the latest options have run.
    queueMicrotask(() => void this.#start(request));
    return promise;
  }

  #cancel(): void {
    this.#request?.resolve(null);
    this.#request = null;
    this.#current?.controller.abort();
    this.#current = null;
    if (this.#state.running) this.#setState({ ...this.#state, running: false });
  }

  async #start(request: Request): Promise<void> {
    if (this.#request !== request) return; // cancelled in the same tick
    this.#request = null;
    const options = this.#options;
    if (!this.#mounted || options === null) return request.resolve(null);
    // The run in progress is cancelled first; this one starts once every earlier test (a
    // cancelled one too) has released its clients, so two tests never share the network.
    this.#current?.controller.abort();
    const run: Run = { controller: new AbortController() };
    this.#current = run;
    this.#setState({ running: true, results: [], result: null, error: null });
    await this.#released;
    if (this.#current !== run) return request.resolve(null);
    const testing = testCloudProxyRoutes({
      ...options,
      signal: run.controller.signal,
      // Anything but a function goes to core as it is, which refuses it (INVALID_MODE) before starting.
      onProgress: !isProgress(options.onProgress)
        ? options.onProgress
        : (result) => {
            // A cancelled run's routes end "aborted": only the current run's progress is news.
            if (this.#current !== run) return;
            this.#setState({ ...this.#state, results: [...this.#state.results, result] });
            this.#options?.onProgress?.(result);
          },
    });
    this.#released = Promise.all([this.#released, testing.catch(() => {})]);
    try {
      const result = await testing;
      if (this.#current !== run) return request.resolve(null);
      this.#setState({ ...this.#state, running: false, result });
      request.resolve(result);
    } catch (error) {
      if (this.#current === run) this.#setState({ ...this.#state, running: false, error: toError(error) });
      request.resolve(null);
    } finally {
      if (this.#current === run) this.#current = null;
    }
  }

  /** `best` is always the result's: set here, from it, so the two never disagree. */
  #setState(next: Omit<CloudProxyPreflightState, "best">): void {
    this.#state = { ...next, best: next.result?.best ?? null };
    for (const listener of this.#listeners) listener();
  }
}

function toError(error: unknown): CloudProxyError {
  if (isCloudProxyError(error)) return error;
  return new CloudProxyError("INTERNAL", "The network test failed unexpectedly; see `cause`.", { cause: error });
}

function isProgress(value: unknown): value is ((result: RouteTestResult) => void) | undefined {
  return value === undefined || typeof value === "function";
}
