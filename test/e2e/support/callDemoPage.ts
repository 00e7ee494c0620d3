import type { Locator, Page } from "playwright-core";
import type { RecordedEntry } from "./sdkCallRules";

/** The status fields of the call demo's status panel (`data-testid="status-<field>"`). */
export type StatusField =
  | "proxy"
  | "mode"
  | "desired-mode"
  | "pending"
  | "connection"
  | "using-proxy"
  | "join-requested"
  | "uid"
  | "route"
  | "auto-note"
  | "media"
  | "reconnect"
  | "error";

/**
 * The call demo as a user sees it: its controls by role and name, its status panel, and its
 * timeline as recorded rows (read from the rows' `data-*` attributes).
 */
export class CallDemoPage {
  constructor(readonly page: Page) {}

  button(
    name:
      "Join" | "Leave" | "Run network test" | "Run the network test" | "Download report for IT" | "Drop the network",
  ): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  switch(
    name:
      | "Use cloud proxy"
      | "Call mounted"
      | "Simulate firewall"
      | "Simulate media blocked on direct"
      | "Publish a simulated microphone",
  ): Locator {
    return this.page.getByRole("switch", { name });
  }

  radio(name: "UDP" | "TCP/TLS 443" | "Auto" | "Rejoin now" | "At next join"): Locator {
    return this.page.getByRole("radio", { name });
  }

  status(field: StatusField): Locator {
    return this.page.getByTestId(`status-${field}`);
  }

  /** A text field of the Connection card. */
  field(name: "App ID" | "Token" | "Channel"): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  /** Waits until the network test panel shows an outcome for `route` that is one of `outcomes`; returns it. */
  async waitForRouteTest(
    route: "direct" | "udp" | "tls",
    outcomes: readonly string[],
    timeout = 15_000,
  ): Promise<string> {
    const row = this.page.getByTestId(`network-test-${route}`);
    try {
      await this.page.waitForFunction(
        ([id, expected]) =>
          expected.includes(document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-outcome") ?? ""),
        [`network-test-${route}`, outcomes] as const,
        { timeout, polling: 50 },
      );
    } catch (error) {
      throw new Error(
        `the network test's ${route} never became ${outcomes.join(" or ")}; it reads "${await row.textContent()}".`,
        {
          cause: error,
        },
      );
    }
    return (await row.getAttribute("data-outcome")) ?? "";
  }

  /** Sets a switch, if it is not already in that position. */
  async setSwitch(name: Parameters<CallDemoPage["switch"]>[0], on: boolean): Promise<void> {
    const control = this.switch(name);
    if ((await control.isChecked()) !== on) await control.click();
  }

  /** Waits until a status field reads exactly `text`. */
  async waitForStatus(field: StatusField, text: string, timeout = 15_000): Promise<void> {
    try {
      await this.page.waitForFunction(
        ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === expected,
        [`status-${field}`, text] as const,
        { timeout, polling: 50 },
      );
    } catch (error) {
      const actual = (await this.status(field).count()) > 0 ? await this.status(field).textContent() : "(not rendered)";
      throw new Error(`status ${field} never became "${text}" within ${timeout} ms; it is "${actual}".`, {
        cause: error,
      });
    }
  }

  /** The timeline's rows, oldest first. */
  timeline(): Promise<RecordedEntry[]> {
    return this.page.locator('[data-testid="timeline"] > li[data-seq]').evaluateAll((rows) =>
      rows.map((row) => {
        const data = (row as HTMLElement).dataset;
        return {
          seq: Number(data.seq),
          kind: data.kind ?? "",
          client: data.client ?? "",
          name: data.name ?? "",
          args: JSON.parse(data.args ?? "[]") as unknown[],
          state: data.state ?? "",
          outcome: data.outcome ?? "",
          code: data.code ?? "",
          ...(data.callSeq ? { callSeq: Number(data.callSeq) } : {}),
        };
      }),
    );
  }

  /**
   * The session's own decisions on the timeline (`state` rows: media check, route attempts,
   * reconnect cycle), as `name value` strings, with when they happened (`performance.now()`).
   */
  stateRows(client: string): Promise<{ text: string; at: number }[]> {
    return this.page
      .locator(`[data-testid="timeline"] > li[data-kind="state"][data-client="${client}"]`)
      .evaluateAll((rows) =>
        rows.map((row) => {
          const data = (row as HTMLElement).dataset;
          const [value] = JSON.parse(data.args ?? "[]") as unknown[];
          return { text: `${data.name ?? ""} ${String(value)}`, at: Number(data.at) };
        }),
      );
  }

  /** Every timeline row with when it was added (`performance.now()` ms in the page), oldest first. */
  timedRows(): Promise<{ kind: string; client: string; name: string; args: unknown[]; at: number }[]> {
    return this.page.locator('[data-testid="timeline"] > li[data-seq]').evaluateAll((rows) =>
      rows.map((row) => {
        const data = (row as HTMLElement).dataset;
        return {
          kind: data.kind ?? "",
          client: data.client ?? "",
          name: data.name ?? "",
          args: JSON.parse(data.args ?? "[]") as unknown[],
          at: Number(data.at),
        };
      }),
    );
  }

  /** The SDK calls of one client, as `name(args)` strings. */
  async calls(client: string): Promise<string[]> {
    const rows = await this.timeline();
    return rows
      .filter((row) => row.kind === "call" && row.client === client)
      .map((row) =>
        row.name === "join" ? "join" : `${row.name}(${row.args.map((arg) => JSON.stringify(arg)).join(", ")})`,
      );
  }

  /** Waits until the timeline has not grown for `quietMs`: the session and the SDK are at rest. */
  async waitForQuiet(quietMs = 1_500, timeout = 20_000): Promise<void> {
    const deadline = Date.now() + timeout;
    let count = -1;
    let since = Date.now();
    while (Date.now() < deadline) {
      const now = await this.page.locator('[data-testid="timeline"] > li[data-seq]').count();
      if (now !== count) {
        count = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`The timeline kept changing for ${timeout} ms.`);
  }
}
