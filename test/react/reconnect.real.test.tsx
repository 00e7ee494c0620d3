// @vitest-environment jsdom
import { driveRealGateway } from "../support/realSdk";
import { CloudProxyProvider, useCloudProxyStatus } from "@agora-cloud-proxy/react";
import { describe, expect, it } from "vitest";
import { trackLibraryTimers } from "../support/libraryTimers";
import { JoinOnMount } from "./support/callComponents";
import { describeEachReactMode, reactModes } from "./support/reactModes";
import { renderIn } from "./support/render";
import { expectSdkReleased, JOIN, realSdk, sessionGone, until } from "./support/sdkUnderTest";

// Issue 14: a reconnect cycle (the SDK gave up, the session waits to join again) ended by an
// unmount, on the real agora-rtc-sdk-ng client under jsdom.

function ReconnectLine() {
  const connectionState = useCloudProxyStatus((state) => state.connectionState);
  const reconnect = useCloudProxyStatus((state) => state.reconnect);
  return (
    <span>{`${connectionState}/${reconnect ? `attempt ${reconnect.attempt} of ${reconnect.attempts}` : "none"}`}</span>
  );
}

describeEachReactMode("reconnect on the real SDK", (mode) => {
  it("unmount while the session waits to reconnect: the SDK ends DISCONNECTED with the proxy disabled, no join after, no timer left", async () => {
    const sdk = await realSdk();
    // Offline the SDK never connects: its first join is made to look connected through its
    // gateway's state (the SDK's own join keeps retrying inside until the leave cancels it).
    const target = sdk.client as unknown as { join: (...args: unknown[]) => Promise<unknown> };
    const realJoin = target.join.bind(sdk.client);
    let joins = 0;
    const timers = trackLibraryTimers();
    target.join = (...args: unknown[]) => {
      joins += 1;
      const pending = realJoin(...args);
      pending.catch(() => {});
      if (joins > 1) return pending;
      return new Promise((resolve) =>
        setTimeout(() => {
          driveRealGateway(sdk.client, "CONNECTED");
          resolve(JOIN.uid);
          // The drop right after: left longer, the SDK's own join (retrying inside) moves the forced state.
          setTimeout(() => {
            driveRealGateway(sdk.client, "RECONNECTING");
            driveRealGateway(sdk.client, "DISCONNECTED", "NETWORK_ERROR");
          }, 0);
        }, 20),
      );
    };
    const view = renderIn(
      mode,
      <CloudProxyProvider client={sdk.client} reconnect={{ delaysMs: [60_000] }}>
        <JoinOnMount />
        <ReconnectLine />
      </CloudProxyProvider>,
    );
    await until(() => view.container.textContent?.endsWith("DISCONNECTED/attempt 1 of 1") === true);
    const joinsBefore = joins;
    view.unmount();
    await sessionGone(sdk);
    expectSdkReleased(sdk);
    expect(joins).toBe(joinsBefore);
    expect(timers.pending()).toBe(0);
  });
});

describe("reconnect option on the provider", () => {
  it("reaches the session: a bad value is reported through onError (INVALID_MODE), not thrown in render", async () => {
    const sdk = await realSdk();
    const errors: string[] = [];
    const view = renderIn(
      reactModes[0]!,
      <CloudProxyProvider
        client={sdk.client}
        reconnect={{ delaysMs: [-5] }}
        onError={(error) => errors.push(error.code)}
      >
        <ReconnectLine />
      </CloudProxyProvider>,
    );
    await until(() => errors.length > 0);
    expect(errors).toContain("INVALID_MODE");
    view.unmount();
  });
});
