// @vitest-environment jsdom
// mode="auto" through the React layer, on the fake client (the direct route "hangs" with
// fake.hangNextJoin(), as behind a firewall): the provider passes fallbackAfterMs,
// routeMemory and onRouteChange to the session, and useCloudProxyDiagnostics() shows the route,
// the attempts and a bounded, secret-free history.
import {
  CloudProxyProvider,
  useCloudProxyClient,
  useCloudProxyDiagnostics,
  type CloudProxyDiagnostics,
  type CloudProxyRoute,
  type UseCloudProxyClientResult,
} from "@agora-cloud-proxy/react";
import { useEffect } from "react";
import { expect, it } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { expectSdkReleased, fakeSdk, JOIN, sessionGone, until } from "./support/sdkUnderTest";

const SECRET_TOKEN = "007eJxSecretTokenThatMustNeverShowUp0123456789";

interface Probe {
  call: UseCloudProxyClientResult | null;
  diagnostics: CloudProxyDiagnostics | null;
}

function Diagnostics({ probe }: { probe: Probe }) {
  const diagnostics = useCloudProxyDiagnostics();
  const call = useCloudProxyClient();
  useEffect(() => {
    probe.diagnostics = diagnostics;
    probe.call = call;
  });
  return (
    <output>
      {diagnostics.route ?? "none"}/{diagnostics.attempts.map((a) => `${a.route}:${a.outcome}`).join(",")}
    </output>
  );
}

describeEachReactMode('useCloudProxyDiagnostics() with mode="auto" (fake client)', (reactMode) => {
  it("direct never connects: after fallbackAfterMs the route goes direct -> udp, attempts and onRouteChange say so", async () => {
    const sdk = fakeSdk({ joinLatencyMs: 2, leaveLatencyMs: 1 });
    const routes: (CloudProxyRoute | null)[] = [];
    const routeMemory = freshRouteMemory();
    const probe: Probe = { call: null, diagnostics: null };
    const view = renderIn(
      reactMode,
      <CloudProxyProvider
        client={sdk.client}
        mode="auto"
        fallbackAfterMs={30}
        routeMemory={routeMemory}
        onRouteChange={(route) => routes.push(route)}
      >
        <Diagnostics probe={probe} />
      </CloudProxyProvider>,
    );
    await until(() => probe.call !== null);
    sdk.fake.fake.hangNextJoin();
    const uid = await probe.call!.join({ ...JOIN, token: SECRET_TOKEN });
    expect(uid).toBe(JOIN.uid);
    await until(() => view.container.textContent === "udp/direct:timeout,udp:connected");

    expect(sdk.log()).toEqual(["join:OPERATION_ABORTED", "leave:ok", "startProxyServer(3):ok", "join:ok"]);
    // Between the cancelled direct join and the UDP join no route is in flight: null.
    expect(routes).toEqual(["direct", null, "udp"]);
    const diagnostics = probe.diagnostics!;
    expect(diagnostics).toMatchObject({ route: "udp", usingCloudProxy: true });
    expect(diagnostics.attempts.map((a) => [a.route, a.outcome, a.errorCode])).toEqual([
      ["direct", "timeout", null],
      ["udp", "connected", null],
    ]);
    expect(diagnostics.attempts[0]!.ms).toBeGreaterThanOrEqual(25); // timers may fire a tick early;
    expect(diagnostics.history.filter((h) => h.kind === "call").map((h) => `${h.name}:${h.detail ?? ""}`)).toEqual([
      "join:direct",
      "leave:",
      "startProxyServer:3",
      "join:udp",
    ]);
    expect(diagnostics.history.map((h) => h.kind === "state" && h.name)).toContain("CONNECTED");
    expect(routeMemory.entry).toMatchObject({ route: "udp" });

    view.unmount();
    await sessionGone(sdk);
    expectSdkReleased(sdk);
    // After unmount the owner reports nothing more (the session disposes after React let go).
    expect(routes).toEqual(["direct", null, "udp"]);
  });

  it("the remembered route is where the next provider starts: a new mount joins through UDP at once", async () => {
    const sdk = fakeSdk({ joinLatencyMs: 2, leaveLatencyMs: 1 });
    const routeMemory = freshRouteMemory({ route: "udp", at: Date.now() });
    const probe: Probe = { call: null, diagnostics: null };
    const view = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} mode="auto" fallbackAfterMs={30} routeMemory={routeMemory}>
        <Diagnostics probe={probe} />
      </CloudProxyProvider>,
    );
    await until(() => probe.call !== null);
    await probe.call!.join(JOIN);
    await until(() => view.container.textContent === "udp/udp:connected");
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.proxyMode()).toBe("disabled");
  });

  it("routeTtlMs: a remembered proxy route older than the TTL is re-probed direct first", async () => {
    const sdk = fakeSdk({ joinLatencyMs: 2, leaveLatencyMs: 1 });
    const routeMemory = freshRouteMemory({ route: "tls", at: Date.now() - 10_000 });
    const probe: Probe = { call: null, diagnostics: null };
    const view = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} mode="auto" routeTtlMs={1_000} routeMemory={routeMemory}>
        <Diagnostics probe={probe} />
      </CloudProxyProvider>,
    );
    await until(() => probe.call !== null);
    await probe.call!.join(JOIN);
    await until(() => view.container.textContent === "direct/direct:connected");
    expect(sdk.log()).toEqual(["join:ok"]);
    expect(routeMemory.entry).toMatchObject({ route: "direct" });
    view.unmount();
    await sessionGone(sdk);
  });

  it("the history stays bounded to 50 entries over many cycles and never holds the App ID or token", async () => {
    const sdk = fakeSdk({ joinLatencyMs: 0, leaveLatencyMs: 0 });
    const probe: Probe = { call: null, diagnostics: null };
    const view = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} mode="auto" fallbackAfterMs={30} routeMemory={freshRouteMemory()}>
        <Diagnostics probe={probe} />
      </CloudProxyProvider>,
    );
    await until(() => probe.call !== null);
    for (let cycle = 0; cycle < 20; cycle += 1) {
      await probe.call!.join({ ...JOIN, token: SECRET_TOKEN });
      await probe.call!.leave();
    }
    await until(() => probe.diagnostics!.history.length === 50);
    const { history } = probe.diagnostics!;
    expect(history).toHaveLength(50);
    expect(history.every((entry, i) => i === 0 || entry.at >= history[i - 1]!.at)).toBe(true);
    const text = JSON.stringify(history);
    expect(text).not.toContain(JOIN.appid);
    expect(text).not.toContain(SECRET_TOKEN);
    expect(history.slice(-2).map((h) => `${h.kind}:${h.name}`)).toEqual(["state:DISCONNECTED", "result:leave"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.orderingErrors()).toEqual([]);
  });

  it("outside a provider it throws a message that says what to add", () => {
    function Lonely() {
      useCloudProxyDiagnostics();
      return null;
    }
    const original = console.error;
    console.error = () => {};
    // React 18 reports a render error to window "error" too (jsdom prints it): keep it quiet.
    const quiet = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener("error", quiet);
    try {
      expect(() => renderIn(reactMode, <Lonely />)).toThrow(
        /useCloudProxyDiagnostics\(\) was called outside <CloudProxyProvider>/,
      );
    } finally {
      window.removeEventListener("error", quiet);
      console.error = original;
    }
  });
});
