// @vitest-environment jsdom
// A join requested on a disabled mode="tls" provider, then `enabled` toggled five times in the
// same tick (true, false, true, false, true): the session merges it all into one plan, so the SDK
// sees start(5) and one join on proxy5, never a join with the proxy disabled.
import "../support/realSdk";
import { CloudProxyProvider, type UseCloudProxyClientResult } from "@agora-cloud-proxy/react";
import { act } from "@testing-library/react";
import { useState } from "react";
import { expect, it } from "vitest";
import { StatusLine } from "./support/callComponents";
import { CallHandle, pause, releaseAfter, sdkView, watch } from "./support/ownership";
import { describeEachReactMode, type ReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { fakeSdk, JOIN, realSdk, sessionGone, until, type SdkUnderTest } from "./support/sdkUnderTest";

const TOGGLES = [true, false, true, false, true];
type Handle = { current: UseCloudProxyClientResult | null };

function Call({ sdk, enabled, handle }: { sdk: SdkUnderTest; enabled: boolean; handle: Handle }) {
  return (
    <CloudProxyProvider client={sdk.client} mode="tls" enabled={enabled}>
      <CallHandle handle={handle} />
      <StatusLine />
    </CloudProxyProvider>
  );
}

/** Settings whose own button flips `enabled` five times in one click handler. */
function Settings({ sdk, handle }: { sdk: SdkUnderTest; handle: Handle }) {
  const [enabled, setEnabled] = useState(false);
  return (
    <>
      <button type="button" onClick={() => TOGGLES.forEach((next) => setEnabled(next))}>
        toggle
      </button>
      <Call sdk={sdk} enabled={enabled} handle={handle} />
    </>
  );
}

interface Toggling {
  name: string;
  /** Renders the app with the proxy disabled; returns how to toggle it, synchronously. */
  mount(mode: ReactMode, sdk: SdkUnderTest, handle: Handle): { toggle(): void; unmount(): void; text(): string };
}

const TOGGLINGS: Toggling[] = [
  {
    name: "five rerenders in one act",
    mount(mode, sdk, handle) {
      const view = renderIn(mode, <Call sdk={sdk} enabled={false} handle={handle} />);
      const toggle = () =>
        act(() => TOGGLES.forEach((enabled) => view.rerender(<Call sdk={sdk} enabled={enabled} handle={handle} />)));
      return { toggle, unmount: view.unmount, text: () => view.container.textContent ?? "" };
    },
  },
  {
    name: "five rerenders back to back, each committed",
    mount(mode, sdk, handle) {
      const view = renderIn(mode, <Call sdk={sdk} enabled={false} handle={handle} />);
      const toggle = () =>
        TOGGLES.forEach((enabled) => view.rerender(<Call sdk={sdk} enabled={enabled} handle={handle} />));
      return { toggle, unmount: view.unmount, text: () => view.container.textContent ?? "" };
    },
  },
  {
    name: "five state setters in one click handler",
    mount(mode, sdk, handle) {
      const view = renderIn(mode, <Settings sdk={sdk} handle={handle} />);
      const toggle = () => view.getByRole("button").click();
      return { toggle, unmount: view.unmount, text: () => view.container.textContent?.replace("toggle", "") ?? "" };
    },
  },
];

describeEachReactMode(
  "enabled toggled in one tick on a mode='tls' provider",
  (mode) => {
    for (const toggling of TOGGLINGS) {
      it(`real SDK, ${toggling.name}: start(5) then exactly one join, on proxy5; the join stays pending, not rejected`, async (ctx) => {
        const sdk = await realSdk();
        const handle: Handle = { current: null };
        const app = toggling.mount(mode, sdk, handle);
        releaseAfter(ctx, [sdk], app.unmount);
        await until(() => handle.current !== null && app.text() === "off/none/DISCONNECTED");
        expect(sdk.log()).toEqual([]);

        // The join and the five toggles in the same synchronous stretch: no microtask between.
        const joined = watch(handle.current!.join(JOIN));
        app.toggle();
        await until(() => sdk.client.connectionState === "CONNECTING");
        await pause(100);
        expect(sdkView(sdk)).toEqual({
          log: ["startProxyServer(5):ok", "join:pending"],
          state: "CONNECTING",
          proxy: "proxy5",
          errors: [],
        });
        expect(app.text()).toBe("on/tls/CONNECTING");
        expect(joined.outcome).toBe("pending");

        app.unmount();
        await sessionGone(sdk);
        expect(sdk.log()).toEqual([
          "startProxyServer(5):ok",
          "join:OPERATION_ABORTED",
          "leave:ok",
          "stopProxyServer:ok",
        ]);
      });
    }

    it("fake client, five rerenders in one act: start(5), one join on proxy5, and the join resolves (CONNECTED)", async (ctx) => {
      const sdk = fakeSdk();
      const handle: Handle = { current: null };
      const app = TOGGLINGS[0]!.mount(mode, sdk, handle);
      releaseAfter(ctx, [sdk], app.unmount);
      await until(() => handle.current !== null);

      const joined = watch(handle.current!.join(JOIN));
      app.toggle();
      await until(() => joined.outcome !== "pending");
      expect(joined.outcome).toBe("resolved");
      expect(sdkView(sdk)).toEqual({
        log: ["startProxyServer(5):ok", "join:ok"],
        state: "CONNECTED",
        proxy: "proxy5",
        errors: [],
      });

      app.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(5):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
    });
  },
  { concurrent: true },
);
