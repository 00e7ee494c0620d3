// @vitest-environment jsdom
import "../support/realSdk";
import { CloudProxyProvider, useCloudProxyClient, type ModeChangePolicy } from "@agora-cloud-proxy/react";
import { useLayoutEffect } from "react";
import { expect, it } from "vitest";
import { ProviderHarness } from "./support/providerHarness";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { JOIN, realSdk, sessionGone, until } from "./support/sdkUnderTest";

const POLICIES: ModeChangePolicy[] = ["rejoin", "defer"];

describeEachReactMode(
  "mode and enabled props on the real SDK",
  (reactMode) => {
    for (const policy of POLICIES) {
      it(`mode change while DISCONNECTED (${policy}): the SDK switches at once, start(3) then start(5)`, async () => {
        const sdk = await realSdk();
        const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy={policy} />);
        await until(() => sdk.proxyMode() === "proxy3");
        view.rerender(<ProviderHarness sdk={sdk} policy={policy} mode="tls" />);
        await until(() => view.container.textContent === "on/tls/DISCONNECTED");
        expect(sdk.log()).toEqual(["startProxyServer(3):ok", "startProxyServer(5):ok"]);
        expect(sdk.proxyMode()).toBe("proxy5");
        view.unmount();
        await sessionGone(sdk);
        expect(sdk.log()).toEqual(["startProxyServer(3):ok", "startProxyServer(5):ok", "stopProxyServer:ok"]);
        expect(sdk.orderingErrors()).toEqual([]);
      });

      it(`enabled toggles while DISCONNECTED (${policy}): false stops the proxy, true starts it again`, async () => {
        const sdk = await realSdk();
        const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy={policy} />);
        await until(() => sdk.proxyMode() === "proxy3");
        view.rerender(<ProviderHarness sdk={sdk} policy={policy} enabled={false} />);
        await until(() => view.container.textContent === "off/none/DISCONNECTED");
        view.rerender(<ProviderHarness sdk={sdk} policy={policy} enabled />);
        await until(() => view.container.textContent === "on/udp/DISCONNECTED");
        expect(sdk.log()).toEqual(["startProxyServer(3):ok", "stopProxyServer:ok", "startProxyServer(3):ok"]);
        view.unmount();
        await sessionGone(sdk);
        expect(sdk.orderingErrors()).toEqual([]);
      });
    }

    it("mount with enabled={false}: the SDK sees nothing until it is enabled", async () => {
      const sdk = await realSdk();
      const view = renderIn(reactMode, <ProviderHarness sdk={sdk} enabled={false} inCall />);
      await until(() => sdk.client.connectionState === "CONNECTING");
      expect(sdk.log()).toEqual(["join:pending"]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["join:OPERATION_ABORTED", "leave:ok"]);
    });

    it("mode change while CONNECTING (rejoin): leave, start(5), join again", async () => {
      const sdk = await realSdk();
      const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy="rejoin" inCall />);
      await until(() => sdk.client.connectionState === "CONNECTING");
      view.rerender(<ProviderHarness sdk={sdk} policy="rejoin" inCall mode="tls" />);
      await until(() => sdk.proxyMode() === "proxy5" && sdk.client.connectionState === "CONNECTING");
      await until(() => sdk.log()[1] === "join:OPERATION_ABORTED");
      expect(sdk.log()).toEqual([
        "startProxyServer(3):ok",
        "join:OPERATION_ABORTED",
        "leave:ok",
        "startProxyServer(5):ok",
        "join:pending",
      ]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log().slice(4)).toEqual(["join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expect(sdk.orderingErrors()).toEqual([]);
    });

    it("mode change while CONNECTING (defer): nothing reaches the SDK until the call leaves, then start(5)", async () => {
      const sdk = await realSdk();
      const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy="defer" showDesired inCall />);
      await until(() => sdk.client.connectionState === "CONNECTING");
      view.rerender(<ProviderHarness sdk={sdk} policy="defer" showDesired inCall mode="tls" />);
      await until(() => view.container.textContent === "callon/udp->tls/CONNECTING");
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:pending"]);
      view.rerender(<ProviderHarness sdk={sdk} policy="defer" showDesired mode="tls" />);
      await until(() => view.container.textContent === "on/tls/DISCONNECTED");
      await sdk.settled();
      expect(sdk.log()).toEqual([
        "startProxyServer(3):ok",
        "join:OPERATION_ABORTED",
        "leave:ok",
        "startProxyServer(5):ok",
      ]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.orderingErrors()).toEqual([]);
    });

    it("enabled={false} while CONNECTING (rejoin): leave, stop, join again without the proxy", async () => {
      const sdk = await realSdk();
      const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy="rejoin" inCall />);
      await until(() => sdk.client.connectionState === "CONNECTING");
      view.rerender(<ProviderHarness sdk={sdk} policy="rejoin" inCall enabled={false} />);
      await until(() => sdk.proxyMode() === "disabled" && sdk.client.connectionState === "CONNECTING");
      await until(() => sdk.log()[1] === "join:OPERATION_ABORTED");
      expect(sdk.log()).toEqual([
        "startProxyServer(3):ok",
        "join:OPERATION_ABORTED",
        "leave:ok",
        "stopProxyServer:ok",
        "join:pending",
      ]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log().slice(4)).toEqual(["join:OPERATION_ABORTED", "leave:ok"]);
      expect(sdk.orderingErrors()).toEqual([]);
    });

    it("enabled={false} while CONNECTING (defer): the proxy stays until the call leaves, then stops", async () => {
      const sdk = await realSdk();
      const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy="defer" showDesired inCall />);
      await until(() => sdk.client.connectionState === "CONNECTING");
      view.rerender(<ProviderHarness sdk={sdk} policy="defer" showDesired inCall enabled={false} />);
      await until(() => view.container.textContent === "callon/udp->none/CONNECTING");
      view.rerender(<ProviderHarness sdk={sdk} policy="defer" showDesired enabled={false} />);
      await until(() => view.container.textContent === "off/none/DISCONNECTED");
      await sdk.settled();
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toHaveLength(4);
    });
  },
  { concurrent: true },
);

