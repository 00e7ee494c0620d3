import type { FakeAgoraClient } from "../fakeAgoraClient";
import type { FakeSdkCall } from "../fakeCallLog";

/**
 * One SDK call as a short string: `startProxyServer(3)`, `join`, `leave()` (join's arguments
 * left out: the App ID, channel and token add nothing to an ordering assertion).
 *
 * @example
 * ```ts
 * expect(client.fake.calls.map(formatSdkCall)).toEqual(["startProxyServer(3)", "join"]);
 * ```
 */
export function formatSdkCall(call: FakeSdkCall): string {
  if (call.method === "join") return "join";
  return `${call.method}(${call.args.map((arg) => JSON.stringify(arg)).join(", ")})`;
}

/**
 * The fake client's SDK calls, oldest first, as short strings ({@link formatSdkCall}): what
 * play functions assert.
 *
 * @example
 * ```ts
 * await waitFor(() => expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join"]));
 * ```
 */
export function sdkCalls(client: FakeAgoraClient): string[] {
  return client.fake.calls.map(formatSdkCall);
}
