import { describe, expect, it } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";
import { JOIN, fakeSession, sleep, within } from "../support/sessionHarness";

// Issue 14 §1: a route counts only once media flows. CONNECTED needs only signalling (TCP 443);
// a firewall that blocks UDP media leaves a call where nobody hears anyone.

const mediaHistory = (session: {
  history: { getState(): readonly { kind: string; name: string; detail: string | null }[] };
}) =>
  session.history
    .getState()
    .filter((entry) => entry.kind === "media")
    .map((entry) => `${entry.name} ${entry.detail}`);

describe("media check (fake)", () => {
  it("auto mode: media blocked on direct -> unverified, then failed after the check, escalation to UDP, media flows, UDP is remembered", async () => {
    const routeMemory = freshRouteMemory();
    const { fake, session, sdkLog } = fakeSession({ mode: "auto", routeMemory, fallbackAfterMs: 5_000 });
    fake.fake.mediaLatencyMs = 60;
    fake.fake.blockMedia(["direct"]);
    const started = Date.now();
    await session.join(JOIN);
    expect(session.store.getState()).toMatchObject({ route: "direct", media: "unverified" });
    expect(routeMemory.read()).toBeNull(); // CONNECTED alone is not remembered
    expect(await within(3_000, () => session.store.getState().media === "flowing")).toBe(true);
    const escalatedIn = Date.now() - started;
    const { route, attempts } = session.store.getState();
    expect(route).toBe("udp");
    expect(attempts.map((a) => `${a.route} ${a.outcome}`)).toEqual([
      "direct connected",
      "direct media-failed",
      "udp connected",
    ]);
    expect(routeMemory.read()).toMatchObject({ route: "udp" });
    expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual([
      "join:ok",
      "leave:ok",
      "startProxyServer(3):ok",
      "join:ok",
    ]);
    expect(mediaHistory(session)).toEqual(["failed direct", "flowing udp"]);
    expect(escalatedIn).toBeLessThan(1_000); // the peer connection's "failed" ends the check at once, not fallbackAfterMs
  });

  it("auto mode: the app's published tracks are published again on the new route", async () => {
    const { fake, session } = fakeSession({ mode: "auto", routeMemory: freshRouteMemory() });
    fake.fake.mediaLatencyMs = 30;
    fake.fake.blockMedia(["direct"]);
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    await session.join(JOIN);
    const track = createFakeLocalTrack("audio");
    await session.client.publish(track);
    expect(
      await within(
        3_000,
        () => session.store.getState().route === "udp" && session.store.getState().media === "flowing",
      ),
    ).toBe(true);
    expect(await within(1_000, () => session.client.localTracks.includes(track as never))).toBe(true);
    expect(fake.fake.calls.filter((c) => c.method === "publish").map((c) => c.outcome)).toEqual(["ok", "ok"]);
  });

  it("fixed mode: media fails -> MEDIA_FAILED in store and onError, the call stays on its route", async () => {
    const { fake, session, errors, sdkLog } = fakeSession({ mode: "udp" });
    fake.fake.mediaLatencyMs = 20;
    fake.fake.blockMedia(["udp"]);
    await session.join(JOIN);
    expect(await within(2_000, () => session.store.getState().media === "failed")).toBe(true);
    await sleep(0);
    expect(errors.map((e) => e.code)).toEqual(["MEDIA_FAILED"]);
    expect(session.store.getState()).toMatchObject({ connectionState: "CONNECTED", route: "udp", joinRequested: true });
    expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual(["startProxyServer(3):ok", "join:ok"]);
  });

  it("auto mode: media blocked on every route ends on the last one with MEDIA_FAILED; nothing is remembered", async () => {
    const routeMemory = freshRouteMemory();
    const { fake, session, errors } = fakeSession({ mode: "auto", routeMemory });
    fake.fake.mediaLatencyMs = 20;
    fake.fake.blockMedia(["direct", "udp", "tls"]);
    await session.join(JOIN);
    expect(await within(3_000, () => errors.length > 0)).toBe(true);
    expect(errors.map((e) => e.code)).toEqual(["MEDIA_FAILED"]);
    expect(session.store.getState()).toMatchObject({ route: "tls", media: "failed", connectionState: "CONNECTED" });
    expect(routeMemory.read()).toBeNull();
  });

  it("an SDK without peerconnection-state-change (< 4.23): bytes from getRTCStats verify media once tracks are published", async () => {
    const { fake, session } = fakeSession({ mode: "udp", fallbackAfterMs: 2_000 });
    fake.fake.peerConnectionEvents = false;
    fake.fake.mediaLatencyMs = 20;
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    await session.join(JOIN);
    expect(session.store.getState().media).toBe("unverified");
    await sleep(50);
    expect(session.store.getState().media).toBe("unverified"); // nothing published: nothing to verify
    await session.client.publish(createFakeLocalTrack("audio"));
    expect(await within(3_000, () => session.store.getState().media === "flowing")).toBe(true);
  });

  it("a connection with no media at all in auto mode: kept for the session, never stored", async () => {
    const routeMemory = freshRouteMemory();
    const { fake, session } = fakeSession({ mode: "auto", routeMemory, fallbackAfterMs: 40 });
    fake.fake.peerConnectionEvents = false; // nothing says anything about media
    fake.fake.hangNextJoin();
    await session.join(JOIN);
    expect(session.store.getState()).toMatchObject({ route: "udp", media: "unverified" });
    await session.leave();
    expect(routeMemory.read()).toBeNull();
    await session.join(JOIN); // this session starts on UDP again
    expect(session.store.getState().attempts.map((a) => a.route)).toEqual(["udp"]);
  });

  it("media that fails mid-call (failMedia) after it flowed: auto mode moves to the next route; media null once left", async () => {
    const { fake, session } = fakeSession({ mode: "auto", routeMemory: freshRouteMemory() });
    await session.join(JOIN);
    expect(await within(1_000, () => session.store.getState().media === "flowing")).toBe(true);
    fake.fake.failMedia();
    expect(
      await within(
        2_000,
        () => session.store.getState().route === "udp" && session.store.getState().media === "flowing",
      ),
    ).toBe(true);
    expect(session.store.getState().attempts.map((a) => `${a.route} ${a.outcome}`)).toEqual([
      "direct connected",
      "direct media-failed",
      "udp connected",
    ]);
    await session.leave();
    expect(session.store.getState().media).toBeNull();
  });

  it("fixed mode: media that fails after it flowed is MEDIA_FAILED", async () => {
    const { fake, session, errors } = fakeSession({ mode: "tls" });
    await session.join(JOIN);
    expect(await within(1_000, () => session.store.getState().media === "flowing")).toBe(true);
    fake.fake.failMedia();
    expect(await within(1_000, () => errors.length > 0)).toBe(true);
    expect(errors.map((e) => e.code)).toEqual(["MEDIA_FAILED"]);
    expect(session.store.getState()).toMatchObject({ media: "failed", connectionState: "CONNECTED" });
  });

  it("the app's publish and unpublish during the media switch wait for the new route: no ordering error, an unpublish is not undone", async () => {
    const { fake, session, orderingErrors } = fakeSession({ mode: "auto", routeMemory: freshRouteMemory() });
    fake.fake.mediaLatencyMs = 20;
    fake.fake.blockMedia(["direct"]);
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    await session.join(JOIN);
    const microphone = createFakeLocalTrack("audio");
    const camera = createFakeLocalTrack("video");
    await session.client.publish(microphone);
    expect(await within(2_000, () => session.store.getState().connectionState !== "CONNECTED")).toBe(true);
    const published = session.client.publish(camera); // mid-switch: carried, not sent to an SDK out of the channel
    await session.client.unpublish(microphone); // mid-switch: no longer carried
    await published;
    expect(session.store.getState()).toMatchObject({ route: "udp", connectionState: "CONNECTED" });
    expect(session.client.localTracks).toEqual([camera]);
    expect(orderingErrors()).toEqual([]);
  });

  it("a publish made during the switch rejects CANCELLED when the app leaves before the new route connects", async () => {
    const { fake, session } = fakeSession({ mode: "auto", routeMemory: freshRouteMemory() });
    fake.fake.mediaLatencyMs = 20;
    fake.fake.blockMedia(["direct"]);
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    await session.join(JOIN);
    await session.client.publish(createFakeLocalTrack("audio"));
    expect(await within(2_000, () => session.store.getState().connectionState !== "CONNECTED")).toBe(true);
    const published = session.client.publish(createFakeLocalTrack("video"));
    await session.leave();
    await expect(published).rejects.toMatchObject({ code: "CANCELLED" });
  });

  it("an SDK without peerconnection-state-change: after a media escalation the republished tracks are checked on the new route", async () => {
    const { fake, session } = fakeSession({ mode: "auto", routeMemory: freshRouteMemory(), fallbackAfterMs: 200 });
    fake.fake.peerConnectionEvents = false;
    fake.fake.mediaLatencyMs = 20;
    fake.fake.blockMedia(["direct"]);
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    await session.join(JOIN);
    await session.client.publish(createFakeLocalTrack("audio"));
    expect(await within(3_000, () => session.store.getState().route === "udp")).toBe(true);
    expect(await within(3_000, () => session.store.getState().media === "flowing")).toBe(true);
  });
});
