// @vitest-environment jsdom
import "../support/realSdk";
import { isCloudProxyError } from "@agora-cloud-proxy/react";
import { CloudProxyAgoraRTCProvider } from "@agora-cloud-proxy/react/agora-rtc-react";
import BundledAgoraRTC, { useIsConnected, useJoin, useRemoteUsers, useRTCClient } from "agora-rtc-react";
import { afterEach, beforeEach, expect, it, vi, type MockInstance } from "vitest";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { listenerCount, realProxyMode, recordSdkCalls, sdkSettled } from "../support/realSdk";
import { expectSdkReleased, fakeSdk, JOIN, realSdk, sessionGone, until } from "./support/sdkUnderTest";

// agora-rtc-react bundles its own copy of the SDK, with its own logger.
BundledAgoraRTC.setLogLevel(4);
BundledAgoraRTC.disableLogUpload();

/** A call UI written with agora-rtc-react's own hooks only. */
function AgoraReactCall() {
  useJoin({ appid: JOIN.appid, channel: JOIN.channel, token: JOIN.token, uid: JOIN.uid });
  const connected = useIsConnected();
  const remoteUsers = useRemoteUsers();
  return <p>{connected ? `connected, ${remoteUsers.length} remote` : "joining"}</p>;
}

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  // agora-rtc-react's task runner console.errors every rejection it sees, including our
  // CANCELLED/DISPOSED for a join that unmount overtook; that is noise here, not a failure.
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  // What agora-rtc-react logged is only ours, and only "overtaken" outcomes: no SDK error, no
  // React warning. (The SDK's own logger may still report that jsdom has no media devices.)
  const logged = consoleError.mock.calls
    .filter(([first]) => !/Agora-SDK \[/.test(String(first)))
    .map(([first]) => (isCloudProxyError(first) ? first.code : String(first)));
  consoleError.mockRestore();
  expect(logged.filter((code) => code !== "CANCELLED" && code !== "DISPOSED")).toEqual([]);
});

describeEachReactMode("agora-rtc-react's hooks inside CloudProxyAgoraRTCProvider", (mode) => {
  it("real SDK: useJoin mounted and unmounted: the SDK saw start -> join -> leave -> stop only", async () => {
    const sdk = await realSdk();
    const view = renderIn(
      mode,
      <CloudProxyAgoraRTCProvider client={sdk.client} mode="udp">
        <AgoraReactCall />
      </CloudProxyAgoraRTCProvider>,
    );
    await until(() => sdk.client.connectionState === "CONNECTING");
    expect(view.container.textContent).toBe("joining");
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:pending"]);

    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    expectSdkReleased(sdk);
  });

  it("fake client: useJoin reaches CONNECTED (useIsConnected, useRemoteUsers see it); unmount: start -> join -> leave -> stop only", async () => {
    const sdk = fakeSdk();
    const view = renderIn(
      mode,
      <CloudProxyAgoraRTCProvider client={sdk.client} mode="tls">
        <AgoraReactCall />
      </CloudProxyAgoraRTCProvider>,
    );
    await until(() => view.container.textContent === "connected, 0 remote");
    sdk.fake.fake.addRemoteUser(7, { audio: true });
    await until(() => view.container.textContent === "connected, 1 remote");
    await new Promise((resolve) => setTimeout(resolve, 20)); // StrictMode's replayed useJoin effect has run by now
    expect(sdk.log()).toEqual(["startProxyServer(5):ok", "join:ok"]);

    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toEqual(["startProxyServer(5):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
    expectSdkReleased(sdk);
    expect(sdk.fake.fake.listenerCount()).toBe(0);
  });
});

describeEachReactMode("a client from agora-rtc-react's bundled AgoraRTC", (mode) => {
  it("is accepted as it is typed, and ordered the same way: start -> join -> leave -> stop", async () => {
    const client = BundledAgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
    const calls = recordSdkCalls(client as never);
    const view = renderIn(
      mode,
      <CloudProxyAgoraRTCProvider client={client} mode="tls">
        <AgoraReactCall />
      </CloudProxyAgoraRTCProvider>,
    );
    await until(() => client.connectionState === "CONNECTING");
    view.unmount();
    await until(() => listenerCount(client as never, "connection-state-change") === 0);
    await sdkSettled(calls);
    expect(
      calls.map((call) => `${call.method}(${call.args.length ? String(call.args.at(-1)) : ""}):${call.outcome}`),
    ).toEqual(["startProxyServer(5):ok", "join(1):OPERATION_ABORTED", "leave():ok", "stopProxyServer():ok"]);
    expect(realProxyMode(client as never)).toBe("disabled");
  });
});

describeEachReactMode("agora-rtc-react's context", (mode) => {
  it("useRTCClient() is the session's guarded client, not the raw one", async () => {
    const sdk = fakeSdk();
    let seen: unknown = null;
    function Probe() {
      seen = useRTCClient();
      return null;
    }
    const view = renderIn(
      mode,
      <CloudProxyAgoraRTCProvider client={sdk.client}>
        <Probe />
      </CloudProxyAgoraRTCProvider>,
    );
    expect(seen).not.toBeNull();
    expect(seen).not.toBe(sdk.client);
    expect((seen as typeof sdk.client).connectionState).toBe("DISCONNECTED");
    view.unmount();
    await sessionGone(sdk);
  });
});
