// @vitest-environment jsdom
import "../support/realSdk";
import { CloudProxyProvider, type CloudProxyError } from "@agora-cloud-proxy/react";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { useState } from "react";
import { expect, it, vi } from "vitest";
import { JoinOnMount, StatusLine } from "./support/callComponents";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { JOIN, realSdk, sessionGone, until } from "./support/sdkUnderTest";

describeEachReactMode(
  "two providers",
  (mode) => {
    it("two providers with two clients run independently; unmounting one leaves the other in its call", async () => {
      const [a, b] = [await realSdk(), await realSdk()];
      function Two({ showA }: { showA: boolean }) {
        return (
          <>
            {showA && (
              <CloudProxyProvider client={a.client} mode="udp">
                <JoinOnMount />
              </CloudProxyProvider>
            )}
            <CloudProxyProvider client={b.client} mode="tls">
              <JoinOnMount options={{ ...JOIN, channel: "other" }} />
            </CloudProxyProvider>
          </>
        );
      }
      const view = renderIn(mode, <Two showA />);
      await until(() => a.client.connectionState === "CONNECTING" && b.client.connectionState === "CONNECTING");
      expect([a.proxyMode(), b.proxyMode()]).toEqual(["proxy3", "proxy5"]);

      view.rerender(<Two showA={false} />);
      await sessionGone(a);
      expect(a.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expect([b.client.connectionState, b.log()]).toEqual(["CONNECTING", ["startProxyServer(5):ok", "join:pending"]]);

      view.unmount();
      await sessionGone(b);
      expect(b.log()).toEqual(["startProxyServer(5):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
      expect([a.orderingErrors(), b.orderingErrors()]).toEqual([[], []]);
    });

    it("a second provider on a client another provider owns: CLIENT_IN_USE through onError, its fallback, and the first is untouched", async () => {
      const sdk = await realSdk();
      const onError = vi.fn<(error: CloudProxyError) => void>();
      const view = renderIn(
        mode,
        <>
          <CloudProxyProvider client={sdk.client}>
            <JoinOnMount />
          </CloudProxyProvider>
          <CloudProxyProvider client={sdk.client} mode="tls" onError={onError} fallback={<p>no second owner</p>}>
            <StatusLine />
          </CloudProxyProvider>
        </>,
      );
      await until(() => sdk.client.connectionState === "CONNECTING");
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError.mock.calls[0]![0]).toMatchObject({ name: "CloudProxyError", code: "CLIENT_IN_USE" });
      expect(view.container.textContent).toBe("callno second owner");
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:pending"]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    });
  },
  { concurrent: true },
);

describeEachReactMode(
  "client factories",
  (mode) => {
    it("an async factory is called once (StrictMode too); the fallback shows until it resolves, then the proxy starts", async () => {
      const sdk = await realSdk();
      let resolveClient!: (client: IAgoraRTCClient) => void;
      const factory = vi.fn(() => new Promise<IAgoraRTCClient>((resolve) => (resolveClient = resolve)));
      function App() {
        const [, setTick] = useState(0);
        return (
          <>
            <button type="button" onClick={() => setTick((tick) => tick + 1)}>
              re-render
            </button>
            {/* An inline factory: a new function every render must not create a new client. */}
            <CloudProxyProvider client={() => factory()} fallback={<p>loading</p>}>
              <StatusLine />
            </CloudProxyProvider>
          </>
        );
      }
      const view = renderIn(mode, <App />);
      expect(view.container.textContent).toBe("re-renderloading");
      view.getByRole("button").click();
      resolveClient(sdk.client);
      await until(() => view.container.textContent === "re-renderon/udp/DISCONNECTED");
      expect(factory).toHaveBeenCalledTimes(1);
      view.getByRole("button").click();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(factory).toHaveBeenCalledTimes(1);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok"]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "stopProxyServer:ok"]);
    });

    it("a sync factory works like an instance: children on the first commit after mount", async () => {
      const sdk = await realSdk();
      const view = renderIn(
        mode,
        <CloudProxyProvider client={() => sdk.client} mode="tls">
          <JoinOnMount />
        </CloudProxyProvider>,
      );
      expect(view.container.textContent).toBe("call");
      await until(() => sdk.client.connectionState === "CONNECTING");
      expect(sdk.log()).toEqual(["startProxyServer(5):ok", "join:pending"]);
      view.unmount();
      await sessionGone(sdk);
      expect(sdk.orderingErrors()).toEqual([]);
    });

    for (const [how, factory] of [
      ["rejects", () => Promise.reject(new TypeError("agora-rtc-sdk-ng failed to load"))],
      [
        "throws",
        () => {
          throw new TypeError("window is not defined");
        },
      ],
      ["returns something that is not a client", () => ({ join() {} }) as unknown as IAgoraRTCClient],
    ] as const) {
      it(`a factory that ${how}: onError gets INVALID_CLIENT, the fallback stays, nothing throws, no unhandled rejection`, async () => {
        const onError = vi.fn<(error: CloudProxyError) => void>();
        const view = renderIn(
          mode,
          <CloudProxyProvider client={factory} onError={onError} fallback={<p>proxy unavailable</p>}>
            <p>call UI</p>
          </CloudProxyProvider>,
        );
        await until(() => onError.mock.calls.length > 0);
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(onError).toHaveBeenCalledTimes(1);
        const error = onError.mock.calls[0]![0];
        expect(error).toMatchObject({ name: "CloudProxyError", code: "INVALID_CLIENT" });
        if (how !== "returns something that is not a client") expect(error.cause).toBeInstanceOf(TypeError);
        expect(view.container.textContent).toBe("proxy unavailable");
        view.unmount();
      });
    }

    it("an invalid mode from untyped code: INVALID_MODE through onError and the fallback; the SDK is never touched", async () => {
      const sdk = await realSdk();
      const onError = vi.fn<(error: CloudProxyError) => void>();
      const view = renderIn(
        mode,
        <CloudProxyProvider client={sdk.client} mode={4 as never} onError={onError} fallback={<p>bad mode</p>}>
          <JoinOnMount />
        </CloudProxyProvider>,
      );
      await until(() => onError.mock.calls.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError.mock.calls[0]![0]).toMatchObject({ code: "INVALID_MODE" });
      expect(view.container.textContent).toBe("bad mode");
      expect(sdk.log()).toEqual([]);
      view.unmount();
    });
  },
  { concurrent: true },
);
