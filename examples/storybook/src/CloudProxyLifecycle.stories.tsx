import {
  cloudProxyStory,
  getFakeAgoraClient,
  loadFakeAgoraClient,
  sdkCalls,
  withCloudProxy,
  type CloudProxyStoryParameters,
} from "@agora-cloud-proxy/testing/storybook";
import type { Decorator, Loader, Meta, StoryObj } from "@storybook/react-vite";
import { useEffect, useRef, useState } from "react";
import { expect, waitFor } from "storybook/test";
import { CallPanel } from "./CallPanel";

// The package types its decorator and loader without Storybook; these lines prove they fit
// Storybook's own types (checked by `tsc -p examples/storybook`).
withCloudProxy satisfies Decorator;
loadFakeAgoraClient satisfies Loader;

/**
 * Every lifecycle state of a cloud proxy session, each on a fresh fake client from
 * `@agora-cloud-proxy/testing` (which enforces the SDK's ordering rules). Each play function
 * drives the story like a user and asserts the SDK call log: what the SDK saw, in order.
 */
const meta = {
  title: "Cloud proxy/Lifecycle",
  component: CallPanel,
  ...cloudProxyStory,
} satisfies Meta<typeof CallPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

const cloudProxy = (parameters: CloudProxyStoryParameters) => ({ cloudProxy: parameters });

/** Waits for the frame's bar to show the proxy the SDK runs now ("udp", "tls", "none"). */
async function proxyInForceIs(canvasElement: HTMLElement, text: string): Promise<void> {
  await waitFor(
    () => expect(canvasElement.querySelector('[data-testid="story-proxy-in-force"]')?.textContent).toBe(text),
    { timeout: 5_000 },
  );
}

/** Waits for a status field of the story's call panel to read `text`. */
async function statusIs(canvasElement: HTMLElement, field: string, text: string): Promise<void> {
  await waitFor(() => expect(canvasElement.querySelector(`[data-testid="status-${field}"]`)?.textContent).toBe(text), {
    timeout: 5_000,
  });
}

export const ProxyStarting: Story = {
  name: "Proxy starting (waits for the SDK to leave)",
  parameters: cloudProxy({
    // The app joined directly before the provider mounted, and the SDK's leave is slow (here:
    // it never finishes). startProxyServer() is only legal once DISCONNECTED, so it waits.
    client: { leaveLatencyMs: 3_600_000 },
    setup: async (client) => {
      await client.join("appid", "joined-before-the-provider", null);
    },
  }),
  play: async ({ canvasElement, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await statusIs(canvasElement, "proxy", "starting");
    await statusIs(canvasElement, "connection", "DISCONNECTING");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(sdkCalls(client)).toEqual(["join", "leave()"]);
    await expect(client._cloudProxyServerMode).toBe("disabled");
  },
};

export const ProxyOn: Story = {
  name: "Proxy on (mounted, not joined)",
  play: async ({ canvasElement, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await statusIs(canvasElement, "proxy", "on");
    await expect(sdkCalls(client)).toEqual(["startProxyServer(3)"]);
    await expect(client._cloudProxyServerMode).toBe("proxy3");
    await expect(client.connectionState).toBe("DISCONNECTED");
  },
};

export const Joined: Story = {
  name: "Joined through the proxy",
  parameters: cloudProxy({ client: { joinLatencyMs: 400 } }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await statusIs(canvasElement, "connection", "CONNECTED");
    await statusIs(canvasElement, "using-proxy", "true");
    await expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join"]);
    await expect(client.fake.calls.map((call) => call.outcome)).toEqual(["ok", "ok"]);
    // In the call: Join has nothing left to do, Leave has.
    await expect(canvas.getByRole("button", { name: "Join" })).toBeDisabled();
    await expect(canvas.getByRole("button", { name: "Leave" })).toBeEnabled();
    await proxyInForceIs(canvasElement, "udp");
  },
};

export const StuckBehindFirewall: Story = {
  name: "Stuck CONNECTING behind a firewall (proxy off)",
  parameters: cloudProxy({
    mode: "off",
    // `offline`: every join stays CONNECTING, as the real SDK does when a firewall drops
    // its traffic to Agora. Without the proxy nothing gets through.
    client: { offline: true },
  }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await statusIs(canvasElement, "connection", "CONNECTING");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await statusIs(canvasElement, "connection", "CONNECTING");
    await expect(sdkCalls(client)).toEqual(["join"]);
    await expect(client.fake.calls[0]?.outcome).toBe("pending");
    await expect(client.fake.hasPendingJoin).toBe(true);
  },
};

export const RescuedByTheProxy: Story = {
  name: "Firewall: turning the proxy on rescues the join",
  parameters: cloudProxy({
    mode: "off",
    client: { joinLatencyMs: 300 },
    setup: (client) => client.fake.hangNextJoin(),
  }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await statusIs(canvasElement, "connection", "CONNECTING");
    await userEvent.click(canvas.getByRole("button", { name: "UDP" }));
    await statusIs(canvasElement, "connection", "CONNECTED");
    await statusIs(canvasElement, "mode", "udp");
    // The only legal path: leave the stuck join, start the proxy, join again.
    await expect(sdkCalls(client)).toEqual(["join", "leave()", "startProxyServer(3)", "join"]);
    await expect(client.fake.calls[0]?.code).toBe("OPERATION_ABORTED");
  },
};

export const AutoEscalates: Story = {
  name: 'Mode "auto": direct times out, the UDP proxy connects',
  parameters: cloudProxy({
    mode: "auto",
    fallbackAfterMs: 800,
    client: { joinLatencyMs: 300 },
    // Behind the firewall: the direct join never connects.
    setup: (client) => client.fake.hangNextJoin(),
  }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await statusIs(canvasElement, "proxy", "off"); // auto starts direct
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await statusIs(canvasElement, "connection", "CONNECTED");
    await statusIs(canvasElement, "mode", "udp");
    await expect(sdkCalls(client)).toEqual(["join", "leave()", "startProxyServer(3)", "join"]);
  },
};

export const JoinFailed: Story = {
  name: "Join failed",
  parameters: cloudProxy({
    client: { joinLatencyMs: 300 },
    setup: (client) => client.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER"),
  }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-testid="status-error"]')?.textContent).toMatch(/^JOIN_FAILED: /),
    );
    await statusIs(canvasElement, "connection", "DISCONNECTED");
    await statusIs(canvasElement, "proxy", "on"); // the proxy stays for the next attempt
    await expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join"]);
    await expect(client.fake.calls[1]).toMatchObject({ outcome: "error", code: "CAN_NOT_GET_GATEWAY_SERVER" });
  },
};

