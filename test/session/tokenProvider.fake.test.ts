import type { CloudProxyTokenContext, CloudProxyTokenProvider } from "@agora-cloud-proxy/core";
import { describe, expect, it } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";
import { JOIN, fakeSession, sleep, tokensJoinedWith, within } from "../support/sessionHarness";

// Issue 14 §3: join options' `token` may be a provider, asked before every SDK join the session
// makes; a join() that differs only by its token renews instead of leaving.

const SECRET = "007eJxTYPjB4uLs0q1f";

function recordingProvider(
  answer: (context: CloudProxyTokenContext, n: number) => ReturnType<CloudProxyTokenProvider>,
) {
  const contexts: CloudProxyTokenContext[] = [];
  const provider: CloudProxyTokenProvider = (context) => {
    contexts.push(context);
    return answer(context, contexts.length);
  };
  return { contexts, provider };
}

describe("token provider (fake)", () => {
  it("is asked before the SDK join (reason join) and its token goes to client.join", async () => {
    const { fake, session } = fakeSession({ mode: "udp" });
    const tokens = tokensJoinedWith(fake);
    const { contexts, provider } = recordingProvider((_c, n) => Promise.resolve(`token-${n}`));
    await expect(session.join({ ...JOIN, token: provider })).resolves.toBe(7);
    expect(contexts).toEqual([{ channel: JOIN.channel, uid: JOIN.uid, reason: "join" }]);
    expect(tokens).toEqual(["token-1"]);
  });

  it("a mode change while joined rejoins with a fresh token (reason rejoin)", async () => {
    const { fake, session } = fakeSession({ mode: "udp" });
    const tokens = tokensJoinedWith(fake);
    const { contexts, provider } = recordingProvider((_c, n) => `token-${n}`);
    await session.join({ ...JOIN, token: provider });
    await session.setProxy("tls");
    expect(contexts.map((c) => c.reason)).toEqual(["join", "rejoin"]);
    expect(tokens).toEqual(["token-1", "token-2"]);
  });

  it("auto mode's escalation asks with reason escalate", async () => {
    const { fake, session } = fakeSession({ mode: "auto", fallbackAfterMs: 30, routeMemory: freshRouteMemory() });
    fake.fake.hangNextJoin();
    const { contexts, provider } = recordingProvider((_c, n) => `token-${n}`);
    await session.join({ ...JOIN, token: provider });
    expect(contexts.map((c) => c.reason)).toEqual(["join", "escalate"]);
    expect(session.store.getState().route).toBe("udp");
  });

  it("a leave while the provider is still answering: the SDK never hears of that join, and leave() resolves", async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp" });
    let answer: (token: string) => void = () => {};
    const joined = session.join({ ...JOIN, token: () => new Promise<string>((resolve) => (answer = resolve)) });
    joined.catch(() => {});
    await sleep(10);
    expect(fake.connectionState).toBe("DISCONNECTED");
    await session.leave();
    await expect(joined).rejects.toMatchObject({ code: "CANCELLED" });
    answer(SECRET);
    await sleep(20);
    expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual(["startProxyServer(3):ok"]);
    expect(session.store.getState()).toMatchObject({ connectionState: "DISCONNECTED", joinRequested: false });
  });

  it.each([
    [
      "throws",
      () => {
        throw new Error(`token server said ${SECRET}`);
      },
    ],
    ["rejects", () => Promise.reject(new Error(`token server said ${SECRET}`))],
    ["answers a number", () => 42 as unknown as string],
    ["answers an empty string", () => ""],
  ])(
    "a provider that %s fails the join with TOKEN_FAILED, without an SDK join and without the token",
    async (_name, provider) => {
      const { session, sdkLog, errors } = fakeSession({ mode: "udp" });
      const error = await session.join({ ...JOIN, token: provider }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "TOKEN_FAILED" });
      expect((error as Error).message).not.toContain(SECRET);
      expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual(["startProxyServer(3):ok"]);
      expect(session.store.getState()).toMatchObject({
        joinRequested: false,
        error: expect.objectContaining({ code: "TOKEN_FAILED" }),
      });
      expect(errors.map((e) => e.code)).toEqual(["TOKEN_FAILED"]);
      expect(JSON.stringify(session.history.getState())).not.toContain(SECRET);
    },
  );

  it("a new provider function with otherwise equal options (an inline arrow on each render) changes nothing on the SDK", async () => {
    const { session, sdkLog } = fakeSession({ mode: "udp" });
    await session.join({ ...JOIN, token: () => "a" });
    await session.join({ ...JOIN, token: () => "b" });
    await session.join({ ...JOIN, token: () => "c" });
    expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual(["startProxyServer(3):ok", "join:ok"]);
  });

  it("with a provider, the SDK's token expiry (DISCONNECTED, TOKEN_EXPIRE) joins again at once with a fresh token", async () => {
    const { fake, session } = fakeSession({ mode: "udp", reconnect: false });
    const tokens = tokensJoinedWith(fake);
    const { contexts, provider } = recordingProvider((_c, n) => `token-${n}`);
    await session.join({ ...JOIN, token: provider });
    await fake.fake.dropNetwork({ reason: "TOKEN_EXPIRE" });
    expect(await within(1_000, () => session.store.getState().connectionState === "CONNECTED")).toBe(true);
    expect(contexts.map((c) => c.reason)).toEqual(["join", "rejoin"]);
    expect(tokens).toEqual(["token-1", "token-2"]);
    expect(session.store.getState().error).toBeNull();
  });

  it("with a token string, the SDK's token expiry is CONNECTION_LOST with advice to pass a provider", async () => {
    const { fake, session, errors } = fakeSession({ mode: "udp" });
    await session.join({ ...JOIN, token: SECRET });
    await fake.fake.dropNetwork({ reason: "TOKEN_EXPIRE" });
    await sleep(0);
    expect(errors.map((e) => e.code)).toEqual(["CONNECTION_LOST"]);
    expect(errors[0]!.message).toMatch(/token provider/);
    expect(errors[0]!.message).not.toContain(SECRET);
  });
});

