import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CallDemoPage } from "./support/callDemoPage";
import { launchChromium, openWatchedPage, type WatchedPage } from "./support/chromium";
import { exampleDir, ROOT, screenshotPath } from "./support/paths";
import { freePort, startServer, type RunningServer } from "./support/processes";
import { checkSdkCallOrder, formatViolations } from "./support/sdkCallRules";

// The README's main command ends in `pnpm demo`: the call demo's Vite dev server, which prints
// its local URL. Run it as the README does (through pnpm when this suite runs under pnpm), and
// check the development build: React's StrictMode mounts the call twice, the SDK sees one start.

let browser: Browser;
let server: RunningServer;
let viaPnpm = false;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  const port = await freePort();
  const pnpm = process.env.npm_execpath;
  const args = ["--port", String(port), "--strictPort"];
  // `pnpm demo` when this suite runs under pnpm; otherwise the same Vite binary the script runs.
  const command =
    pnpm !== undefined && /pnpm/.test(pnpm)
      ? { file: process.execPath, args: [pnpm, "demo", ...args], cwd: ROOT }
      : { file: join(exampleDir("call-demo"), "node_modules", ".bin", "vite"), args, cwd: exampleDir("call-demo") };
  viaPnpm = command.cwd === ROOT;
  server = await startServer(command.file, command.args, {
    cwd: command.cwd,
    url: `http://localhost:${port}/`,
    ready: /Local:\s+(http:\/\/\S+)/,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await watched?.close();
  await browser?.close();
  await server?.stop();
});

it("`pnpm demo` prints the local URL and serves the call demo; StrictMode's double mount starts the proxy once", async () => {
  expect(server.url).toMatch(/^http:\/\/localhost:\d+\/$/);
  // Under `pnpm test:e2e` the server was started by the root script itself: `pnpm demo`.
  if (viaPnpm) expect(server.output()).toContain("@agora-cloud-proxy/example-call-demo");
  watched = await openWatchedPage(browser);
  // The first visit of a dev server optimizes dependencies; give it time.
  await watched.page.goto(server.url, { timeout: 90_000 });
  const demo = new CallDemoPage(watched.page);
  await demo.waitForStatus("proxy", "on", 60_000);
  expect(await watched.page.getByTestId("client-kind").textContent()).toContain("Simulated client");

  await demo.button("Join").click();
  await demo.waitForStatus("connection", "CONNECTED");
  await demo.waitForQuiet(500);
  await watched.page.screenshot({ path: screenshotPath("call-demo-dev-server.png") });

  expect(await demo.calls("sim-1")).toEqual(["startProxyServer(3)", "join"]);
  expect(formatViolations(checkSdkCallOrder(await demo.timeline()).violations)).toBe("");
  expect(watched.errors).toEqual([]);
  expect(watched.offsiteRequests).toEqual([]);
});