export const SwitchModeWhileJoinedRejoin: Story = {
  name: 'Switch mode while joined: onModeChange "rejoin"',
  parameters: cloudProxy({ onModeChange: "rejoin", client: { joinLatencyMs: 300 } }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await statusIs(canvasElement, "connection", "CONNECTED");
    await userEvent.click(canvas.getByRole("button", { name: "TCP/TLS 443" }));
    await statusIs(canvasElement, "mode", "tls");
    await statusIs(canvasElement, "connection", "CONNECTED");
    await expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join", "leave()", "startProxyServer(5)", "join"]);
    // The frame's bar shows the proxy in force, not only the mode the provider started with.
    await proxyInForceIs(canvasElement, "tls");
    await expect(canvas.getByRole("button", { name: "Join" })).toBeDisabled();
  },
};

export const SwitchModeWhileJoinedDefer: Story = {
  name: 'Switch mode while joined: onModeChange "defer"',
  parameters: cloudProxy({ onModeChange: "defer", client: { joinLatencyMs: 300 } }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await statusIs(canvasElement, "connection", "CONNECTED");
    await userEvent.click(canvas.getByRole("button", { name: "TCP/TLS 443" }));
    // The call goes on in UDP; TLS waits for the next leave. A held-back switch is no phase of
    // the proxy: it stays "on" (in UDP), with the desired mode showing what comes next.
    await statusIs(canvasElement, "desired-mode", "tls");
    await statusIs(canvasElement, "proxy", "on");
    await statusIs(canvasElement, "mode", "udp");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await statusIs(canvasElement, "connection", "CONNECTED");
    await expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join"]);

    await userEvent.click(canvas.getByRole("button", { name: "Leave" }));
    await statusIs(canvasElement, "mode", "tls");
    await statusIs(canvasElement, "connection", "DISCONNECTED");
    await expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join", "leave()", "startProxyServer(5)"]);
  },
};

/** Counts its effect runs: 2 under StrictMode in React's development build (mount, unmount, mount). */
function StrictModeProbe() {
  const runs = useRef(0);
  const [count, setCount] = useState(0);
  useEffect(() => {
    runs.current += 1;
    setCount(runs.current);
  }, []);
  return (
    <p className="strict-probe" data-testid="effect-runs" data-runs={count}>
      Effects in this subtree ran {count} time{count === 1 ? "" : "s"}
      {count === 2 ? " (StrictMode: mount → unmount → mount)" : ""}.
    </p>
  );
}

export const StrictModeRemount: Story = {
  name: "StrictMode remount (one session, one start)",
  parameters: cloudProxy({ strictMode: true, client: { joinLatencyMs: 300 } }),
  render: () => (
    <>
      <CallPanel />
      <StrictModeProbe />
    </>
  ),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await statusIs(canvasElement, "proxy", "on");
    // React really replayed the effects (this Storybook is built with React's development build)...
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-testid="effect-runs"]')?.getAttribute("data-runs")).toBe("2"),
    );
    // ...and the SDK still saw one startProxyServer(), no stop/start flap.
    await expect(sdkCalls(client)).toEqual(["startProxyServer(3)"]);
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await statusIs(canvasElement, "connection", "CONNECTED");
    await expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join"]);
  },
};

export const UnmountDuringJoin: Story = {
  name: "Unmount during join",
  parameters: cloudProxy({ mountSwitch: true, client: { joinLatencyMs: 60_000 } }),
  play: async ({ canvas, canvasElement, userEvent, loaded }) => {
    const client = getFakeAgoraClient(loaded);
    await userEvent.click(canvas.getByRole("button", { name: "Join" }));
    await statusIs(canvasElement, "connection", "CONNECTING");
    await userEvent.click(canvas.getByRole("switch", { name: "Call mounted" }));
    // Unmounted mid-join: the session leaves at once (cancelling the join), then stops the
    // proxy, then removes its listeners. (agora-rtc-react's own useJoin arms its leave only
    // once join() settled: on its own it would stay CONNECTING here.)
    await waitFor(() =>
      expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join", "leave()", "stopProxyServer()"]),
    );
    await waitFor(() => expect(client.fake.listenerCount()).toBe(0));
    await expect(client.connectionState).toBe("DISCONNECTED");
    await expect(client._cloudProxyServerMode).toBe("disabled");
    await waitFor(() => expect(client.fake.calls[1]).toMatchObject({ outcome: "error", code: "OPERATION_ABORTED" }));
  },
};
