// @vitest-environment jsdom
// Issue 6, faults and recovery through the React layer (fake client): for each fault, what
// the user sees (status), the error code, and that the next action (retry, unmount, remount)
// still works, with no ordering error and no unhandled rejection.
import {
  CloudProxyProvider,
  useCloudProxyClient,
  type CloudProxyError,
  type CloudProxyOptions,
  type UseCloudProxyClientResult,
} from "@agora-cloud-proxy/react";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { useEffect } from "react";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { fakeSdk, JOIN, sessionGone, until } from "./support/sdkUnderTest";

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on("unhandledRejection", onUnhandled));
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

interface Probe {
  call: UseCloudProxyClientResult | null;
}

/** What the user sees: proxy/mode/connection/error code. */
function StatusView({ probe }: { probe: Probe }) {
  const call = useCloudProxyClient();
  useEffect(() => {
    probe.call = call;
  });
  const { status } = call;
  return <output>{`${status.proxy}/${status.mode ?? "none"}/${status.connectionState}/${status.error?.code ?? "ok"}`}</output>; // prettier-ignore
}

function setup(reactMode: Parameters<typeof renderIn>[0], extra: Partial<CloudProxyOptions> = {}) {
  const sdk = fakeSdk({ joinLatencyMs: 2, leaveLatencyMs: 1 });
  const errors: CloudProxyError[] = [];
  const probe: Probe = { call: null };
  const view = renderIn(
    reactMode,
    <CloudProxyProvider client={sdk.client} onError={(error) => errors.push(error)} {...extra}>
      <StatusView probe={probe} />
    </CloudProxyProvider>,
  );
  const text = () => view.container.textContent;
  return { sdk, errors, probe, view, text };
}

