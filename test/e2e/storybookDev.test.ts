import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, openWatchedPage, type WatchedPage } from "./support/chromium";
import { exampleDir, screenshotPath } from "./support/paths";
import { freePort, startServer, type RunningServer } from "./support/processes";

// examples/storybook in dev mode (`storybook dev`, what its README's command starts), loaded in
// Debian's chromium once: the manager, the story in its preview iframe, its play function.
// storybook.test.ts drives the static build, story by story.
//
// Storybook's manager may log three uncaught "Timed out waiting for leader state for
// UniversalStore follower" errors in dev mode (ids storybook/status, storybook/test-provider,
// storybook/checklist). Not our configuration: a bare main.ts gives the same. Each follower in
// the manager asks the dev server's leader for its state over the WebSocket and gives up after
// a fixed 1 s; on a busy machine (or a throttled CPU: 8x reproduces it on every load) the
// answer comes later. The static build has none (its manager stores are leaders). Upstream:
// https://github.com/storybookjs/storybook/issues/35864. This test reports them and fails on
// any other console error.

const storybookDir = exampleDir("storybook");
const STORY = "cloud-proxy-lifecycle--joined";

/** Storybook's known dev-mode timing error, one per follower store of the manager. */
const UPSTREAM_FOLLOWER_TIMEOUT =
  /Timed out waiting for leader state for UniversalStore follower with id: 'storybook\/(status|test-provider|checklist)'/;

let browser: Browser;
let server: RunningServer;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  const port = await freePort();
  server = await startServer(
    join(storybookDir, "node_modules", ".bin", "storybook"),
    ["dev", "-p", String(port), "--no-open", "--ci"],
    { cwd: storybookDir, url: `http://127.0.0.1:${port}/`, ready: /Local:\s+(http:\/\/\S+)/, timeoutMs: 180_000 },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await watched?.close();
  await browser?.close();
  await server?.stop();
});

it("`storybook dev` serves the manager and a story whose play function passes; console errors are reported", async () => {
  watched = await openWatchedPage(browser);
  const { page } = watched;
  // The first visit of a dev server optimizes dependencies; give it time.
  await page.goto(`${server.url}?path=/story/${STORY}`, { timeout: 120_000 });
  const story = page.frameLocator("#storybook-preview-iframe");
  // The story rendered, and its play function clicked Join: the call panel reads CONNECTED,
  // with Join disabled and the frame's bar showing the proxy in force.
  await story.getByTestId("status-connection").filter({ hasText: "CONNECTED" }).waitFor({ timeout: 120_000 });
  await story.getByTestId("story-proxy-in-force").filter({ hasText: "udp" }).waitFor({ timeout: 10_000 });
  expect(await story.getByRole("button", { name: "Join", exact: true }).isDisabled()).toBe(true);
  await page.getByRole("tab", { name: /Interactions/ }).click();
  await page.waitForTimeout(1_500); // late console errors (a follower gives up after 1 s)
  await page.screenshot({ path: screenshotPath("storybook-dev.png") });

  const upstream = watched.errors.filter((error) => UPSTREAM_FOLLOWER_TIMEOUT.test(error));
  const others = watched.errors.filter((error) => !UPSTREAM_FOLLOWER_TIMEOUT.test(error));
  console.log(
    `storybook dev: ${watched.errors.length} console error(s); ` +
      `${upstream.length} upstream UniversalStore follower timeout(s) (storybookjs/storybook#35864)` +
      (upstream.length > 0
        ? `: ${upstream.map((error) => UPSTREAM_FOLLOWER_TIMEOUT.exec(error)?.[1]).join(", ")}`
        : ""),
  );
  expect(others).toEqual([]);
  expect(upstream.length).toBeLessThanOrEqual(3);
  expect(watched.offsiteRequests).toEqual([]);
});
