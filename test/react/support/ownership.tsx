/**
 * Helpers for the acceptance tests of the ownership redesign (test/react/*.owner*.test.tsx and
 * friends): small call components, a bounded wait for behaviour that may never come on the old
 * code, and a per-test cleanup so a failing test never leaves a pending SDK join behind.
 */
import { useCloudProxyClient, type UseCloudProxyClientResult } from "@agora-cloud-proxy/react";
import type { UID } from "agora-rtc-sdk-ng";
import { useEffect } from "react";
import { vi, type TestContext } from "vitest";
import { JOIN, sessionGone, type SdkUnderTest } from "./sdkUnderTest";

/** How a join promise settled, read without ever leaving a rejection unhandled. */
export interface Settled {
  /** "pending", "resolved", or the rejection's `code` ("CANCELLED", "DISPOSED"...). */
  outcome: string;
}

/** Watches `promise`: `outcome` is "pending", "resolved", or the rejection's `code`. */
export function watch(promise: Promise<unknown>): Settled {
  const settled: Settled = { outcome: "pending" };
  promise.then(
    () => (settled.outcome = "resolved"),
    (error: { code?: string }) => (settled.outcome = error?.code ?? "error"),
  );
  return settled;
}

/** A call UI that joins only when its button is clicked (so unmounting it leaves nothing by itself). */
export function JoinButton({ onJoin }: { onJoin?: (joined: Promise<UID>) => void }) {
  const { join } = useCloudProxyClient();
  return (
    <button type="button" onClick={() => onJoin?.(join(JOIN)) ?? void join(JOIN)}>
      join
    </button>
  );
}

/** Hands the provider's join/leave to the test, as a ref or an imperative handle would. */
export function CallHandle({ handle }: { handle: { current: UseCloudProxyClientResult | null } }) {
  const call = useCloudProxyClient();
  useEffect(() => {
    handle.current = call;
  });
  return null;
}

/**
 * Waits up to `ms` for `assertion` to pass, then fails with its own message: what the old code
 * does instead shows in the failure, and a test of a behaviour that never comes stays short.
 */
export async function within(ms: number, assertion: () => void): Promise<void> {
  await vi.waitFor(assertion, { timeout: ms, interval: 5 });
}

/** Lets React and the session settle for `ms` (for "nothing else happens" assertions). */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After the test, pass or fail: unmounts what is still mounted and waits (bounded) until every
 * SDK call settled, so no pending join outlives the test. Tests still unmount and assert
 * `sessionGone` themselves; this is the safety net for a test that failed halfway.
 */
export function releaseAfter(
  { onTestFinished }: Pick<TestContext, "onTestFinished">,
  sdks: readonly SdkUnderTest[],
  ...unmounts: (() => void)[]
): void {
  onTestFinished(async () => {
    for (const unmount of unmounts) {
      try {
        unmount();
      } catch {
        // Already unmounted by the test.
      }
    }
    await Promise.race([Promise.all(sdks.map((sdk) => sessionGone(sdk))), pause(5_000)]);
  }, 10_000);
}

/** The SDK log, state and proxy in one value, so a failure shows all three at once. */
export function sdkView(sdk: SdkUnderTest): { log: string[]; state: string; proxy: string; errors: string[] } {
  return { log: sdk.log(), state: sdk.client.connectionState, proxy: sdk.proxyMode(), errors: sdk.orderingErrors() };
}
