import type { FakeAgoraClient, FakeAgoraClientOptions } from "./fakeAgoraClient";
import { FakeAgoraClientImpl } from "./fakeAgoraClientImpl";

/**
 * Creates a fake `IAgoraRTCClient` that enforces the SDK's cloud proxy rules exactly like
 * agora-rtc-sdk-ng 4.24.8 (same checks, order, error codes and messages, same
 * `connection-state-change` sequence), with controllable latency and faults through
 * `client.fake`. Create one per test.
 *
 * Timing model: `join()` emits CONNECTING synchronously, like the SDK; it connects or fails
 * after `joinLatencyMs` (a `setTimeout`, so `vi.useFakeTimers()` drives it; 0 = next
 * microtask). `leave()` emits DISCONNECTING then, after `leaveLatencyMs`, DISCONNECTED; the
 * join it cancelled rejects with `OPERATION_ABORTED` after the leave resolves. A join that
 * connects also opens a peer connection, as the SDK does: `peerconnection-state-change`
 * "new", "connecting", then "connected" (or "failed" on a route blocked with
 * `fake.blockMedia`) after `mediaLatencyMs`; leave and drops close it.
 *
 * @example
 * const client = createFakeAgoraClient({ joinLatencyMs: 100 });
 * client.startProxyServer(3);
 * const joined = client.join("appid", "room", null, 1);
 * client.connectionState; // "CONNECTING"
 * expect(() => client.stopProxyServer()).toThrow("Stop proxy server after leave channel");
 * await client.leave();
 * await expect(joined).rejects.toMatchObject({ code: "OPERATION_ABORTED" });
 */
export function createFakeAgoraClient(options: FakeAgoraClientOptions = {}): FakeAgoraClient {
  return new FakeAgoraClientImpl(options);
}
