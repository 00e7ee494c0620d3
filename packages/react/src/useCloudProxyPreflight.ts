"use client";
import type { CloudProxyPreflightResult } from "@agora-cloud-proxy/core";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { type CloudProxyPreflightState, PreflightRunner, type UseCloudProxyPreflightOptions } from "./preflightRunner";

/**
 * What `useCloudProxyPreflight` returns: the latest run's progress, and the functions that
 * start and cancel runs (stable for the component's life).
 *
 * @example
 * ```ts
 * const { run, cancel, running, results, best, result, error }: UseCloudProxyPreflightResult = useCloudProxyPreflight(options);
 * ```
 */
export interface UseCloudProxyPreflightResult extends CloudProxyPreflightState {
  /**
   * Starts the network test, after cancelling the run in progress (its clients are released
   * first). Calls in the same tick share one test. Resolves with the result, or `null` when
   * the run was cancelled or failed (see `error`); never rejects.
   */
  readonly run: () => Promise<CloudProxyPreflightResult | null>;
  /** Cancels the run in progress: its routes end `aborted` and every throwaway client is released. */
  readonly cancel: () => void;
}

/**
 * The network test (`testCloudProxyRoutes`) in a component: `run()` tests every route on
 * throwaway clients, `results` fill in as each route settles, `best` is the route to start
 * the call on, `result` the whole finished result. Hand it to the provider
 * (`<CloudProxyProvider mode="auto" preflight={result}>`) or share a `routeMemory`. Unmount cancels and releases every
 * throwaway client; StrictMode's replayed effects never start a second test.
 *
 * @example
 * ```tsx
 * function NetworkTest() {
 *   const { run, running, results, best, error } = useCloudProxyPreflight({
 *     createClient: () => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }),
 *     join: { appid: APP_ID, channel: "network-test", token: TEST_TOKEN },
 *     routeMemory, // the provider's: its auto mode starts at the best route
 *   });
 *   return (
 *     <section>
 *       <button disabled={running} onClick={() => void run()}>Test the network</button>
 *       <ul>{results.map((r) => <li key={r.route}>{r.route}: {r.outcome}{r.connectMs !== null && ` in ${r.connectMs} ms`}</li>)}</ul>
 *       {best && <p>Best route: {best}</p>}
 *       {error && <p role="alert">{error.message}</p>}
 *     </section>
 *   );
 * }
 * ```
 */
export function useCloudProxyPreflight(options: UseCloudProxyPreflightOptions): UseCloudProxyPreflightResult {
  const [runner] = useState(() => new PreflightRunner());
  useEffect(() => {
    runner.setOptions(options);
  });
  useEffect(() => runner.mount(), [runner]);
  const state = useSyncExternalStore(runner.subscribe, runner.getState, runner.getState);
  return useMemo(() => ({ ...state, run: runner.run, cancel: runner.cancel }), [state, runner]);
}
