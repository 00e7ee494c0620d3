// @vitest-environment jsdom
// Options are live on a mounted provider: a new onModeChange, fallbackAfterMs, routeMemory or
// routeTtlMs takes effect without a remount and never calls the SDK by itself.
import "../support/realSdk";
import {
  CloudProxyProvider,
  useCloudProxyClient,
  type CloudProxyModeInput,
  type ModeChangePolicy,
  type RouteMemory,
} from "@agora-cloud-proxy/react";
import { useEffect } from "react";
import { expect, it } from "vitest";
import { JoinOnMount } from "./support/callComponents";
import { pause, releaseAfter, sdkView } from "./support/ownership";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { fakeSdk, realSdk, sessionGone, until, type SdkUnderTest } from "./support/sdkUnderTest";

/** proxy/mode/desiredMode/connectionState: a deferred switch shows as mode != desiredMode. */
function StatusDetail() {
  const { status } = useCloudProxyClient();
  return <output>{`${status.proxy}/${status.mode}/${status.desiredMode}/${status.connectionState}`}</output>;
}

/** Counts the call's mounts: a provider that remounted its children would mount it again. */
function Mounts({ count }: { count: { mounts: number } }) {
  useEffect(() => {
    count.mounts += 1;
  }, [count]);
  return null;
}

interface Props {
  sdk: SdkUnderTest;
  count: { mounts: number };
  mode?: CloudProxyModeInput;
  policy?: ModeChangePolicy;
  fallbackAfterMs?: number;
  routeMemory?: RouteMemory;
  routeTtlMs?: number;
}

function Call({ sdk, count, mode = "udp", policy, ...routing }: Props) {
  return (
    <CloudProxyProvider client={sdk.client} mode={mode} onModeChange={policy} {...routing}>
      <JoinOnMount />
      <Mounts count={count} />
      <StatusDetail />
    </CloudProxyProvider>
  );
}

const memory = (): RouteMemory => ({ read: () => null, write: () => {} });

describeEachReactMode(
  "live options on a mounted provider",
  (reactMode) => {
    it("fake, CONNECTED: onModeChange rejoin -> defer takes effect without a remount; a later mode change is deferred (no leave), proxy 'on' with desiredMode != mode", async (ctx) => {
      const sdk = fakeSdk();
      const count = { mounts: 0 };
      const view = renderIn(reactMode, <Call sdk={sdk} count={count} policy="rejoin" />);
      releaseAfter(ctx, [sdk], view.unmount);
      await until(() => view.container.textContent === "callon/udp/udp/CONNECTED");
      const mounts = count.mounts;

      view.rerender(<Call sdk={sdk} count={count} policy="defer" />);
      await pause(30);
      expect(sdkView(sdk)).toEqual({
        log: ["startProxyServer(3):ok", "join:ok"],
        state: "CONNECTED",
        proxy: "proxy3",
        errors: [],
      });
      expect(count.mounts).toBe(mounts);

      view.rerender(<Call sdk={sdk} count={count} policy="defer" mode="tls" />);
      await pause(50);
      expect(sdkView(sdk)).toEqual({
        log: ["startProxyServer(3):ok", "join:ok"],
        state: "CONNECTED",
        proxy: "proxy3",
        errors: [],
      });
      expect(view.container.textContent).toBe("callon/udp/tls/CONNECTED");
      expect(count.mounts).toBe(mounts);

      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
      expect(sdk.orderingErrors()).toEqual([]);
    });

    it("real SDK, CONNECTING: onModeChange rejoin -> defer, then mode='tls': the SDK sees nothing, the join stays", async (ctx) => {
      const sdk = await realSdk();
      const count = { mounts: 0 };
      const view = renderIn(reactMode, <Call sdk={sdk} count={count} policy="rejoin" />);
      releaseAfter(ctx, [sdk], view.unmount);
      await until(() => view.container.textContent === "callon/udp/udp/CONNECTING");

      view.rerender(<Call sdk={sdk} count={count} policy="defer" />);
      view.rerender(<Call sdk={sdk} count={count} policy="defer" mode="tls" />);
      await pause(50);
      expect(sdkView(sdk)).toEqual({
        log: ["startProxyServer(3):ok", "join:pending"],
        state: "CONNECTING",
        proxy: "proxy3",
        errors: [],
      });
      expect(view.container.textContent).toBe("callon/udp/tls/CONNECTING");

      view.unmount();
      await sessionGone(sdk);
      expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    });

    for (const mode of ["udp", "auto"] as const) {
      it(`real SDK, mode="${mode}", in a call: new fallbackAfterMs, routeMemory and routeTtlMs props never call the SDK`, async (ctx) => {
        const sdk = await realSdk();
        const count = { mounts: 0 };
        const view = renderIn(reactMode, <Call sdk={sdk} count={count} mode={mode} />);
        releaseAfter(ctx, [sdk], view.unmount);
        await until(() => sdk.client.connectionState === "CONNECTING");
        await pause(20);
        const before = sdkView(sdk);
        const mounts = count.mounts;

        view.rerender(<Call sdk={sdk} count={count} mode={mode} fallbackAfterMs={60_000} />);
        view.rerender(<Call sdk={sdk} count={count} mode={mode} fallbackAfterMs={60_000} routeMemory={memory()} />);
        view.rerender(
          <Call
            sdk={sdk}
            count={count}
            mode={mode}
            fallbackAfterMs={60_000}
            routeMemory={memory()}
            routeTtlMs={1_000}
          />,
        );
        await pause(50);
        expect(sdkView(sdk)).toEqual(before);
        expect(before.state).toBe("CONNECTING");
        expect(count.mounts).toBe(mounts);

        view.unmount();
        await sessionGone(sdk);
        expect(sdkView(sdk)).toMatchObject({ state: "DISCONNECTED", proxy: "disabled", errors: [] });
      });
    }
  },
  { concurrent: true },
);