describeEachReactMode("faults and recovery through the React layer (fake client)", (reactMode) => {
  it("join rejected by the SDK: the user sees DISCONNECTED with JOIN_FAILED; a retry joins", async () => {
    const { sdk, errors, probe, view, text } = setup(reactMode);
    await until(() => text() === "on/udp/DISCONNECTED/ok");
    sdk.fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER");
    await expect(probe.call!.join(JOIN)).rejects.toMatchObject({ code: "JOIN_FAILED", sdkCode: "CAN_NOT_GET_GATEWAY_SERVER" }); // prettier-ignore
    await until(() => text() === "on/udp/DISCONNECTED/JOIN_FAILED");
    expect(errors.map((error) => error.code)).toEqual(["JOIN_FAILED"]);
    await expect(probe.call!.join(JOIN)).resolves.toBe(JOIN.uid);
    await until(() => text() === "on/udp/CONNECTED/ok");
    view.unmount();
    await sessionGone(sdk);
    expect([sdk.client.connectionState, sdk.proxyMode(), sdk.orderingErrors()]).toEqual(["DISCONNECTED", "disabled", []]); // prettier-ignore
  });

  it("leave rejected by the SDK: the user still sees CONNECTED with LEAVE_FAILED; unmount then leaves and stops the proxy", async () => {
    const { sdk, errors, probe, view, text } = setup(reactMode);
    await until(() => probe.call !== null);
    await probe.call!.join(JOIN);
    sdk.fake.fake.failNextLeave("UNEXPECTED_ERROR");
    await expect(probe.call!.leave()).rejects.toMatchObject({ code: "LEAVE_FAILED" });
    await until(() => text() === "on/udp/CONNECTED/LEAVE_FAILED");
    expect(errors.map((error) => error.code)).toEqual(["LEAVE_FAILED"]);
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:UNEXPECTED_ERROR", "leave:ok", "stopProxyServer:ok"]); // prettier-ignore
    expect([sdk.client.connectionState, sdk.proxyMode(), sdk.orderingErrors()]).toEqual(["DISCONNECTED", "disabled", []]); // prettier-ignore
  });

  it("a client factory that rejects: the fallback stays with INVALID_CLIENT; remounting with a good factory works", async () => {
    const fake = createFakeAgoraClient({ joinLatencyMs: 1 });
    const errors: CloudProxyError[] = [];
    const probe: Probe = { call: null };
    const ui = (key: string, factory: CloudProxyOptions["client"]) => (
      <CloudProxyProvider key={key} client={factory} onError={(error) => errors.push(error)} fallback={<p>loading</p>}>
        <StatusView probe={probe} />
      </CloudProxyProvider>
    );
    const view = renderIn(
      reactMode,
      ui("bad", () => Promise.reject(new Error("chunk load failed"))),
    );
    await until(() => errors.length > 0);
    expect(view.container.textContent).toBe("loading");
    expect(errors.map((error) => error.code)).toEqual(["INVALID_CLIENT"]);
    view.rerender(ui("good", () => Promise.resolve(asAgoraRTCClient(fake))));
    await until(() => view.container.textContent === "on/udp/DISCONNECTED/ok");
    await probe.call!.join(JOIN);
    await until(() => view.container.textContent === "on/udp/CONNECTED/ok");
    view.unmount();
    await until(() => fake.fake.listenerCount() === 0);
    expect([fake.connectionState, fake._cloudProxyServerMode]).toEqual(["DISCONNECTED", "disabled"]);
    expect(errors).toHaveLength(1);
  });

  it("setProxyServer() set on the client first: PROXY_CONFLICT, the SDK never threw at the app; unmount is clean", async () => {
    const sdk = fakeSdk({ joinLatencyMs: 1 });
    sdk.client.setProxyServer("proxy.example.com");
    const errors: CloudProxyError[] = [];
    const probe: Probe = { call: null };
    const view = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} mode="tls" onError={(error) => errors.push(error)}>
        <StatusView probe={probe} />
      </CloudProxyProvider>,
    );
    await until(() => errors.length > 0);
    expect(errors.map((error) => error.code)).toEqual(["PROXY_CONFLICT"]);
    await until(() => /\/PROXY_CONFLICT$/.test(view.container.textContent ?? ""));
    expect(view.container.textContent).toBe("off/none/DISCONNECTED/PROXY_CONFLICT");
    // The next action: switching the proxy off (the conflict's advice) clears the error.
    await probe.call!.setProxy("off");
    await until(() => view.container.textContent === "off/none/DISCONNECTED/ok");
    view.unmount();
    await sessionGone(sdk);
    expect(sdk.client.connectionState).toBe("DISCONNECTED");
    // The SDK's one INVALID_OPERATION is its conflict check ("already set the proxy"), which
    // the session caught and turned into PROXY_CONFLICT; none is an ordering error.
    const invalid = sdk.fake.fake.calls.filter((call) => call.code === "INVALID_OPERATION");
    expect(invalid.map((call) => [call.method, /already set the proxy/i.test(call.message ?? "")])).toEqual([
      ["startProxyServer", true],
    ]);
  });

  it("network lost while CONNECTED with reconnect={false}: the user sees DISCONNECTED with CONNECTION_LOST; joining again works", async () => {
    const { sdk, errors, probe, view, text } = setup(reactMode, { reconnect: false });
    await until(() => probe.call !== null);
    await probe.call!.join(JOIN);
    await sdk.fake.fake.dropNetwork({ reconnectingMs: 2 });
    await until(() => text() === "on/udp/DISCONNECTED/CONNECTION_LOST");
    expect(errors.map((error) => error.code)).toEqual(["CONNECTION_LOST"]);
    expect(probe.call!.status.joinRequested).toBe(false);
    await probe.call!.join(JOIN);
    await until(() => text() === "on/udp/CONNECTED/ok");
    view.unmount();
    await sessionGone(sdk);
    expect([sdk.client.connectionState, sdk.proxyMode(), sdk.orderingErrors()]).toEqual(["DISCONNECTED", "disabled", []]); // prettier-ignore
  });
});
