// @vitest-environment jsdom
// Two providers for one client (a layout's and a page's): the second waits behind its fallback
// with CLIENT_IN_USE, and takes the client over when the first unmounts, keeping the proxy
// (switching it straight to its own mode) instead of stopping and starting it again.
import "../support/realSdk";
import { CloudProxyProvider, useCloudProxyClient, type CloudProxyError } from "@agora-cloud-proxy/react";
import { expect, it, vi } from "vitest";
import { JoinButton, pause, releaseAfter, sdkView, within } from "./support/ownership";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { realSdk, sessionGone, until, type SdkUnderTest } from "./support/sdkUnderTest";

/** proxy/mode/connectionState/error, as the page shows it. */
function PageStatus() {
  const { status } = useCloudProxyClient();
  return (
    <output>{`${status.proxy}/${status.mode}/${status.connectionState}/${status.error?.code ?? "no error"}`}</output>
  );
}

interface AppProps {
  sdk: SdkUnderTest;
  layout: boolean;
  layoutMode: "udp" | "tls";
  pageMode: "udp" | "tls";
  onError: (error: CloudProxyError) => void;
}

function App({ sdk, layout, layoutMode, pageMode, onError }: AppProps) {
  return (
    <>
      {layout && (
        <CloudProxyProvider client={sdk.client} mode={layoutMode}>
          <JoinButton />
        </CloudProxyProvider>
      )}
      <CloudProxyProvider client={sdk.client} mode={pageMode} onError={onError} fallback={<p>waiting</p>}>
        <PageStatus />
      </CloudProxyProvider>
    </>
  );
}

describeEachReactMode(
  "a second provider for a client another provider holds (real SDK)",
  (mode) => {
    for (const [layoutMode, pageMode, afterTakeover] of [
      ["udp", "tls", ["startProxyServer(3):ok", "startProxyServer(5):ok"]],
      ["udp", "udp", ["startProxyServer(3):ok"]],
    ] as const) {
      it(`layout ${layoutMode}, page ${pageMode}: CLIENT_IN_USE and the fallback; when the layout unmounts the page takes over: ${afterTakeover.join(", ")} and no stop`, async (ctx) => {
        const sdk = await realSdk();
        const onError = vi.fn<(error: CloudProxyError) => void>();
        const props = { sdk, layoutMode, pageMode, onError } as const;
        const view = renderIn(mode, <App {...props} layout />);
        releaseAfter(ctx, [sdk], view.unmount);
        await until(() => sdk.proxyMode() === "proxy3" && onError.mock.calls.length > 0);
        await pause(20);
        expect(onError).toHaveBeenCalledTimes(1);
        expect(onError.mock.calls[0]![0]).toMatchObject({ name: "CloudProxyError", code: "CLIENT_IN_USE" });
        expect(view.container.textContent).toBe("joinwaiting");

        view.rerender(<App {...props} layout={false} />);
        const shown = `on/${pageMode}/DISCONNECTED/no error`;
        await within(1_000, () => expect(view.container.textContent).toBe(shown));
        await pause(50);
        expect(sdkView(sdk)).toEqual({
          log: afterTakeover,
          state: "DISCONNECTED",
          proxy: pageMode === "tls" ? "proxy5" : "proxy3",
          errors: [],
        });
        expect(onError).toHaveBeenCalledTimes(1);

        view.unmount();
        await sessionGone(sdk);
        expect(sdk.log()).toEqual([...afterTakeover, "stopProxyServer:ok"]);
      });
    }

    it("the layout was in a call: the takeover drops that call (leave) and switches straight to the page's proxy5", async (ctx) => {
      const sdk = await realSdk();
      const onError = vi.fn<(error: CloudProxyError) => void>();
      const props = { sdk, layoutMode: "udp", pageMode: "tls", onError } as const;
      const view = renderIn(mode, <App {...props} layout />);
      releaseAfter(ctx, [sdk], view.unmount);
      await until(() => sdk.proxyMode() === "proxy3");
      view.getByRole("button").click();
      await until(() => sdk.client.connectionState === "CONNECTING");

      view.rerender(<App {...props} layout={false} />);
      await within(2_000, () => expect(view.container.textContent).toBe("on/tls/DISCONNECTED/no error"));
      await sdk.settled();
      const log = ["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "startProxyServer(5):ok"];
      expect(sdkView(sdk)).toEqual({ log, state: "DISCONNECTED", proxy: "proxy5", errors: [] });

      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual([...log, "stopProxyServer:ok"]);
    });
  },
  { concurrent: true },
);
