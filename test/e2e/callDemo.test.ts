import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { CallDemoPage } from "./support/callDemoPage";
import { callDemoSuite } from "./support/callDemoSuite";
import { launchChromium, openWatchedPage } from "./support/chromium";
import { ROOT, screenshotPath } from "./support/paths";
import { checkSdkCallOrder, formatViolations } from "./support/sdkCallRules";
import { createSeededRandom } from "./support/seededRandom";

// examples/call-demo, built (tsc + vite build) and served by `vite preview`, driven in Debian's
// chromium. `?seed=7` makes the simulated join latencies (300-900 ms) the same on every run.

const CLICK_SEED = 20251125;

const suite = callDemoSuite("call-demo");
const openDemo = () => suite.open("?seed=7");

/**
 * docs/firewall.md's generated tables, as the panel should show them: each rule as
 * "protocol | ports | purpose | routes" with its destinations' hosts, and the domain patterns.
 */
function firewallDoc(): { rules: { row: string; hosts: string[] }[]; domains: string[] } {
  const doc = readFileSync(join(ROOT, "docs/firewall.md"), "utf8");
  const block = (name: string) =>
    (new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(doc)?.[1] ?? "")
      .split("\n")
      .slice(2)
      .map((line) => line.replace(/^\| | \|$/g, "").split(" | "));
  return {
    rules: block("firewall-rules").map((cells) => ({
      row: cells.slice(0, 4).join(" | "),
      hosts: [...(cells[4] ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1]!),
    })),
    domains: block("firewall-domains").map((cells) => cells[0]!.replaceAll("`", "")),
  };
}

/** The demo's firewall panel, read the same way. */
async function firewallPanel(demo: CallDemoPage): Promise<ReturnType<typeof firewallDoc>> {
  const rules = await demo.page
    .getByTestId("firewall-rule-table")
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll("td")];
        return {
          row: cells
            .slice(0, 4)
            .map((cell) => cell.textContent?.trim())
            .join(" | "),
          hosts: [...(cells[4]?.querySelectorAll("code") ?? [])].map((code) => code.textContent ?? ""),
        };
      }),
    );
  const domains = await demo.page.getByTestId("firewall-domains").locator("tr td:first-child code").allTextContents();
  return { rules, domains };
}

/** No console error, no uncaught error, nothing fetched outside localhost. */
function expectCleanPage(): void {
  expect(suite.watched().errors).toEqual([]);
  expect(suite.watched().offsiteRequests).toEqual([]);
}

/**
 * The join the firewall held CONNECTING was cancelled by the session's leave; the SDK's
 * OPERATION_ABORTED for it may land after join #2 went out, and says it belongs to join #1.
 */
