// @vitest-environment jsdom
// CONNECTED needs a network the real SDK doesn't have offline: these run on the fake client,
// which enforces the same ordering rules (see test/contract).
import { CloudProxyProvider, useCloudProxyClient } from "@agora-cloud-proxy/react";
import { expect, it, vi } from "vitest";
import { JoinOnMount, StatusLine } from "./support/callComponents";
import { ProviderHarness } from "./support/providerHarness";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { expectSdkReleased, fakeSdk, sessionGone, until } from "./support/sdkUnderTest";

describeEachReactMode("CloudProxyProvider while CONNECTED (fake client)", (reactMode) => {
  it("mount and join: one start, one join; unmount while CONNECTED leaves, then stops, then removes its listeners", async () => {
    const sdk = fakeSdk();
    const view = renderIn(reactMode, <ProviderHarness sdk={sdk} inCall />);
    await until(() => view.container.textContent === "callon/udp/CONNECTED");
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
    expectSdkReleased(sdk);
  });

  it("mode change while CONNECTED (rejoin): leave, start(5), join again, back to CONNECTED", async () => {
    const sdk = fakeSdk();
    const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy="rejoin" inCall />);
    await until(() => sdk.client.connectionState === "CONNECTED");
    view.rerender(<ProviderHarness sdk={sdk} policy="rejoin" mode="tls" inCall />);
    await until(() => view.container.textContent === "callon/tls/CONNECTED");
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "startProxyServer(5):ok", "join:ok"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log().slice(5)).toEqual(["leave:ok", "stopProxyServer:ok"]);
    expect(sdk.orderingErrors()).toEqual([]);
  });

  it("mode change while CONNECTED (defer): the call stays; start(5) comes after the call leaves", async () => {
    const sdk = fakeSdk();
    const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy="defer" showDesired inCall />);
    await until(() => sdk.client.connectionState === "CONNECTED");
    view.rerender(<ProviderHarness sdk={sdk} policy="defer" showDesired mode="tls" inCall />);
    await until(() => view.container.textContent === "callon/udp->tls/CONNECTED");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    view.rerender(<ProviderHarness sdk={sdk} policy="defer" showDesired mode="tls" />);
    await until(() => view.container.textContent === "on/tls/DISCONNECTED");
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "startProxyServer(5):ok"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.orderingErrors()).toEqual([]);
  });

  it("enabled={false} while CONNECTED (rejoin): leave, stop, join again without the proxy; true brings it back the same way", async () => {
    const sdk = fakeSdk();
    const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy="rejoin" inCall />);
    await until(() => sdk.client.connectionState === "CONNECTED");
    view.rerender(<ProviderHarness sdk={sdk} policy="rejoin" enabled={false} inCall />);
    await until(() => view.container.textContent === "calloff/none/CONNECTED");
    view.rerender(<ProviderHarness sdk={sdk} policy="rejoin" enabled inCall />);
    await until(() => view.container.textContent === "callon/udp/CONNECTED");
    expect(sdk.log()).toEqual([
      "startProxyServer(3):ok",
      "join:ok",
      "leave:ok",
      "stopProxyServer:ok",
      "join:ok",
      "leave:ok",
      "startProxyServer(3):ok",
      "join:ok",
    ]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.orderingErrors()).toEqual([]);
  });

  it("enabled={false} while CONNECTED (defer): the proxy stays for this call and stops after it leaves", async () => {
    const sdk = fakeSdk();
    const view = renderIn(reactMode, <ProviderHarness sdk={sdk} policy="defer" showDesired inCall />);
    await until(() => sdk.client.connectionState === "CONNECTED");
    view.rerender(<ProviderHarness sdk={sdk} policy="defer" showDesired enabled={false} inCall />);
    await until(() => view.container.textContent === "callon/udp->none/CONNECTED");
    view.rerender(<ProviderHarness sdk={sdk} policy="defer" showDesired enabled={false} />);
    await until(() => view.container.textContent === "off/none/DISCONNECTED");
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toHaveLength(4);
  });

  it("a call component remounted in one commit while CONNECTED (new key): its leave and join merge, the SDK stays in the call", async () => {
    const sdk = fakeSdk();
    const ui = (key: string) => (
      <CloudProxyProvider client={sdk.client}>
        <JoinOnMount key={key} />
        <StatusLine />
      </CloudProxyProvider>
    );
    const view = renderIn(reactMode, ui("a"));
    await until(() => view.container.textContent === "callon/udp/CONNECTED");
    view.rerender(ui("b")); // cleanup: leave(); mount: join(same options), in one tick
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(view.container.textContent).toBe("callon/udp/CONNECTED");
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
  });

  it("mounting again while the last session still leaves: the new provider shows its fallback, waits, then starts afresh", async () => {
    const sdk = fakeSdk({ leaveLatencyMs: 50 });
    const first = renderIn(reactMode, <ProviderHarness sdk={sdk} inCall />);
    await until(() => sdk.client.connectionState === "CONNECTED");
    first.unmount();
    await until(() => sdk.client.connectionState === "DISCONNECTING"); // a later commit, mid-dispose
    const onError = vi.fn();
    const second = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} mode="tls" onError={onError} fallback={<p>waiting</p>}>
        <StatusLine />
      </CloudProxyProvider>,
    );
    expect(second.container.textContent).toBe("waiting");
    await until(() => second.container.textContent === "on/tls/DISCONNECTED");
    expect(sdk.log()).toEqual([
      "startProxyServer(3):ok",
      "join:ok",
      "leave:ok",
      "stopProxyServer:ok",
      "startProxyServer(5):ok",
    ]);
    expect(onError).not.toHaveBeenCalled();
    second.unmount();
    await sessionGone(sdk);
    expect(sdk.log().at(-1)).toBe("stopProxyServer:ok");
    expect(sdk.orderingErrors()).toEqual([]);
  });

  it("reconnect={false}: the SDK drops the call, status and onError report CONNECTION_LOST, and nothing rejoins behind the app's back", async () => {
    const sdk = fakeSdk();
    const onError = vi.fn();
    const view = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} onError={onError} reconnect={false}>
        <JoinOnMount />
        <StatusLine />
      </CloudProxyProvider>,
    );
    await until(() => sdk.client.connectionState === "CONNECTED");
    await sdk.fake.fake.dropNetwork({ outcome: "disconnect" });
    await until(() => view.container.textContent === "callon/udp/DISCONNECTED" && onError.mock.calls.length === 1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: "CONNECTION_LOST" });
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    view.unmount();
    await sessionGone(sdk);
  });

  it("by default the SDK's drop is answered by the reconnect policy: status shows the attempt, then the call is back", async () => {
    const sdk = fakeSdk();
    const onError = vi.fn();
    const seen: string[] = [];
    function ReconnectLine() {
      const { status } = useCloudProxyClient();
      const line = `${status.connectionState}/${status.reconnect ? `attempt ${status.reconnect.attempt} of ${status.reconnect.attempts}` : "none"}`;
      if (seen.at(-1) !== line) seen.push(line);
      return <output>{line}</output>;
    }
    const view = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} onError={onError} reconnect={{ delaysMs: [30] }}>
        <JoinOnMount />
        <ReconnectLine />
      </CloudProxyProvider>,
    );
    await until(() => sdk.client.connectionState === "CONNECTED");
    await sdk.fake.fake.dropNetwork({ outcome: "disconnect" });
    await until(() => seen.includes("DISCONNECTED/attempt 1 of 1"));
    await until(() => view.container.textContent === "callCONNECTED/none");
    expect(onError).not.toHaveBeenCalled();
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "join:ok"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.orderingErrors()).toEqual([]);
  });
});
