// @vitest-environment jsdom
// Issue 14, found by a fresh user's probes: agora-rtc-react's usePublish counts its tracks as
// published across the session's own rejoins (a reconnect, an auto-mode media switch), so the
// session carries them to the new connection, and the drop-in useJoin's hang-up closes them
// even while they are carried.
import { CloudProxyAgoraRTCProvider, useJoin } from "@agora-cloud-proxy/react/agora-rtc-react";
import { createFakeLocalTrack } from "@agora-cloud-proxy/testing";
import { usePublish } from "agora-rtc-react";
import { expect, it } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { fakeSdk, JOIN, sessionGone, until } from "./support/sdkUnderTest";

type Track = ReturnType<typeof createFakeLocalTrack>;
/** agora-rtc-react's own copy of the SDK's track type. */
type ReactTrack = NonNullable<Parameters<typeof usePublish>[0]>[number];

function Call({ track }: { track: Track }) {
  useJoin({ appid: JOIN.appid, channel: JOIN.channel, token: null, uid: 1 });
  usePublish([track as unknown as ReactTrack]);
  return null;
}

const published = (sdk: ReturnType<typeof fakeSdk>) =>
  sdk.fake.fake.calls.filter((call) => call.method === "publish").map((call) => call.outcome);

describeEachReactMode("the app's tracks across the session's own rejoins (useJoin + usePublish)", (mode) => {
  it("a reconnect publishes the track again on the new connection: once, with no ordering error", async () => {
    const sdk = fakeSdk();
    const track = createFakeLocalTrack("audio");
    const view = renderIn(
      mode,
      <CloudProxyAgoraRTCProvider client={sdk.client} mode="udp" reconnect={{ delaysMs: [20] }}>
        <Call track={track} />
      </CloudProxyAgoraRTCProvider>,
    );
    await until(() => sdk.client.localTracks.length === 1);
    await sdk.fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    await until(() => sdk.client.connectionState === "CONNECTED" && sdk.client.localTracks.length === 1);
    expect(sdk.client.localTracks).toEqual([track]);
    expect(published(sdk)).toEqual(["ok", "ok"]);
    expect(sdk.orderingErrors()).toEqual([]);
    view.unmount();
    await sessionGone(sdk);
    expect(track.closed).toBe(true);
  });

  it("unmount while the session waits to reconnect closes the carried track", async () => {
    const sdk = fakeSdk();
    const track = createFakeLocalTrack("audio");
    const view = renderIn(
      mode,
      <CloudProxyAgoraRTCProvider client={sdk.client} mode="udp" reconnect={{ delaysMs: [60_000] }}>
        <Call track={track} />
      </CloudProxyAgoraRTCProvider>,
    );
    await until(() => sdk.client.localTracks.length === 1);
    await sdk.fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    view.unmount();
    await sessionGone(sdk);
    expect(track.closed).toBe(true);
    expect(sdk.orderingErrors()).toEqual([]);
  });

  it("unmount during an auto-mode media switch closes the carried track", async () => {
    const sdk = fakeSdk({ joinLatencyMs: 40 });
    sdk.fake.fake.mediaLatencyMs = 20;
    sdk.fake.fake.blockMedia(["direct"]);
    const track = createFakeLocalTrack("audio");
    const view = renderIn(
      mode,
      <CloudProxyAgoraRTCProvider client={sdk.client} mode="auto" routeMemory={freshRouteMemory()}>
        <Call track={track} />
      </CloudProxyAgoraRTCProvider>,
    );
    await until(() => sdk.fake.fake.calls.some((call) => call.method === "startProxyServer"));
    view.unmount();
    await sessionGone(sdk);
    expect(track.closed).toBe(true);
    expect(sdk.orderingErrors()).toEqual([]);
  });
});
