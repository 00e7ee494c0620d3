import { describe, expect, it } from "vitest";
import { sameCall, validateJoinOptions } from "../src/joinOptions";

const APP_ID = "f00dfeedf00dfeedf00dfeedf00dfeed";
const TOKEN = "007eJxSecretTokenValue";

describe("validateJoinOptions", () => {
  it("normalises missing token and uid to null", () => {
    expect(validateJoinOptions({ appid: APP_ID, channel: "c" })).toEqual({
      appid: APP_ID,
      channel: "c",
      token: null,
      uid: null,
    });
  });

  it.each([
    ["no options", undefined, /options object/],
    ["a string", APP_ID, /options object/],
    ["missing appid", { channel: "c", token: TOKEN }, /appid/],
    ["empty appid", { appid: "", channel: "c" }, /appid/],
    ["numeric appid", { appid: 42, channel: "c" }, /appid/],
    ["missing channel", { appid: APP_ID, token: TOKEN }, /channel/],
    ["token of the wrong type", { appid: APP_ID, channel: "c", token: 7 }, /token/],
    ["uid of the wrong type", { appid: APP_ID, channel: "c", token: TOKEN, uid: {} }, /uid/],
  ])("%s -> INVALID_JOIN_OPTIONS without echoing secrets", (_name, options, message) => {
    let thrown: Error | undefined;
    try {
      validateJoinOptions(options);
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown).toMatchObject({ code: "INVALID_JOIN_OPTIONS" });
    expect(thrown!.message).toMatch(message);
    expect(thrown!.message).not.toContain(APP_ID);
    expect(thrown!.message).not.toContain(TOKEN);
  });

  it("treats joins into the same call (App ID, channel, uid; a token or none) as the same desired state", () => {
    expect(sameCall({ appid: "a", channel: "c" }, { appid: "a", channel: "c", token: null, uid: null })).toBe(true);
    expect(sameCall({ appid: "a", channel: "c", uid: 1 }, { appid: "a", channel: "c", uid: 2 })).toBe(false);
    // Another token for the same call is a renewal, not another call; dropping the token is another call.
    expect(sameCall({ appid: "a", channel: "c", token: "t1" }, { appid: "a", channel: "c", token: "t2" })).toBe(true);
    expect(sameCall({ appid: "a", channel: "c", token: "t1" }, { appid: "a", channel: "c", token: () => "t" })).toBe(
      true,
    );
    expect(sameCall({ appid: "a", channel: "c", token: "t1" }, { appid: "a", channel: "c", token: null })).toBe(false);
  });
});
