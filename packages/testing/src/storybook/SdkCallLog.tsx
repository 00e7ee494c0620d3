"use client";

import { useCallback, useSyncExternalStore, type ReactElement } from "react";
import type { FakeAgoraClient } from "../fakeAgoraClient";
import { formatSdkCall } from "./sdkCalls";

/**
 * Everything the log shows changes with one of these: the connection state, a new call, or a
 * call settling (a call's outcome only ever goes from "pending" to "ok"/"error", and its code
 * comes with it). So this string changes exactly when the output does.
 */
function shownState(client: FakeAgoraClient): string {
  const { calls } = client.fake;
  const settled = calls.reduce((count, call) => (call.outcome === "pending" ? count : count + 1), 0);
  return `${client.connectionState} ${calls.length} ${settled}`;
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
  // client.fake.subscribe registers no SDK listener, so a story's listenerCount() stays exact.
  const subscribe = useCallback((onChange: () => void) => client.fake.subscribe(onChange), [client]);
  useSyncExternalStore(subscribe, () => shownState(client));
  const calls = client.fake.calls.map((call) => [formatSdkCall(call), call.outcome, call.code ?? ""] as const);
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
