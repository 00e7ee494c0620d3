// @vitest-environment jsdom
// `client={createClient()}` inline makes a new client on every render: a common mistake that
// switches sessions on every render. Development builds say so once, naming the fix.
import { CloudProxyProvider } from "@agora-cloud-proxy/react";
import { afterEach, beforeEach, expect, it, vi, type MockInstance } from "vitest";
import { StatusLine } from "./support/callComponents";
import { pause } from "./support/ownership";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { expectSdkReleased, fakeSdk, sessionGone, until, type SdkUnderTest } from "./support/sdkUnderTest";

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

/** Every console.warn but the SDK's own logger's (the fake client never warns). */
const ourWarnings = () =>
  warn.mock.calls.map((args) => args.map(String).join(" ")).filter((text) => !text.includes("Agora-SDK ["));

describeEachReactMode("a client instance prop that changes on every render (development)", (mode) => {
  it("client={createClient()} inline, 6 renders: exactly one console.warn, naming the fix (a factory or useState)", async () => {
    const created: SdkUnderTest[] = [];
    const createClient = () => {
      const sdk = fakeSdk();
      created.push(sdk);
      return sdk.client;
    };
    function App({ tick }: { tick: number }) {
      return (
        <CloudProxyProvider client={createClient()} mode="udp">
          <StatusLine />
          <p>{tick}</p>
        </CloudProxyProvider>
      );
    }
    const view = renderIn(mode, <App tick={0} />);
    for (let tick = 1; tick <= 5; tick += 1) {
      view.rerender(<App tick={tick} />);
      await pause(10);
    }
    await until(() => view.container.textContent === "on/udp/DISCONNECTED5");
    await pause(20);

    const warnings = ourWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/factory|useState/);
    expect(created.length).toBeGreaterThanOrEqual(6);

    view.unmount();
    await Promise.all(created.map((sdk) => sessionGone(sdk)));
    for (const sdk of created) expectSdkReleased(sdk);
    expect(ourWarnings()).toHaveLength(1);
  });

  it("a stable client instance, 6 renders: no warning", async () => {
    const sdk = fakeSdk();
    function App({ tick }: { tick: number }) {
      return (
        <CloudProxyProvider client={sdk.client} mode="udp">
          <StatusLine />
          <p>{tick}</p>
        </CloudProxyProvider>
      );
    }
    const view = renderIn(mode, <App tick={0} />);
    for (let tick = 1; tick <= 5; tick += 1) view.rerender(<App tick={tick} />);
    await until(() => view.container.textContent === "on/udp/DISCONNECTED5");
    await pause(20);
    expect(ourWarnings()).toEqual([]);
    expect(sdk.log()).toEqual(["startProxyServer(3):ok"]);

    view.unmount();
    await sessionGone(sdk);
    expectSdkReleased(sdk);
  });
});
