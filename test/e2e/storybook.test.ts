import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openWatchedPage } from "./support/chromium";
import { exampleDir, screenshotPath } from "./support/paths";
import { freePort, runCommand } from "./support/processes";
import { serveStatic } from "./support/staticServer";

// examples/storybook: `storybook build`, served statically on localhost; each story's iframe is
// opened in Debian's chromium, where Storybook runs its play function. The result comes from
// Storybook's own channel ("storyFinished", "playFunctionThrewException"), hooked before the
// preview starts. No Storybook test addon, no vitest browser mode, no downloaded browser.

const storybookDir = exampleDir("storybook");
const bin = (name: string) => join(storybookDir, "node_modules", ".bin", name);

/** The stories, in file order: one per lifecycle state of issue 5. */
const STORY_IDS = [
  "proxy-starting",
  "proxy-on",
  "joined",
  "stuck-behind-firewall",
  "rescued-by-the-proxy",
  "auto-escalates",
  "join-failed",
  "switch-mode-while-joined-rejoin",
  "switch-mode-while-joined-defer",
  "strict-mode-remount",
  "unmount-during-join",
];

/**
 * What each story shows once its play function finished: the proxy in force in the frame's bar
 * (read from the fake SDK) and which of Join / Leave can be clicked. Labels must agree with the
 * state: no Join while a join is wanted, no "mode udp" after a switch to TLS. `null`: unmounted.
 */
const LABELS_AFTER_PLAY: Record<string, { proxyInForce: string; join: boolean; leave: boolean } | null> = {
  "proxy-starting": { proxyInForce: "none", join: true, leave: true }, // the app's own join, DISCONNECTING
  "proxy-on": { proxyInForce: "udp", join: true, leave: false },
  joined: { proxyInForce: "udp", join: false, leave: true },
  "stuck-behind-firewall": { proxyInForce: "none", join: false, leave: true },
  "rescued-by-the-proxy": { proxyInForce: "udp", join: false, leave: true },
  "auto-escalates": { proxyInForce: "udp", join: false, leave: true },
  "join-failed": { proxyInForce: "udp", join: true, leave: false },
  "switch-mode-while-joined-rejoin": { proxyInForce: "tls", join: false, leave: true },
  "switch-mode-while-joined-defer": { proxyInForce: "tls", join: true, leave: false },
  "strict-mode-remount": { proxyInForce: "udp", join: false, leave: true },
  "unmount-during-join": null,
};

interface StoryWindow {
  __storyResult?: { finished: { status: string } | null; errors: unknown[] };
}

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: "story" | "docs";
}

let stories: IndexEntry[] = [];
let site: { url: string; close(): Promise<void> };
let browser: Browser;

/** Installed before any page script: records Storybook's render results on window.__storyResult. */
function hookStorybookChannel(): void {
  type Channel = { on(event: string, listener: (payload: unknown) => void): void };
  const result: { finished: unknown; errors: unknown[] } = { finished: null, errors: [] };
  // Everything here runs in the page: no references to the test module.
  let channel: Channel | undefined;
  Object.assign(window, { __storyResult: result });
  Object.defineProperty(globalThis, "__STORYBOOK_ADDONS_CHANNEL__", {
    configurable: true,
    get: () => channel,
    set: (next: Channel) => {
      channel = next;
      next.on("storyFinished", (payload) => (result.finished = payload));
      const failures = [
        "playFunctionThrewException",
        "storyThrewException",
        "storyErrored",
        "unhandledErrorsWhilePlaying",
        "storyMissing",
      ];
      for (const event of failures) {
        next.on(event, (payload) => result.errors.push({ event, payload }));
      }
    },
  });
}

beforeAll(async () => {
  await runCommand(bin("tsc"), ["-p", "."], { cwd: storybookDir });
  await runCommand(bin("storybook"), ["build", "-o", "dist", "--quiet"], { cwd: storybookDir, timeoutMs: 240_000 });
  const index = JSON.parse(readFileSync(join(storybookDir, "dist", "index.json"), "utf8")) as {
    entries: Record<string, IndexEntry>;
  };
  stories = Object.values(index.entries).filter((entry) => entry.type === "story");
  site = await serveStatic(join(storybookDir, "dist"), await freePort());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("Storybook (storybook build, play functions in Chromium)", () => {
  it("has a story for every lifecycle state the issue names, and no other", () => {
    expect(stories.map((story) => story.id)).toEqual(STORY_IDS.map((id) => `cloud-proxy-lifecycle--${id}`));
    expect(Object.keys(LABELS_AFTER_PLAY)).toEqual(STORY_IDS);
  });

  it.each(STORY_IDS)("story %s: its play function passes, with no console error", async (id) => {
    const watched = await openWatchedPage(browser);
    try {
      const { page } = watched;
      await page.setViewportSize({ width: 1040, height: 420 });
      await page.addInitScript(hookStorybookChannel);
      await page.goto(`${site.url}/iframe.html?id=cloud-proxy-lifecycle--${id}&viewMode=story`);
      await page.waitForFunction(() => (window as unknown as StoryWindow).__storyResult?.finished, undefined, {
        timeout: 30_000,
        polling: 100,
      });
      const result = (await page.evaluate(() => (window as unknown as StoryWindow).__storyResult)) ?? {
        finished: null,
        errors: [],
      };
      await page.screenshot({ path: screenshotPath(`storybook-${id}.png`) });
      const labels = await page.evaluate(() => {
        const button = (name: string) =>
          [...document.querySelectorAll("button")].find((element) => element.textContent?.trim() === name);
        const join = button("Join");
        const leave = button("Leave");
        if (!join || !leave) return null;
        return {
          proxyInForce: document.querySelector('[data-testid="story-proxy-in-force"]')?.textContent ?? "(none shown)",
          join: !join.disabled,
          leave: !leave.disabled,
        };
      });
      expect({ id, labels }).toEqual({ id, labels: LABELS_AFTER_PLAY[id] });
      const problems = [
        ...(result.finished?.status === "success" ? [] : [`finished with status ${result.finished?.status}`]),
        ...result.errors.map((error) => JSON.stringify(error).slice(0, 1_500)),
        ...watched.errors,
        ...watched.offsiteRequests.map((url) => `off-site request: ${url}`),
      ];
      expect(problems).toEqual([]);
    } finally {
      await watched.close();
    }
  });

  it("shows the stories in the Storybook manager", async () => {
    const watched = await openWatchedPage(browser);
    try {
      await watched.page.goto(`${site.url}/?path=/story/cloud-proxy-lifecycle--switch-mode-while-joined-rejoin`);
      await watched.page.getByText("StrictMode remount (one session, one start)").waitFor({ timeout: 30_000 });
      // The play function runs in the manager's iframe too; wait for its last step.
      const frame = watched.page.frameLocator("#storybook-preview-iframe");
      await frame.getByTestId("status-mode").filter({ hasText: "tls" }).waitFor({ timeout: 15_000 });
      await watched.page.getByRole("tab", { name: /Interactions/ }).click();
      await watched.page
        .getByText("startProxyServer(5)")
        .first()
        .waitFor({ timeout: 5_000 })
        .catch(() => {});
      await watched.page.waitForTimeout(800);
      await watched.page.screenshot({ path: screenshotPath("storybook-manager.png") });
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});