function JoinInLayoutEffect() {
  const { client } = useCloudProxyClient();
  // The earliest a child can act: before any passive effect of its own or its parents'.
  useLayoutEffect(() => {
    void client.join(JOIN.appid, JOIN.channel, JOIN.token, JOIN.uid);
    return () => void client.leave();
  }, [client]);
  return null;
}

describeEachReactMode(
  "children whose effects join before the provider's effects",
  (reactMode) => {
    it("children render only once the provider's effect created the session, so even a layout-effect join goes after the proxy", async () => {
      const sdk = await realSdk();
      const view = renderIn(
        reactMode,
        <CloudProxyProvider client={sdk.client}>
          <JoinInLayoutEffect />
        </CloudProxyProvider>,
      );
      await until(() => sdk.client.connectionState === "CONNECTING");
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:pending"]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expect(sdk.orderingErrors()).toEqual([]);
    });

    it("a child mounted in the same commit as a mode change joins before the provider's effect runs, and still gets the new mode: no leave", async () => {
      const sdk = await realSdk();
      const view = renderIn(reactMode, <ProviderHarness sdk={sdk} />);
      await until(() => sdk.proxyMode() === "proxy3");
      // One commit: the child's effects (join) run before the provider's (setProxy("tls")).
      view.rerender(<ProviderHarness sdk={sdk} mode="tls" inCall />);
      await until(() => sdk.client.connectionState === "CONNECTING");
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "startProxyServer(5):ok", "join:pending"]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log().slice(2)).toEqual(["join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expect(sdk.orderingErrors()).toEqual([]);
    });
  },
  { concurrent: true },
);
