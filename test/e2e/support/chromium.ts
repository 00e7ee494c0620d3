import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";

/**
 * Debian's chromium (`apt-get install chromium`, see scripts/ensure-chromium.sh); never a
 * browser downloaded by Playwright. `CHROMIUM_PATH` overrides it.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Flags for a quiet, offline-friendly headless run. Playwright adds `--headless`,
 * `--no-sandbox` and a fresh temporary `--user-data-dir` itself (it refuses a user-supplied
 * one for `launch()`), and deletes that directory on close.
 */
const CHROMIUM_FLAGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-dev-shm-usage",
  // Belt and braces next to the request blocking below: no host name but localhost resolves,
  // so nothing can leave the machine, not even a DNS lookup.
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
];

/** Launches Debian's chromium headless, or fails with the command that installs it. */
export async function launchChromium(extraFlags: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's package with scripts/ensure-chromium.sh (apt-get install -y chromium), or point CHROMIUM_PATH at a Chromium binary.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extraFlags],
    timeout: 60_000,
  });
}

/** A page that remembers every console error and uncaught page error, to assert there were none. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions, as text. */
  readonly errors: string[];
  /** Requests that left localhost (the examples must never reach the network in simulation). */
  readonly offsiteRequests: string[];
  close(): Promise<void>;
}

/** Opens a fresh context (1440x900) and page that records console errors and off-site requests. */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  const offsiteRequests: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  await context.route(/.*/, async (route) => {
    const url = new URL(route.request().url());
    if (["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) || url.protocol === "data:") return route.continue();
    offsiteRequests.push(url.href);
    return route.abort("blockedbyclient");
  });
  return { page, context, errors, offsiteRequests, close: () => context.close() };
}
