import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openWatchedPage, type WatchedPage } from "./support/chromium";
import { exampleDir, screenshotPath } from "./support/paths";
import {
  freePort,
  quietEnv,
  runCommand,
  startServer,
  type CommandResult,
  type RunningServer,
} from "./support/processes";

// examples/nextjs-portal: `next build` (every page prerendered), `next start` on a free
// localhost port, then a user opens the portal, goes to a meeting, joins and leaves. The
// proxy mode comes from the server's environment (AGORA_CLOUD_PROXY_MODE=tls).

const portalDir = exampleDir("nextjs-portal");
const next = join(portalDir, "node_modules", ".bin", "next");
const { AGORA_APP_ID: _ignoredAppId, ...envWithoutAppId } = quietEnv({ AGORA_CLOUD_PROXY_MODE: "tls" });

let build: CommandResult;
let server: RunningServer;
let browser: Browser;
let watched: WatchedPage | undefined;

async function waitForTestId(
  page: Page,
  id: string,
  attribute: string,
  value: string,
  timeout = 10_000,
): Promise<void> {
  await page.waitForFunction(
    ([testId, name, expected]) => document.querySelector(`[data-testid="${testId}"]`)?.getAttribute(name) === expected,
    [id, attribute, value] as const,
    { timeout, polling: 50 },
  );
}

beforeAll(async () => {
  build = await runCommand(next, ["build"], { cwd: portalDir, env: envWithoutAppId, timeoutMs: 240_000 });
  const port = await freePort();
  server = await startServer(next, ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: portalDir,
    env: envWithoutAppId,
    url: `http://127.0.0.1:${port}`,
    ready: /Ready in/,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await watched?.close();
  await browser?.close();
  await server?.stop();
});

describe("Next.js portal (next build + next start)", () => {
  it("builds, and prerenders every meeting room on the server without touching window", async () => {
    expect(build.output).not.toMatch(/window is not defined|document is not defined/);
    expect(build.output).toMatch(/●\s+\/meetings\/weekly-support-sync/); // SSG: prerendered
    const html = readFileSync(join(portalDir, "dist/server/app/meetings/weekly-support-sync.html"), "utf8");
    expect(html).toContain("Northwind Portal"); // the server-rendered layout
    expect(html).toContain("Weekly support sync");
    expect(html).toContain("Cloud proxy · TCP/TLS 443"); // the server's configuration
    expect(html).toContain("Preparing the meeting room"); // the provider's fallback: no client on the server
    expect(existsSync(join(portalDir, "dist/server/app/index.html"))).toBe(true);

    const served = await fetch(`${server.url}/meetings/weekly-support-sync`);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain("Preparing the meeting room");
  });

  it("opens the portal, goes to a meeting, joins through the TLS proxy set by the server, and leaves", async () => {
    watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Good morning, Alex" }).waitFor();
    expect(await page.getByTestId("overview-proxy-mode").textContent()).toBe("Cloud proxy · TCP/TLS 443");
    await page.screenshot({ path: screenshotPath("nextjs-portal-overview.png") });

    await page.getByRole("link", { name: "Open meeting room" }).click();
    await page.waitForURL(/\/meetings\/weekly-support-sync$/);
    await page.getByRole("button", { name: "Join meeting" }).waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="meeting-proxy"]')?.textContent === "on · TCP/TLS 443",
    );

    await page.getByRole("button", { name: "Join meeting" }).click();
    await waitForTestId(page, "meeting-connection", "data-state", "CONNECTED");
    expect(await page.getByTestId("meeting-route").textContent()).toBe("Agora cloud proxy");
    await page.screenshot({ path: screenshotPath("nextjs-portal-meeting-joined.png") });

    await page.getByRole("button", { name: "Leave" }).click();
    await waitForTestId(page, "meeting-connection", "data-state", "DISCONNECTED");
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="sdk-calls"] li')].every(
          (li) => li.getAttribute("data-outcome") === "ok",
        ),
      undefined,
      { polling: 50 },
    );
    const calls = await page
      .locator('[data-testid="sdk-calls"] li')
      .evaluateAll((items) =>
        items.map((item) => `${item.getAttribute("data-method")}:${item.getAttribute("data-outcome")}`),
      );
    expect(calls).toEqual(["startProxyServer:ok", "join:ok", "leave:ok"]);
    expect(await page.locator('[data-testid="sdk-calls"] li code').first().textContent()).toBe("startProxyServer(5)");
    expect(await page.getByTestId("meeting-proxy").textContent()).toBe("on · TCP/TLS 443"); // leave keeps the proxy
    await page.screenshot({ path: screenshotPath("nextjs-portal-meeting-left.png") });

    // Client-side navigation away unmounts the room: its session stops the proxy after React is done.
    await page.getByRole("link", { name: "Network policy" }).click();
    await page.getByRole("heading", { name: "Network policy" }).waitFor();

    expect(watched.errors).toEqual([]);
    expect(watched.offsiteRequests).toEqual([]);
  });
});
