// @vitest-environment jsdom
// agora-rtc-react pages below one CloudProxyAgoraRTCProvider at the app root: a page that joins
// with useJoin and is left (unmounted) mid-join must leave, while the proxy stays for the app.
import "../support/realSdk";
import { isCloudProxyError } from "@agora-cloud-proxy/react";
import * as binding from "@agora-cloud-proxy/react/agora-rtc-react";
import BundledAgoraRTC, { useJoin as useAgoraJoin } from "agora-rtc-react";
import { afterEach, beforeEach, expect, it, vi, type MockInstance } from "vitest";
import { pause, releaseAfter, sdkView, within } from "./support/ownership";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { fakeSdk, JOIN, realSdk, sessionGone, until, type SdkUnderTest } from "./support/sdkUnderTest";

BundledAgoraRTC.setLogLevel(4);
BundledAgoraRTC.disableLogUpload();

const { CloudProxyAgoraRTCProvider } = binding;
// The drop-in useJoin comes with the redesign. Read off the module so this file compiles before
// it exists and each test fails on its own; typed as agora-rtc-react's useJoin, whose signature
// and result it keeps. (Once it exists: `import { useJoin } from ".../agora-rtc-react"`.)
const dropInUseJoin = (binding as Partial<{ useJoin: typeof useAgoraJoin }>).useJoin;
const useCloudProxyJoin: typeof useAgoraJoin = (...args) => {
  if (dropInUseJoin === undefined) throw new Error("@agora-cloud-proxy/react/agora-rtc-react exports no useJoin");
  return dropInUseJoin(...args);
};

const FETCH_ARGS = { appid: JOIN.appid, channel: JOIN.channel, token: JOIN.token, uid: JOIN.uid };
const LEFT = ["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok"];

/** A page joining with the drop-in useJoin; it shows the hook's whole result. */
function DropInPage({ ready = true }: { ready?: boolean }) {
  const { data, isLoading, isConnected, error } = useCloudProxyJoin(FETCH_ARGS, ready);
  return (
    <p>{`uid=${String(data)} loading=${String(isLoading)} connected=${String(isConnected)} error=${error?.name ?? "none"}`}</p>
  );
}

/** The same page with agora-rtc-react's own useJoin. */
function AgoraPage() {
  const { isLoading } = useAgoraJoin(FETCH_ARGS, true);
  return <p>{isLoading ? "joining" : "page"}</p>;
}

function App({ sdk, page, mode = "udp" }: { sdk: SdkUnderTest; page: React.ReactNode; mode?: "udp" | "tls" }) {
  return (
    <CloudProxyAgoraRTCProvider client={sdk.client} mode={mode}>
      {page}
    </CloudProxyAgoraRTCProvider>
  );
}

// useJoin implementations console.error the rejection of a join that an unmount overtook.
// Those (CANCELLED/DISPOSED) are expected; anything else (an SDK error, a React warning) is not.
let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  const logged = consoleError.mock.calls
    .filter(([first]) => !/Agora-SDK \[/.test(String(first)))
    .map(([first]) => (isCloudProxyError(first) ? first.code : String(first)));
  consoleError.mockRestore();
  expect(logged.filter((code) => code !== "CANCELLED" && code !== "DISPOSED")).toEqual([]);
});

describeEachReactMode("agora-rtc-react pages below CloudProxyAgoraRTCProvider (real SDK)", (mode) => {
  it("drop-in useJoin: a page unmounted 50 ms after mount (mid-join) leaves at once; the proxy stays proxy3, no stop", async (ctx) => {
    const sdk = await realSdk();
    const view = renderIn(mode, <App sdk={sdk} page={<DropInPage />} />);
    releaseAfter(ctx, [sdk], view.unmount);
    await pause(50);
    expect(sdk.client.connectionState).toBe("CONNECTING");
    expect(view.container.textContent).toMatch(/loading=true connected=false error=none$/);

    view.rerender(<App sdk={sdk} page={null} />);
    // As soon as the page goes: not when the provider unmounts, not when the join would settle.
    await within(300, () => expect(sdk.client.connectionState).toBe("DISCONNECTED"));
    await sdk.settled();
    expect(sdkView(sdk)).toEqual({ log: LEFT, state: "DISCONNECTED", proxy: "proxy3", errors: [] });

    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toEqual([...LEFT, "stopProxyServer:ok"]);
  });

  it("drop-in useJoin: ready turning false mid-join leaves; the proxy stays proxy3", async (ctx) => {
    const sdk = await realSdk();
    const view = renderIn(mode, <App sdk={sdk} page={<DropInPage ready />} />);
    releaseAfter(ctx, [sdk], view.unmount);
    await until(() => sdk.client.connectionState === "CONNECTING");

    view.rerender(<App sdk={sdk} page={<DropInPage ready={false} />} />);
    await within(2_000, () => expect(sdk.client.connectionState).toBe("DISCONNECTED"));
    await sdk.settled();
    expect(sdkView(sdk)).toEqual({ log: LEFT, state: "DISCONNECTED", proxy: "proxy3", errors: [] });
    expect(view.container.textContent).toMatch(/loading=false connected=false/);

    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toEqual([...LEFT, "stopProxyServer:ok"]);
  });

  it("documents today's behaviour: agora-rtc-react's own useJoin does not leave when its page unmounts mid-join; the call stays CONNECTING until the provider unmounts", async (ctx) => {
    const sdk = await realSdk();
    const view = renderIn(mode, <App sdk={sdk} page={<AgoraPage />} />);
    releaseAfter(ctx, [sdk], view.unmount);
    await pause(50);
    expect(sdk.client.connectionState).toBe("CONNECTING");

    view.rerender(<App sdk={sdk} page={null} />);
    // Its cleanup (the leave) is registered only once the join resolved, which it never does here.
    await pause(500);
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
});

describeEachReactMode("drop-in useJoin's result while CONNECTED (fake client)", (mode) => {
  it("returns { data: uid, isLoading: false, isConnected: true, error: null }; unmounting the page leaves, the proxy stays", async (ctx) => {
    const sdk = fakeSdk();
    const view = renderIn(mode, <App sdk={sdk} mode="tls" page={<DropInPage />} />);
    releaseAfter(ctx, [sdk], view.unmount);
    await until(() => view.container.textContent === "uid=1 loading=false connected=true error=none");
    expect(sdk.log()).toEqual(["startProxyServer(5):ok", "join:ok"]);

    view.rerender(<App sdk={sdk} mode="tls" page={null} />);
    await within(1_000, () => expect(sdk.client.connectionState).toBe("DISCONNECTED"));
    await sdk.settled();
    expect(sdkView(sdk)).toEqual({
      log: ["startProxyServer(5):ok", "join:ok", "leave:ok"],
      state: "DISCONNECTED",
      proxy: "proxy5",
      errors: [],
    });

    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toEqual(["startProxyServer(5):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
  });
});
