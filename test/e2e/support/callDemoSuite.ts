import { rmSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, onTestFailed } from "vitest";
import { CallDemoPage } from "./callDemoPage";
import { serveCallDemo } from "./callDemoServer";
import { launchChromium, openWatchedPage, type WatchedPage } from "./chromium";
import { screenshotPath } from "./paths";
import type { RunningServer } from "./processes";

export interface CallDemoSuite {
  /** The demo's URL (with `query`) in a fresh watched page; waits for the first proxy start. */
  open(query?: string): Promise<CallDemoPage>;
  /** The page `open()` returned last: its console errors and off-site requests. */
  watched(): WatchedPage;
  /** Where the built demo is served. */
  url(): string;
}

/**
 * Registers the hooks of a call-demo suite: build and serve the demo once (into `outDir`, an
 * absolute path, when given; it is deleted afterwards), one Chromium for the file, a fresh
 * page per test. A failing test keeps a screenshot and prints the demo's timeline.
 */
export function callDemoSuite(name: string, outDir?: string): CallDemoSuite {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  let current: WatchedPage | undefined;

  beforeAll(async () => {
    server = await serveCallDemo(outDir);
    browser = await launchChromium();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  return {
    async open(query = "") {
      current = await openWatchedPage(browser!);
      const page = current.page;
      onTestFailed(async ({ task }) => {
        const test = task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
        await page.screenshot({ path: screenshotPath(`FAILED-${name}-${test}.png`) }).catch(() => {});
        const rows = await new CallDemoPage(page).timeline().catch(() => []);
        console.log(`timeline at failure:\n${rows.map((row) => JSON.stringify(row)).join("\n")}`);
      });
      await page.goto(`${server!.url}${query}`);
      const demo = new CallDemoPage(page);
      await demo.waitForStatus("proxy", "on");
      return demo;
    },
    watched: () => current!,
    url: () => server!.url,
  };
}