async function expectCancelledJoinLinked(demo: CallDemoPage): Promise<void> {
  await demo.waitForQuiet(800);
  const rows = (filter: string) => demo.page.locator(`[data-testid="timeline"] > li[data-client="sim-1"]${filter}`);
  const joins = await rows('[data-kind="call"][data-name="join"]').evaluateAll((found) =>
    found.map((row) => [(row as HTMLElement).dataset.join, row.querySelector(".timeline-main")?.textContent]),
  );
  expect(joins).toEqual([
    ["1", expect.stringMatching(/^join #1\(/)],
    ["2", expect.stringMatching(/^join #2\(/)],
  ]);
  const leave = rows('[data-kind="call"][data-name="leave"]');
  expect(await leave.getAttribute("data-cancels-joins")).toBe("1");
  expect(await leave.locator(".timeline-detail").textContent()).toMatch(/cancels join #1$/);
  const aborted = rows('[data-kind="result"][data-code="OPERATION_ABORTED"]');
  expect(await aborted.count()).toBe(1);
  expect(await aborted.getAttribute("data-join")).toBe("1");
  expect(await aborted.locator(".timeline-main").textContent()).toBe("join #1 → OPERATION_ABORTED");
  expect(await aborted.locator(".timeline-detail").textContent()).toMatch(/^cancelled by leave\(\)/);
}

/**
 * Both firewall stories end alike: the proxy was off for the direct join, which never got
 * through; the session left it, turned on the UDP proxy and joined again.
 */
async function expectRescuedByUdpProxy(demo: CallDemoPage): Promise<void> {
  expect(await demo.calls("sim-1")).toEqual([
    "startProxyServer(3)",
    "stopProxyServer()",
    "join",
    "leave()",
    "startProxyServer(3)",
    "join",
  ]);
  expect(formatViolations(checkSdkCallOrder(await demo.timeline()).violations)).toBe("");
  expectCleanPage();
}

describe("call demo (vite build, simulated client)", () => {
  it("joins through the UDP proxy, switches to TLS while joined, leaves and unmounts, in that order", async () => {
    const demo = await openDemo();
    await demo.page.screenshot({ path: screenshotPath("call-demo-ready.png") });
    // Without an App ID the SDK's chunk is never fetched: it is imported lazily, for real calls only.
    const resources = await demo.page.evaluate(() =>
      performance.getEntriesByType("resource").map((entry) => entry.name),
    );
    expect(resources.filter((url) => /AgoraRTC/i.test(url))).toEqual([]);
    // The timeline's header counts in words that agree with the numbers.
    await demo.waitForQuiet(500);
    expect(await demo.page.getByTestId("timeline-counts").textContent()).toBe("1 call · 0 events");

    await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTED");
    await demo.waitForStatus("using-proxy", "yes");
    await demo.page.screenshot({ path: screenshotPath("call-demo-joined.png") });
    expect(await demo.page.getByTestId("timeline-counts").textContent()).toMatch(/^2 calls · \d+ events$/);

    await demo.radio("TCP/TLS 443").click();
    await demo.waitForStatus("mode", "TCP/TLS 443 · mode 5");
    await demo.waitForStatus("connection", "CONNECTED");

    await demo.button("Leave").click();
    await demo.waitForStatus("connection", "DISCONNECTED");
    await demo.waitForStatus("proxy", "on"); // leave keeps the proxy while mounted

    await demo.switch("Call mounted").click();
    await demo.page.getByTestId("call-unmounted").waitFor();
    await demo.waitForQuiet(800);
    await demo.page.screenshot({ path: screenshotPath("call-demo-unmounted.png") });

    expect(await demo.calls("sim-1")).toEqual([
      "startProxyServer(3)",
      "join",
      "leave()",
      "startProxyServer(5)",
      "join",
      "leave()",
      "stopProxyServer()",
    ]);
    const { violations, clients } = checkSdkCallOrder(await demo.timeline());
    expect(formatViolations(violations)).toBe("");
    expect(clients.get("sim-1")).toEqual({
      connectionState: "DISCONNECTED",
      proxyMode: null,
      pendingJoins: 0,
      unsettledCalls: [],
    });
    expectCleanPage();
  });

  it('"Mode change while joined" is a live option: the call goes on, and a deferred switch shows as pending until the next leave', async () => {
    const demo = await openDemo();
    await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTED");

    // onModeChange changes on the mounted provider: no remount, so the same client stays in the call.
    await demo.radio("At next join").check();
    await demo.waitForQuiet(800);
    await demo.waitForStatus("connection", "CONNECTED", 100);
    expect(await demo.calls("sim-1")).toEqual(["startProxyServer(3)", "join"]);

    await demo.radio("TCP/TLS 443").check();
    await demo.waitForStatus("desired-mode", "TCP/TLS 443 · mode 5");
    await demo.waitForQuiet(800);
    // Held back, not in progress: the proxy is "on" in UDP, TLS waits for the next leave.
    await demo.waitForStatus("proxy", "on", 100);
    await demo.waitForStatus("mode", "UDP · mode 3", 100);
    await demo.waitForStatus("connection", "CONNECTED", 100);
    expect(await demo.status("pending").getAttribute("data-deferred")).toBe("true");
    expect(await demo.status("pending").textContent()).toMatch(/pending/);
    await demo.page.screenshot({ path: screenshotPath("call-demo-deferred-switch.png") });
    expect(await demo.calls("sim-1")).toEqual(["startProxyServer(3)", "join"]);

    await demo.button("Leave").click();
    await demo.waitForStatus("connection", "DISCONNECTED");
    await demo.waitForStatus("mode", "TCP/TLS 443 · mode 5");
    expect(await demo.status("pending").count()).toBe(0);

    // Back to "rejoin", still the same mounted call: the next join runs through TLS.
    await demo.radio("Rejoin now").check();
    await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTED");
    await demo.waitForStatus("using-proxy", "yes");
    await demo.waitForQuiet(500);
    expect(await demo.calls("sim-1")).toEqual([
      "startProxyServer(3)",
      "join",
      "leave()",
      "startProxyServer(5)",
      "join",
    ]);
    const rows = await demo.timeline();
    expect(formatViolations(checkSdkCallOrder(rows).violations)).toBe("");
    // One client from start to end: no remount created another.
    expect([...new Set(rows.filter((row) => row.kind === "call").map((row) => row.client))]).toEqual(["sim-1"]);
    expectCleanPage();
  });

  it("a join behind the simulated firewall stays CONNECTING until the cloud proxy is turned on", async () => {
    const demo = await openDemo();
    await demo.setSwitch("Simulate firewall", true);
    await demo.setSwitch("Use cloud proxy", false);
    await demo.waitForStatus("proxy", "off");

    await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTING");
    await demo.page.waitForTimeout(2_000); // well past the 900 ms a join takes
    await demo.waitForStatus("connection", "CONNECTING", 100);
    await demo.page.getByRole("status").filter({ hasText: "firewall" }).waitFor();
    await demo.page.screenshot({ path: screenshotPath("call-demo-firewall-stuck.png") });

    await demo.setSwitch("Use cloud proxy", true);
    await demo.waitForStatus("connection", "CONNECTED");
    await demo.waitForStatus("using-proxy", "yes");
    await demo.page.screenshot({ path: screenshotPath("call-demo-firewall-rescued.png") });

    await expectRescuedByUdpProxy(demo);
    await expectCancelledJoinLinked(demo);
  });

  it('mode "auto" behind the firewall: the direct join times out, the session escalates to the UDP proxy', async () => {
    const demo = await openDemo();
    await demo.setSwitch("Simulate firewall", true);
    await demo.radio("Auto").check();
    await demo.waitForStatus("proxy", "off"); // auto tries direct first
    // "Use cloud proxy" is on while the proxy is off: the labels say why, instead of contradicting it.
    expect(await demo.switch("Use cloud proxy").isChecked()).toBe(true);
    await demo.page.getByText("Auto: each join tries direct first, and the cloud proxy only if direct fails").waitFor();
    await demo.waitForStatus("auto-note", "auto: the route is picked at join (direct first, then UDP, then TLS 443)");
    await demo.page.screenshot({ path: screenshotPath("call-demo-auto-before-join.png") });

    await demo.button("Join").click();
    await demo.waitForStatus("route", "direct");
    await demo.waitForStatus("connection", "CONNECTED"); // after the 2.5 s fallback
    await demo.waitForStatus("route", "udp");
    await demo.waitForStatus("using-proxy", "yes");
    await demo.waitForStatus("auto-note", "auto: UDP route");
    expect(await demo.page.getByTestId("status-attempts").textContent()).toMatch(/direct timeout .* → udp connected/);
    // The firewall panel lists what docs/firewall.md lists for IT: the same rules with the
    // same destinations, the same domains.
    const doc = firewallDoc();
    expect(doc.rules.length).toBeGreaterThan(5);
    expect(doc.domains).toContain("*.ap.sd-rtn.com");
    expect(await firewallPanel(demo)).toEqual(doc);
    await demo.page.getByTestId("firewall-rules").screenshot({ path: screenshotPath("call-demo-firewall-rules.png") });
    await demo.waitForQuiet(500);
    await demo.page.screenshot({ path: screenshotPath("call-demo-auto-escalated.png") });

    await expectRescuedByUdpProxy(demo);
  });

  it("the network test behind the simulated firewall: direct times out, udp and tls connect; the report for IT downloads without App ID, token or channel", async () => {
    const demo = await openDemo();
    // Distinctive join options (the App ID stays empty: the simulated client joins with
    // "simulated-app-id"), to find them if they leaked into the report.
    const token = "007eJxTe2eDistinctiveToken4711";
    const channel = "e2e-board-meeting-7731";
    await demo.field("Token").fill(token);
    await demo.field("Channel").fill(channel);
    await demo.setSwitch("Simulate firewall", true);

    await demo.button("Run network test").click();
    // Direct hangs behind the firewall until the test's 2.5 s per route; the proxies connect.
    expect(await demo.waitForRouteTest("udp", ["connected", "timeout", "failed"])).toBe("connected");
    expect(await demo.waitForRouteTest("tls", ["connected", "timeout", "failed"])).toBe("connected");
    // The simulated firewall drops direct packets, as a real one does: the SDK never hears back, so direct times out.
    expect(await demo.waitForRouteTest("direct", ["connected", "timeout", "failed"])).toBe("timeout");
    expect(await demo.page.getByTestId("network-test-direct").textContent()).toBe(
      "Direct (no proxy)failed · no answer (timeout)",
    );
    expect(await demo.page.getByTestId("network-test-udp").textContent()).toMatch(
      /^UDP proxy · mode 3connected · \d+ ms$/,
    );
    await demo.page.getByTestId("network-test-best").getByText("Best route: udp.").waitFor();
    await demo.page.getByTestId("network-test").screenshot({ path: screenshotPath("call-demo-network-test.png") });

    // Every throwaway client was released: left, proxy stopped, no join pending.
    await demo.waitForQuiet(800);
    let check = checkSdkCallOrder(await demo.timeline());
    expect(formatViolations(check.violations)).toBe("");
    const testClients = [...check.clients.keys()].filter((client) => client.startsWith("test-"));
    expect(testClients).toHaveLength(3);
    for (const client of testClients) {
      expect({ client, ...check.clients.get(client) }).toEqual({
        client,
        connectionState: "DISCONNECTED",
        proxyMode: null,
        pendingJoins: 0,
        unsettledCalls: [],
      });
    }

    // The call itself, through the UDP proxy, then the report.
    await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTED");
    const report = demo.button("Download report for IT");
    await report.scrollIntoViewIfNeeded();
    await demo.page.locator(".call-actions").screenshot({ path: screenshotPath("call-demo-report-button.png") });
    const [download] = await Promise.all([demo.page.waitForEvent("download"), report.click()]);
    expect(download.suggestedFilename()).toMatch(
      /^agora-cloud-proxy-report-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.txt$/,
    );
    const text = readFileSync(await download.path(), "utf8");
    expect(text).toMatch(/^AGORA CLOUD PROXY REPORT \(for IT\)$/m);
    expect(text).toMatch(/^Blocked routes: +direct \(no proxy\)$/m);
    expect(text).toMatch(/^network test +udp +connected +- +\d+ ms$/m);
    expect(text).toMatch(/^call +udp +connected +- +\d+ ms$/m);
    expect(text).toMatch(/^Connection: +CONNECTED$/m);
    expect(text).toMatch(/^Cloud proxy used: +yes$/m);
    expect(text).toContain("FIREWALL RULES THE BLOCKED ROUTES NEED (direct)");
    expect(text).toContain("*.ap.sd-rtn.com");
    for (const secret of [token, channel, "simulated-app-id", channel.slice(4, 16), token.slice(6, 20)]) {
      expect(text.includes(secret), `the report contains "${secret}"`).toBe(false);
    }
    check = checkSdkCallOrder(await demo.timeline());
    expect(formatViolations(check.violations)).toBe("");
    expectCleanPage();
  });

  it("a join stuck CONNECTING says so (status.stalledMs), and the hint runs the network test", async () => {
    const demo = await openDemo();
    await demo.setSwitch("Simulate firewall", true);
    await demo.setSwitch("Use cloud proxy", false);
    await demo.waitForStatus("proxy", "off");
    await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTING");
    // The session's default stalledAfterMs is 10 s.
    const hint = demo.page.getByTestId("stalled-hint");
    await hint.waitFor({ timeout: 15_000 });
    expect(await hint.textContent()).toMatch(
      /^Still connecting \(1\d s\): a firewall may block Agora; run the network test\./,
    );
    await demo.waitForStatus("connection", "CONNECTING", 100);
    await demo.page.screenshot({ path: screenshotPath("call-demo-stuck-hint.png") });

    await demo.button("Run the network test").click();
    expect(await demo.waitForRouteTest("udp", ["connected", "timeout", "failed"])).toBe("connected");
    // Leaving ends the stall, and the hint goes.
    await demo.button("Leave").click();
    await demo.waitForStatus("connection", "DISCONNECTED");
    await hint.waitFor({ state: "detached", timeout: 5_000 });
    await demo.waitForQuiet(800);
    expect(formatViolations(checkSdkCallOrder(await demo.timeline()).violations)).toBe("");
    expectCleanPage();
  });

  it('media blocked on direct, mode "auto": the direct call connects with no media, the session moves to UDP, where media flows', async () => {
    const demo = await openDemo();
    await demo.setSwitch("Simulate media blocked on direct", true);
    await demo.setSwitch("Publish a simulated microphone", true);
    await demo.radio("Auto").check();
    await demo.waitForStatus("proxy", "off");
    // Not connected: no media to check, no reconnect cycle.
    await demo.waitForStatus("media", "—");
    await demo.waitForStatus("reconnect", "—");

    const clickedAt = Date.now();
    await demo.button("Join").click();
    // Direct connects (signalling gets through) but its media is not seen yet...
    await demo.waitForStatus("route", "direct");
    await demo.waitForStatus("connection", "CONNECTED");
    await demo.waitForStatus("media", "unverified");
    // ...then the peer connection fails; the session leaves and joins through the UDP proxy.
    await demo.waitForStatus("route", "udp");
    await demo.waitForStatus("connection", "CONNECTED");
    await demo.waitForStatus("media", "flowing");
    const wallMs = Date.now() - clickedAt;
    await demo.waitForStatus("using-proxy", "yes");
    await demo.waitForStatus("reconnect", "—");
    expect(await demo.page.getByTestId("status-attempts").textContent()).toMatch(
      /^ \(direct connected \d+\.\d s → direct media-failed \d+\.\d s → udp connected \d+\.\d s\)$/,
    );
    await demo.waitForQuiet(800);
    await demo.page.screenshot({ path: screenshotPath("call-demo-media-escalation.png") });

    // The timeline tells the same story, in order: unverified, failed on direct, flowing on UDP.
    const states = await demo.stateRows("sim-1");
    expect(states.map((row) => row.text)).toEqual([
      "route direct connected",
      "media unverified",
      "route direct media-failed",
      "media failed",
      "route udp connected",
      "media unverified",
      "media flowing",
    ]);
    // The app published its microphone on direct; after the escalation the session published it again on UDP.
    const calls = (await demo.calls("sim-1")).map((call) => (call.startsWith("publish(") ? "publish" : call));
    expect(calls).toEqual([
      "startProxyServer(3)",
      "stopProxyServer()",
      "join",
      "publish",
      "leave()",
      "startProxyServer(3)",
      "join",
      "publish",
    ]);
    expect(formatViolations(checkSdkCallOrder(await demo.timeline()).violations)).toBe("");

    const rows = await demo.timedRows();
    const joinClicked = rows.find((row) => row.kind === "action" && row.name === "Join clicked")!.at;
    const flowing = rows.find((row) => row.kind === "state" && row.name === "media" && row.args[0] === "flowing")!;
    expect(flowing.args[1]).toBe("udp");
    console.log(
      `media escalation: Join click -> "media: flowing" on udp in ${Math.round(flowing.at - joinClicked)} ms (page clock; ${wallMs} ms seen by the test)`,
    );
    expectCleanPage();
  });

  it('"Drop the network": the SDK gives up, the status counts down to the reconnect attempt, and the call is CONNECTED again', async () => {
    const demo = await openDemo();
    await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTED");
    await demo.waitForStatus("media", "flowing");
    await demo.waitForStatus("reconnect", "—");

    await demo.button("Drop the network").click();
    // The default waits are 1, 2, 5, 10 and 20 s: attempt 1 comes after 1 s, and the call is still wanted.
    await demo.waitForStatus("reconnect", "reconnecting: attempt 1 of 5 in 1 s", 2_000);
    const countdownSeenAt = Date.now();
    await demo.waitForStatus("connection", "DISCONNECTED", 100);
    await demo.waitForStatus("join-requested", "yes", 100);
    await demo.waitForStatus("media", "—", 100);
    await demo.page.screenshot({ path: screenshotPath("call-demo-reconnect-countdown.png") });
    expect(await demo.button("Join").isDisabled()).toBe(true);

    await demo.waitForStatus("reconnect", "reconnecting: attempt 1 of 5, joining now", 3_000);
    await demo.waitForStatus("connection", "CONNECTED");
    const recoveredWallMs = Date.now() - countdownSeenAt;
    await demo.waitForStatus("reconnect", "—");
    await demo.waitForStatus("media", "flowing");
    await demo.waitForStatus("error", "none");
    await demo.waitForQuiet(800);
    await demo.page.screenshot({ path: screenshotPath("call-demo-reconnected.png") });

    expect((await demo.stateRows("sim-1")).map((row) => row.text)).toEqual([
      "route udp connected",
      "media unverified",
      "media flowing",
      "reconnect attempt 1 of 5 in 1.0 s",
      "reconnect attempt 1 of 5 started",
      "route udp connected",
      "reconnect reconnected",
      "media unverified",
      "media flowing",
    ]);
    // No leave: the SDK had already left. The proxy stayed on; the session joined again.
    expect(await demo.calls("sim-1")).toEqual(["startProxyServer(3)", "join", "join"]);
    expect(formatViolations(checkSdkCallOrder(await demo.timeline()).violations)).toBe("");

    const rows = await demo.timedRows();
    const dropped = rows.find((row) => row.kind === "action" && row.name === "Network dropped")!.at;
    const scheduled = rows.find((row) => row.kind === "state" && row.name === "reconnect")!.at;
    const started = rows.find((row) => row.kind === "state" && String(row.args[0]).endsWith(" started"))!.at;
    const connected = [...rows]
      .reverse()
      .find((row) => row.kind === "event" && row.name === "connection-state-change" && row.args[0] === "CONNECTED")!.at;
    console.log(
      `reconnect: drop -> countdown shown ${Math.round(scheduled - dropped)} ms; countdown -> attempt ${Math.round(started - scheduled)} ms; ` +
        `attempt -> CONNECTED ${Math.round(connected - started)} ms; countdown -> CONNECTED ${Math.round(connected - scheduled)} ms ` +
        `(page clock; ${recoveredWallMs} ms seen by the test)`,
    );
    expectCleanPage();
  });

  it("offers a local camera/microphone preview when the browser has devices", async () => {
    // Chromium's built-in fake camera and microphone (a test pattern and a beep), auto-granted.
    const withDevices = await launchChromium(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]);
    try {
      const watched = await openWatchedPage(withDevices);
      await watched.page.goto(`${suite.url()}?seed=7`);
      await watched.page.getByRole("button", { name: "Start camera preview" }).click();
      await watched.page.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>("video.preview-video")?.videoWidth ?? 0) > 0,
      );
      await watched.page.waitForTimeout(300);
      await watched.page.screenshot({ path: screenshotPath("call-demo-local-preview.png") });
      await watched.page.getByRole("button", { name: "Stop preview" }).click();
      await watched.page.getByRole("button", { name: "Start camera preview" }).waitFor();
      expect(watched.errors).toEqual([]);
      expect(watched.offsiteRequests).toEqual([]);
      await watched.close();
    } finally {
      await withDevices.close();
    }
  });

  it(`20 random fast clicks (seed ${CLICK_SEED}) keep every SDK call legal, and the session converges`, async () => {
    const demo = await openDemo();
    const random = createSeededRandom(CLICK_SEED);
    const controls: { label: string; weight: number; locator: () => Locator }[] = [
      { label: "Join", weight: 5, locator: () => demo.button("Join") },
      { label: "Leave", weight: 4, locator: () => demo.button("Leave") },
      { label: "Use cloud proxy", weight: 2, locator: () => demo.switch("Use cloud proxy") },
      { label: "UDP", weight: 2, locator: () => demo.radio("UDP") },
      { label: "TCP/TLS 443", weight: 2, locator: () => demo.radio("TCP/TLS 443") },
      { label: "Auto", weight: 1, locator: () => demo.radio("Auto") },
      { label: "Call mounted", weight: 1, locator: () => demo.switch("Call mounted") },
      { label: "Simulate firewall", weight: 1, locator: () => demo.switch("Simulate firewall") },
      { label: "At next join", weight: 1, locator: () => demo.radio("At next join") },
      { label: "Rejoin now", weight: 1, locator: () => demo.radio("Rejoin now") },
    ];
    const totalWeight = controls.reduce((sum, control) => sum + control.weight, 0);
    const pick = () => {
      let roll = random() * totalWeight;
      for (const control of controls) {
        roll -= control.weight;
        if (roll < 0) return control;
      }
      return controls[0]!;
    };

    const clicked: string[] = [];
    for (let attempt = 0; clicked.length < 20 && attempt < 200; attempt += 1) {
      const control = pick();
      const locator = control.locator();
      // A control that is not there (the call is unmounted) or disabled is not clickable: pick again.
      if ((await locator.count()) === 0 || !(await locator.isEnabled())) continue;
      // `force`: no waiting for the control to be stable or enabled. A button that got disabled
      // since the check above ignores the click, as it would for a fast user.
      await locator.click({ force: true, timeout: 2_000 });
      clicked.push(control.label);
      await demo.page.waitForTimeout(Math.floor(random() * 150));
    }
    expect(clicked).toHaveLength(20);

    await demo.waitForQuiet();
    let rows = await demo.timeline();
    let check = checkSdkCallOrder(rows);
    console.log(`clicked: ${clicked.join(", ")}\n-> ${check.calls} SDK calls on ${check.clients.size} client(s)`);
    expect(formatViolations(check.violations)).toBe("");
    // At rest, the status panel says what the SDK of the mounted client really has.
    const newest = [...new Set(rows.filter((row) => row.kind === "call").map((row) => row.client))].at(-1);
    if ((await demo.status("mode").count()) > 0 && newest) {
      const shown = await demo.status("mode").getAttribute("data-mode");
      expect({ udp: 3, tls: 5, off: null }[shown as "udp" | "tls" | "off"]).toBe(
        check.clients.get(newest)?.proxyMode ?? null,
      );
    }

    // Then a known ending: mounted, no firewall, proxy on in TLS, joined.
    await demo.setSwitch("Call mounted", true);
    await demo.setSwitch("Simulate firewall", false);
    await demo.radio("Rejoin now").check();
    await demo.setSwitch("Use cloud proxy", true);
    await demo.radio("TCP/TLS 443").check();
    if (await demo.button("Join").isEnabled()) await demo.button("Join").click();
    await demo.waitForStatus("connection", "CONNECTED");
    await demo.waitForStatus("mode", "TCP/TLS 443 · mode 5");
    await demo.waitForStatus("using-proxy", "yes");
    await demo.waitForQuiet(1_000);
    await demo.page.screenshot({ path: screenshotPath("call-demo-after-random-clicks.png") });

    rows = await demo.timeline();
    check = checkSdkCallOrder(rows);
    expect(formatViolations(check.violations)).toBe("");
    const clients = [...new Set(rows.filter((row) => row.kind === "call").map((row) => row.client))];
    const active = clients.at(-1)!;
    for (const client of clients.slice(0, -1)) {
      // Every client whose call was unmounted (or remounted) was left and its proxy stopped.
      expect({ client, ...check.clients.get(client) }).toEqual({
        client,
        connectionState: "DISCONNECTED",
        proxyMode: null,
        pendingJoins: 0,
        unsettledCalls: [],
      });
    }
    expect(check.clients.get(active)).toMatchObject({ connectionState: "CONNECTED", proxyMode: 5 });
    expectCleanPage();
  });
});
