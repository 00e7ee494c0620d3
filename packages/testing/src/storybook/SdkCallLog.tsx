"use client";

import { useSyncExternalStore, type ReactElement } from "react";
import type { FakeAgoraClient } from "../fakeAgoraClient";
import { formatSdkCall } from "./sdkCalls";

/** The fake's call log changes without an event of its own: look at it ten times a second. */
function subscribeToTicks(onChange: () => void): () => void {
  const timer = setInterval(onChange, 100);
  return () => clearInterval(timer);
}

/**
 * What the SDK saw, from the fake client's own call log (`client.fake.calls`), with each
 * call's outcome: an `<ol data-testid="sdk-call-log">` inside a `<section aria-label="SDK call
 * log">`. Unstyled; style it through its class names (`story-log`, `outcome`,
 * `outcome-ok` / `outcome-error` / `outcome-pending`, `muted`). {@link withCloudProxy} shows
 * it beside every story; render it yourself for a fake client of your own.
 *
 * @example
 * ```tsx
 * const client = createFakeAgoraClient();
 * export const CallLogOnly = () => <SdkCallLog client={client} />;
 * ```
 */
export function SdkCallLog({ client }: { client: FakeAgoraClient }): ReactElement {
  // A string snapshot, so React re-renders only when a call or an outcome changed.
  const snapshot = useSyncExternalStore(subscribeToTicks, () =>
    JSON.stringify(client.fake.calls.map((call) => [formatSdkCall(call), call.outcome, call.code ?? ""])),
  );
  const calls = JSON.parse(snapshot) as [string, string, string][];
  return (
    <section className="story-log" aria-label="SDK call log">
      <h3>
        SDK calls <span className="muted">· {client.connectionState}</span>
      </h3>
      {calls.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ol data-testid="sdk-call-log">
          {calls.map(([call, outcome, code], index) => (
            <li key={index}>
              <code>{call}</code> <span className={`outcome outcome-${outcome}`}>{code || outcome}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
