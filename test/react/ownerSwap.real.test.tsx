// @vitest-environment jsdom
// A call never outlives the owner that joined it: when one provider instance goes and another
// takes the same client in the same tick, the proxy carries over but the old owner's call does
// not, unless the new owner joins in that same commit.
import "../support/realSdk";
import { CloudProxyProvider } from "@agora-cloud-proxy/react";
import { expect, it } from "vitest";
import { JoinOnMount, StatusLine } from "./support/callComponents";
import { JoinButton, pause, releaseAfter, sdkView, within } from "./support/ownership";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { realSdk, sessionGone, until, type SdkUnderTest } from "./support/sdkUnderTest";

const LEFT = ["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok"];

/** The old owner's call is gone and the proxy stayed: start(3), join, leave, and no stop/start. */
async function expectOldCallLeftProxyKept(sdk: SdkUnderTest): Promise<void> {
  await within(2_000, () => expect(sdk.client.connectionState).toBe("DISCONNECTED"));
  await sdk.settled();
  expect(sdkView(sdk)).toEqual({ log: LEFT, state: "DISCONNECTED", proxy: "proxy3", errors: [] });
}

function Page({ sdk, joins }: { sdk: SdkUnderTest; joins: boolean }) {
  return (
    <CloudProxyProvider client={sdk.client} mode="udp">
      {joins ? <JoinButton /> : <StatusLine />}
    </CloudProxyProvider>
  );
}
// Two component types: swapping them unmounts one provider and mounts the other in one commit.
const CallPage = ({ sdk }: { sdk: SdkUnderTest }) => <Page sdk={sdk} joins />;
const LobbyPage = ({ sdk }: { sdk: SdkUnderTest }) => <Page sdk={sdk} joins={false} />;

describeEachReactMode(
  "a call never outlives the owner that joined it (real SDK)",
  (mode) => {
    it("a new key whose child never joins: the SDK leaves the old call, the proxy stays proxy3 (start(3) join leave only)", async (ctx) => {
      const sdk = await realSdk();
      const view = renderIn(mode, <Page key="a" sdk={sdk} joins />);
      releaseAfter(ctx, [sdk], view.unmount);
      await until(() => sdk.proxyMode() === "proxy3");
      view.getByRole("button").click();
      await until(() => sdk.client.connectionState === "CONNECTING");

      view.rerender(<Page key="b" sdk={sdk} joins={false} />);
      await expectOldCallLeftProxyKept(sdk);
      await until(() => view.container.textContent === "on/udp/DISCONNECTED");

      view.unmount();
      await sessionGone(sdk);
      expect(sdkView(sdk)).toEqual({
        log: [...LEFT, "stopProxyServer:ok"],
        state: "DISCONNECTED",
        proxy: "disabled",
        errors: [],
      });
    });

    it("one rerender that swaps the page component (CallPage -> LobbyPage): the SDK leaves, the proxy stays", async (ctx) => {
      const sdk = await realSdk();
      const view = renderIn(mode, <CallPage sdk={sdk} />);
      releaseAfter(ctx, [sdk], view.unmount);
      await until(() => sdk.proxyMode() === "proxy3");
      view.getByRole("button").click();
      await until(() => sdk.client.connectionState === "CONNECTING");

      view.rerender(<LobbyPage sdk={sdk} />);
      await expectOldCallLeftProxyKept(sdk);

      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual([...LEFT, "stopProxyServer:ok"]);
    });

    it("two roots: unmounting one provider and mounting another on the same client in one tick leaves the call, keeps the proxy", async (ctx) => {
      const sdk = await realSdk();
      const first = renderIn(mode, <Page sdk={sdk} joins />);
      releaseAfter(ctx, [sdk], first.unmount);
      await until(() => sdk.proxyMode() === "proxy3");
      first.getByRole("button").click();
      await until(() => sdk.client.connectionState === "CONNECTING");

      // Synchronous one after the other: no microtask runs between the unmount and the mount.
      first.unmount();
      const second = renderIn(mode, <Page sdk={sdk} joins={false} />);
      releaseAfter(ctx, [sdk], second.unmount);
      await expectOldCallLeftProxyKept(sdk);
      await until(() => second.container.textContent === "on/udp/DISCONNECTED");

      second.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual([...LEFT, "stopProxyServer:ok"]);
    });

    it("stays as today: a new key whose child joins in the same commit with equal options: the SDK sees no call from the swap", async (ctx) => {
      const sdk = await realSdk();
      const view = renderIn(mode, <Page key="a" sdk={sdk} joins />);
      releaseAfter(ctx, [sdk], view.unmount);
      await until(() => sdk.proxyMode() === "proxy3");
      view.getByRole("button").click();
      await until(() => sdk.client.connectionState === "CONNECTING");

      view.rerender(
        <CloudProxyProvider key="b" client={sdk.client} mode="udp">
          <JoinOnMount />
        </CloudProxyProvider>,
      );
      await pause(50);
      expect(sdkView(sdk)).toEqual({
        log: ["startProxyServer(3):ok", "join:pending"],
        state: "CONNECTING",
        proxy: "proxy3",
        errors: [],
      });

      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual([...LEFT, "stopProxyServer:ok"]);
    });

    it("stays as today: one instance mounted (StrictMode replays its effects): one startProxyServer, one join, nothing else", async (ctx) => {
      const sdk = await realSdk();
      const view = renderIn(
        mode,
        <CloudProxyProvider client={sdk.client} mode="udp">
          <JoinOnMount />
        </CloudProxyProvider>,
      );
      releaseAfter(ctx, [sdk], view.unmount);
      await until(() => sdk.client.connectionState === "CONNECTING");
      await pause(50);
      expect(sdkView(sdk)).toEqual({
        log: ["startProxyServer(3):ok", "join:pending"],
        state: "CONNECTING",
        proxy: "proxy3",
        errors: [],
      });

      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual([...LEFT, "stopProxyServer:ok"]);
    });
  },
  { concurrent: true },
);
