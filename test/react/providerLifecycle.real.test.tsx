// @vitest-environment jsdom
import "../support/realSdk";
import { CloudProxyProvider, useCloudProxyClient, type CloudProxyError } from "@agora-cloud-proxy/react";
import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import { describe, expect, it, vi } from "vitest";
import { JoinOnMount, StatusLine } from "./support/callComponents";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { expectSdkReleased, JOIN, realSdk, sessionGone, until } from "./support/sdkUnderTest";

describeEachReactMode(
  "CloudProxyProvider lifetime on the real SDK",
  (mode) => {
    it("mount turns the proxy on once; unmount while DISCONNECTED stops it and removes every listener", async () => {
      const sdk = await realSdk();
      const view = renderIn(
        mode,
        <CloudProxyProvider client={sdk.client}>
          <StatusLine />
        </CloudProxyProvider>,
      );
      await until(() => view.container.textContent === "on/udp/DISCONNECTED");
      expect(sdk.proxyMode()).toBe("proxy3");

      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "stopProxyServer:ok"]);
      expect(sdk.proxyMode()).toBe("disabled");
      expect(sdk.orderingErrors()).toEqual([]);
    });

    it("a call that joins on mount: one start, one join; unmount while CONNECTING leaves, then stops the proxy", async () => {
      const sdk = await realSdk();
      const view = renderIn(
        mode,
        <CloudProxyProvider client={sdk.client}>
          <JoinOnMount />
          <StatusLine />
        </CloudProxyProvider>,
      );
      await until(() => view.container.textContent === "callon/udp/CONNECTING");
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:pending"]);

      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expectSdkReleased(sdk);
    });

    it("unmount during a pending join: the join settles DISPOSED (no unhandled rejection) and the SDK leaves, then stops", async () => {
      const sdk = await realSdk();
      const joins: Promise<UID>[] = [];
      const onJoin = (joined: Promise<UID>) => joins.push(joined);
      const view = renderIn(
        mode,
        <CloudProxyProvider client={sdk.client}>
          <JoinOnMount leaveOnUnmount={false} onJoin={onJoin} />
        </CloudProxyProvider>,
      );
      await until(() => sdk.client.connectionState === "CONNECTING");
      view.unmount();
      await expect(joins.at(-1)).rejects.toMatchObject({ name: "CloudProxyError", code: "DISPOSED" });
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expect(sdk.orderingErrors()).toEqual([]);
    });

    it("a remount in the same commit (new key) keeps the session: the SDK sees nothing new", async () => {
      const sdk = await realSdk();
      const view = renderIn(
        mode,
        <CloudProxyProvider key="a" client={sdk.client}>
          <JoinOnMount />
        </CloudProxyProvider>,
      );
      await until(() => sdk.client.connectionState === "CONNECTING");
      view.rerender(
        <CloudProxyProvider key="b" client={sdk.client}>
          <JoinOnMount />
        </CloudProxyProvider>,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:pending"]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    });

    it("a new client instance: the old session leaves and stops, the new client gets the proxy", async () => {
      const [a, b] = [await realSdk(), await realSdk()];
      const view = renderIn(
        mode,
        <CloudProxyProvider client={a.client}>
          <JoinOnMount />
        </CloudProxyProvider>,
      );
      await until(() => a.client.connectionState === "CONNECTING");
      view.rerender(
        <CloudProxyProvider client={b.client}>
          <JoinOnMount />
        </CloudProxyProvider>,
      );
      await until(() => b.client.connectionState === "CONNECTING");
      await sessionGone(a);
      expect(a.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expect(b.log()).toEqual(["startProxyServer(3):ok", "join:pending"]);
      view.unmount();
      await sessionGone(b);
      expect([a.orderingErrors(), b.orderingErrors()]).toEqual([[], []]);
      expect([a.proxyMode(), b.proxyMode()]).toEqual(["disabled", "disabled"]);
    });
  },
  { concurrent: true },
);

function OwnCall({ client, onError }: { client: IAgoraRTCClient; onError?: (error: CloudProxyError) => void }) {
  const call = useCloudProxyClient({ client, mode: "tls", onError });
  if (!call) return <p>starting</p>;
  return (
    <button type="button" onClick={() => void call.join(JOIN)}>
      {call.status.proxy}/{call.status.connectionState}
    </button>
  );
}

describeEachReactMode(
  "useCloudProxyClient({ client }) without a provider",
  (mode) => {
    it("owns a session for the component's lifetime: null first, then the call; unmount leaves and stops", async () => {
      const sdk = await realSdk();
      const view = renderIn(mode, <OwnCall client={sdk.client} />);
      await until(() => view.container.textContent === "on/DISCONNECTED");
      view.getByRole("button").click();
      await until(() => view.container.textContent === "on/CONNECTING");
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(5):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expect(sdk.orderingErrors()).toEqual([]);
    });
  },
  { concurrent: true },
);

describe("status.error and onError", () => {
  it("a join with bad options lands in status.error and onError as INVALID_JOIN_OPTIONS, and never reaches the SDK", async () => {
    const sdk = await realSdk();
    const onError = vi.fn();
    function BadJoin() {
      const { join, status } = useCloudProxyClient();
      return (
        <button type="button" onClick={() => void join({ appid: "", channel: "support" })}>
          {status.error?.code ?? "no error"}
        </button>
      );
    }
    const view = renderIn(
      { name: "plain", wrap: (ui) => ui },
      <CloudProxyProvider client={sdk.client} onError={onError}>
        <BadJoin />
      </CloudProxyProvider>,
    );
    await until(() => sdk.proxyMode() === "proxy3");
    view.getByRole("button").click();
    await until(() => view.container.textContent === "INVALID_JOIN_OPTIONS");
    await until(() => onError.mock.calls.length === 1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ name: "CloudProxyError", code: "INVALID_JOIN_OPTIONS" });
    expect(sdk.log()).toEqual(["startProxyServer(3):ok"]);
    view.unmount();
    await sessionGone(sdk);
  });
});