describe("renewToken (fake: CONNECTED)", () => {
  it("a join() differing only by a new token string renews it: no leave, join() resolves once the SDK has it", async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp" });
    await session.join({ ...JOIN, token: "token-a" });
    await expect(session.join({ ...JOIN, token: "token-b" })).resolves.toBe(7);
    expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual([
      "startProxyServer(3):ok",
      "join:ok",
      "renewToken:ok",
    ]);
    expect(fake.fake.token).toBe("token-b");
    expect(session.history.getState().map((e) => `${e.kind}:${e.name}:${e.detail ?? ""}`)).toContain(
      "call:renewToken:",
    );
    expect(JSON.stringify(session.history.getState())).not.toContain("token-b");
  });

  it("the guarded client's renewToken is ordered the same way", async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp" });
    await session.join({ ...JOIN, token: "token-a" });
    await session.client.renewToken("token-c");
    expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual([
      "startProxyServer(3):ok",
      "join:ok",
      "renewToken:ok",
    ]);
    expect(fake.fake.token).toBe("token-c");
  });

  it("token-privilege-will-expire with a provider: a fresh token (reason renew, the connected uid) goes to renewToken", async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp" });
    const { contexts, provider } = recordingProvider((_c, n) => Promise.resolve(`token-${n}`));
    await session.join({ ...JOIN, token: provider });
    fake.fake.expireTokenSoon();
    expect(await within(1_000, () => sdkLog().includes("renewToken:ok"))).toBe(true);
    expect(fake.fake.token).toBe("token-2");
    expect(contexts.map((c) => [c.reason, c.uid])).toEqual([
      ["join", JOIN.uid],
      ["renew", JOIN.uid],
    ]);
    expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual([
      "startProxyServer(3):ok",
      "join:ok",
      "renewToken:ok",
    ]);
  });

  it("with a provider, token-privilege-did-expire (expireToken) joins again with a fresh token (reason rejoin)", async () => {
    const { fake, session } = fakeSession({ mode: "udp" });
    const { contexts, provider } = recordingProvider((_c, n) => `token-${n}`);
    await session.join({ ...JOIN, token: provider });
    fake.fake.expireToken();
    expect(await within(1_000, () => fake.fake.token === "token-2" && fake.connectionState === "CONNECTED")).toBe(true);
    expect(contexts.map((c) => c.reason)).toEqual(["join", "rejoin"]);
    expect(session.store.getState()).toMatchObject({ error: null, joinRequested: true, reconnect: null });
  });

  it("a provider that fails on renew: TOKEN_FAILED in the store, the call stays up", async () => {
    const { fake, session, sdkLog, errors } = fakeSession({ mode: "udp" });
    await session.join({
      ...JOIN,
      token: ({ reason }) => (reason === "renew" ? Promise.reject(new Error(SECRET)) : "token-1"),
    });
    fake.fake.expireTokenSoon();
    expect(await within(1_000, () => errors.length > 0)).toBe(true);
    expect(errors.map((e) => e.code)).toEqual(["TOKEN_FAILED"]);
    expect(errors[0]!.message).not.toContain(SECRET);
    expect(session.store.getState()).toMatchObject({ connectionState: "CONNECTED", joinRequested: true });
    expect(sdkLog().filter((entry) => !entry.startsWith("getRTCStats"))).toEqual(["startProxyServer(3):ok", "join:ok"]);
  });
});
