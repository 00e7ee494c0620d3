import { describe, expect, it } from "vitest";
import { asAgoraRTCClient, createFakeAgoraClient, createFakeLocalTrack } from "../src";

describe("media, enough for agora-rtc-react's hooks", () => {
  it("publish needs a join; unpublish removes tracks; leave drops them", async () => {
    const client = createFakeAgoraClient();
    const track = createFakeLocalTrack("video");
    await expect(client.publish(track)).rejects.toMatchObject({
      code: "INVALID_OPERATION",
      message: "AgoraRTCError INVALID_OPERATION: Can't publish stream, haven't joined yet!",
    });
    // agora-rtc-react's useJoin cleanup unpublishes client.localTracks before leaving.
    await expect(client.unpublish(client.localTracks)).rejects.toMatchObject({ code: "INVALID_OPERATION" });

    await client.join("app", "room", null, 1);
    await client.publish([track]);
    expect(client.localTracks).toEqual([track]);
    await client.unpublish(track);
    expect(client.localTracks).toEqual([]);
    await client.publish(track);
    await client.leave();
    expect(client.localTracks).toEqual([]);
  });

  it("remote users join, publish, get subscribed and leave", async () => {
    const client = createFakeAgoraClient();
    const seen: string[] = [];
    client.on("user-joined", (user: { uid: number }) => seen.push(`joined ${user.uid}`));
    client.on("user-published", (user: { uid: number }, mediaType: string) =>
      seen.push(`published ${user.uid} ${mediaType}`),
    );
    client.on("user-left", (user: { uid: number }, reason: string) => seen.push(`left ${user.uid} ${reason}`));
    await client.join("app", "room", null, 1);

    const user = client.fake.addRemoteUser(42, { audio: true });
    expect(client.remoteUsers.map((remote) => remote.uid)).toEqual([42]);
    const track = await client.subscribe(user, "audio");
    expect(track.getUserId()).toBe(42);
    expect(user.audioTrack).toBe(track);
    await client.massUnsubscribe([{ user, mediaType: "audio" }]);
    expect(user.audioTrack).toBeUndefined();

    await expect(client.subscribe(7, "audio")).rejects.toMatchObject({ code: "INVALID_REMOTE_USER" });
    client.fake.removeRemoteUser(42);
    expect(seen).toEqual(["joined 42", "published 42 audio", "left 42 Quit"]);
    expect(client.remoteUsers).toEqual([]);
  });

  it("each media method refuses without a join, with the SDK's own message", async () => {
    const client = createFakeAgoraClient();
    const track = createFakeLocalTrack("audio");
    const refused = (text: string) => ({
      code: "INVALID_OPERATION",
      message: `AgoraRTCError INVALID_OPERATION: ${text}`,
    });
    // CONNECTED without a join: a remote user can be there, but there is no uid.
    client.fake.forceConnectionState("CONNECTED");
    const user = client.fake.addRemoteUser(7, { audio: true });
    await expect(client.publish(track)).rejects.toMatchObject(refused("Can't publish stream, haven't joined yet!"));
    await expect(client.unpublish()).rejects.toMatchObject(refused("Can't unpublish stream, haven't joined yet!"));
    await expect(client.subscribe(user, "audio")).rejects.toMatchObject(refused("Can't subscribe stream, not joined"));
    await expect(client.unsubscribe(user)).rejects.toMatchObject(
      refused("Can't unsubscribe stream, haven't joined yet!"),
    );
    await expect(client.massUnsubscribe([{ user }])).rejects.toMatchObject(
      refused("Can't unsubscribeAll stream, haven't joined yet!"),
    );
    client.fake.forceConnectionState("DISCONNECTED");
    expect(client.remoteUsers).toEqual([]);
  });

  it("publish and subscribe also refuse while the joined client is leaving (DISCONNECTING)", async () => {
    const client = createFakeAgoraClient({ leaveLatencyMs: 5 });
    const track = createFakeLocalTrack("video");
    await client.join("app", "room", null, 1);
    const user = client.fake.addRemoteUser(8, { video: true });
    const attempts: Promise<PromiseSettledResult<unknown>[]>[] = [];
    const onState = (state: string) => {
      if (state === "DISCONNECTING")
        attempts.push(Promise.allSettled([client.publish(track), client.subscribe(user, "video")]));
    };
    client.on("connection-state-change", onState);
    await client.leave();
    client.off("connection-state-change", onState);

    expect(attempts).toHaveLength(1);
    expect(await attempts[0]).toMatchObject([
      {
        status: "rejected",
        reason: { message: "AgoraRTCError INVALID_OPERATION: can not publish stream in DISCONNECTING state" },
      },
      {
        status: "rejected",
        reason: { message: "AgoraRTCError INVALID_OPERATION: Can't subscribe stream in DISCONNECTING state" },
      },
    ]);
  });

  it("reports what usePublish and useNetworkQuality read", () => {
    const client = asAgoraRTCClient(createFakeAgoraClient());
    expect(client.mode).toBe("rtc");
    expect(client.role).toBe("host");
    expect(client.getRTCStats().RTT).toBe(0);
    expect(client.getNetworkQuality()).toEqual({ uplinkNetworkQuality: 0, downlinkNetworkQuality: 0 });
  });

  it("setClientRole follows the SDK: refused in rtc mode, allowed in live mode", async () => {
    await expect(createFakeAgoraClient().setClientRole("audience")).rejects.toMatchObject({
      message: "AgoraRTCError INVALID_OPERATION: rtc mode can not use setClientRole",
    });
    const live = createFakeAgoraClient({ mode: "live" });
    await live.setClientRole("audience");
    expect(live.role).toBe("audience");
  });
});
