import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CallDemoPage } from "./support/callDemoPage";
import { callDemoSuite } from "./support/callDemoSuite";
import { screenshotPath } from "./support/paths";
import { checkSdkCallOrder, formatViolations } from "./support/sdkCallRules";

// The call demo with an App ID: the REAL agora-rtc-sdk-ng 4.24.8, in Debian's chromium rather
// than jsdom. The browser blocks every request that leaves the machine, so the SDK's joins never
// get past CONNECTING (it keeps asking Agora's cloud proxy servers for a way in): that is exactly
// a user behind a firewall, and every ordering rule is checked by the SDK itself, which throws
// INVALID_OPERATION on a misordered call. The demo's timeline records each call and its outcome.

// A well-formed App ID that no project has; it never reaches Agora anyway.
const APP_ID = "0123456789abcdef0123456789abcdef";
// Agora's hosts the SDK tries; nothing else may be asked for, and all of them are blocked.
const AGORA_HOST = /(^|\.)(agora\.io|sd-rtn\.com)$/;

// Its own build, outside the repo: the other call-demo suite builds and serves examples/call-demo/dist.
const suite = callDemoSuite("call-demo-real-sdk", mkdtempSync(join(tmpdir(), "call-demo-real-sdk-")));

async function openRealSdkDemo(): Promise<CallDemoPage> {
  const demo = await suite.open();
  await demo.page.getByLabel("App ID").fill(APP_ID);
  // The provider remounts with the real SDK's client: imported on demand, proxy started on it.
  await demo.page.getByTestId("client-kind").getByText("Agora SDK").waitFor();
  await demo.waitForStatus("mode", "UDP · mode 3");
  return demo;
}

/**
 * The SDK's calls on the real client and how each ended: "ok", or the SDK's error code. A
 * synchronous call that returned has no result row. A join cancelled by a leave rejects with
 * OPERATION_ABORTED whenever the SDK gets round to it (sometimes after the test looked), so
 * both read "cancelled"; a join cannot succeed here.
 */
async function realSdkCalls(demo: CallDemoPage): Promise<string[]> {
  const rows = await demo.timeline();
  const results = new Map(rows.filter((row) => row.kind === "result").map((row) => [row.callSeq, row]));
  return rows
    .filter((row) => row.kind === "call" && row.client === "sdk-1")
    .map((row) => {
      const result = results.get(row.seq);
      let outcome = result
        ? result.code || result.outcome || ""
        : row.name === "join" || row.name === "leave"
          ? "pending"
          : "ok";
      if (row.name === "join" && (outcome === "pending" || outcome === "OPERATION_ABORTED")) outcome = "cancelled";
      return `${row.name}(${row.name === "join" ? "…" : row.args.map((arg) => JSON.stringify(arg)).join(", ")}):${outcome}`;
    });
}

/**
 * The page's only console errors are the browser's own reports of the requests it blocked;
 * nothing threw; and every request that left the machine went to Agora and was blocked.
 */
function expectOnlyBlockedAgoraTraffic(): void {
  const page = suite.watched();
  expect(page.errors.filter((error) => !error.includes("net::ERR_BLOCKED_BY_CLIENT"))).toEqual([]);
  expect(page.offsiteRequests.length).toBeGreaterThan(0); // the SDK really tried
  expect(page.offsiteRequests.map((url) => new URL(url).hostname).filter((host) => !AGORA_HOST.test(host))).toEqual([]);
}

describe("call demo on the real agora-rtc-sdk-ng in Chromium (network blocked)", () => {
  it("proxy before join; a mode switch while CONNECTING leaves first; leave, proxy off and unmount: the SDK accepts every call", async () => {
    const demo = await openRealSdkDemo();
    await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTING");

    // A switch while the join is in flight: the SDK forbids startProxyServer unless DISCONNECTED.
    await demo.radio("TCP/TLS 443").click();
    await demo.waitForStatus("mode", "TCP/TLS 443 · mode 5");
    await demo.waitForStatus("connection", "CONNECTING");

    await demo.button("Leave").click();
    await demo.waitForStatus("connection", "DISCONNECTED");
    await demo.waitForStatus("mode", "TCP/TLS 443 · mode 5"); // leave() keeps the proxy
    await demo.setSwitch("Use cloud proxy", false);
    await demo.waitForStatus("proxy", "off");
    await demo.page.screenshot({ path: screenshotPath("call-demo-real-sdk.png") });
    await demo.setSwitch("Call mounted", false);
    await demo.page.getByTestId("status-proxy").waitFor({ state: "detached" });

    expect(await realSdkCalls(demo)).toEqual([
      "startProxyServer(3):ok",
      "join(…):cancelled", // by the session's leave, as planned
      "leave():ok",
      "startProxyServer(5):ok",
      "join(…):cancelled",
      "leave():ok",
      "stopProxyServer():ok",
    ]);
    const { violations, clients } = checkSdkCallOrder(await demo.timeline());
    expect(formatViolations(violations)).toBe("");
    expect(clients.get("sdk-1")).toMatchObject({ connectionState: "DISCONNECTED", proxyMode: null });
    expectOnlyBlockedAgoraTraffic();
  });

  it('mode "auto" behind the blocked network: direct, then UDP, then TLS time out on the real SDK, then UNREACHABLE', async () => {
    const demo = await openRealSdkDemo();
    await demo.radio("Auto").click();
    await demo.waitForStatus("proxy", "off"); // auto starts direct
    await demo.button("Join").click();
    // The demo's fallback is 2.5 s per route.
    await demo.page.locator('[data-testid="status-error"][data-code="UNREACHABLE"]').waitFor({ timeout: 30_000 });
    await demo.waitForStatus("connection", "DISCONNECTED");

    const calls = await realSdkCalls(demo);
    expect(calls).toEqual([
      "startProxyServer(3):ok", // the provider's default before "Auto" was picked
      "stopProxyServer():ok",
      "join(…):cancelled", // direct
      "leave():ok",
      "startProxyServer(3):ok",
      "join(…):cancelled", // UDP proxy
      "leave():ok",
      "startProxyServer(5):ok",
      "join(…):cancelled", // TLS 443 proxy
      "leave():ok",
    ]);
    expect(formatViolations(checkSdkCallOrder(await demo.timeline()).violations)).toBe("");
    expectOnlyBlockedAgoraTraffic();
  });
});
