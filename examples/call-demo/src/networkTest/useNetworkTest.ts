import type {
  CloudProxyError,
  CloudProxyPreflightResult,
  CloudProxyRoute,
  RouteTestResult,
} from "@agora-cloud-proxy/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { testRoutesLocally, type RouteTestOptions } from "./localPreflight";

// TODO(lead): the shape of `useCloudProxyPreflight` (issue 13's contract); replace this hook
// with it once the "preflight" branch lands (see localPreflight.ts).

export interface NetworkTest {
  run(): Promise<CloudProxyPreflightResult | null>;
  cancel(): void;
  running: boolean;
  results: readonly RouteTestResult[];
  best: CloudProxyRoute | null;
  error: CloudProxyError | null;
}

/** Runs the network test on demand; a new run or unmounting cancels the one in flight. */
export function useNetworkTest(options: Omit<RouteTestOptions, "signal" | "onProgress">): NetworkTest {
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<readonly RouteTestResult[]>([]);
  const [best, setBest] = useState<CloudProxyRoute | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const controller = useRef<AbortController | null>(null);

  const cancel = useCallback(() => controller.current?.abort(), []);
  useEffect(() => cancel, [cancel]);

  const run = useCallback(async () => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setRunning(true);
    setResults([]);
    setBest(null);
    const result = await testRoutesLocally({
      ...latest.current,
      signal: own.signal,
      onProgress: (r) => {
        if (!own.signal.aborted) setResults((previous) => [...previous, r]);
      },
    });
    if (controller.current !== own) return null; // a newer run replaced this one
    controller.current = null;
    setResults(result.routes);
    setBest(result.best);
    setRunning(false);
    return result;
  }, []);

  return { run, cancel, running, results, best, error: null };
}
