import {
  type CloudProxySession,
  CloudProxyError,
  createCloudProxyReport,
  createCloudProxySession,
  testCloudProxyRoutes,
} from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient, type FakeAgoraClient } from "@agora-cloud-proxy/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const APP_ID = "badbadbadbadbadbadbadbadbadbad00";
const TOKEN = "007eJxBadInputTokenMustNotLeak";

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

interface Row {
  input: string;
  /** Runs the bad call against a fresh fake client; returns what it threw or rejected with. */
  act(fake: FakeAgoraClient): Promise<unknown>;
  code: CloudProxyError["code"];
}

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const result = run();
    if (result instanceof Promise) await result;
    return "no error";
  } catch (error) {
    return error;
  }
}

const BAD_MODES: unknown[] = [0, 1, 2, 4, 6, -1, Number.NaN, "UDP", "tcp", null, {}];

function withSession(fake: FakeAgoraClient, run: (session: CloudProxySession) => unknown): Promise<unknown> {
  const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "off" });
  return outcome(() => run(session)).finally(() => session.dispose());
}

const ROWS: Row[] = [
  ...BAD_MODES.map((mode) => ({
    input: `createCloudProxySession({ mode: ${String(JSON.stringify(mode) ?? mode)} })`,
    act: (fake: FakeAgoraClient) =>
      outcome(() => createCloudProxySession(asAgoraRTCClient(fake), { mode: mode as never })),
    code: "INVALID_MODE" as const,
  })),
  ...BAD_MODES.map((mode) => ({
    input: `session.setProxy(${String(JSON.stringify(mode) ?? mode)})`,
    act: (fake: FakeAgoraClient) => withSession(fake, (session) => session.setProxy(mode as never)),
    code: "INVALID_MODE" as const,
  })),
  ...[0, 1, 2, 4, 6, -1, Number.NaN].map((mode) => ({
    input: `guarded client.startProxyServer(${mode})`,
    act: (fake: FakeAgoraClient) => withSession(fake, (session) => session.client.startProxyServer(mode)),
    code: "INVALID_MODE" as const,
  })),
  {
    input: 'onModeChange: "sometimes"',
    act: (fake) =>
      outcome(() => createCloudProxySession(asAgoraRTCClient(fake), { onModeChange: "sometimes" as never })),
    code: "INVALID_MODE",
  },
  ...[null, undefined, {}, { join() {}, leave() {} }, "client", 42].map((client) => ({
    input: `client ${client === null ? "null" : typeof client === "object" ? JSON.stringify(Object.keys(client)) : String(client)}`,
    act: () => outcome(() => createCloudProxySession(client as never)),
    code: "INVALID_CLIENT" as const,
  })),
  {
    input: "a client another live session owns",
    act: (fake) => withSession(fake, () => createCloudProxySession(asAgoraRTCClient(fake))),
    code: "CLIENT_IN_USE",
  },
  {
    input: "a session's guarded client",
    act: (fake) => withSession(fake, (session) => createCloudProxySession(session.client)),
    code: "CLIENT_IN_USE",
  },
  ...[
    ["join() without options", undefined],
    ["join() with a string", APP_ID],
    ["join() without appid", { channel: "c", token: TOKEN }],
    ["join() with an empty appid", { appid: "", channel: "c" }],
    ["join() with a numeric appid", { appid: 7, channel: "c" }],
    ["join() without channel", { appid: APP_ID, token: TOKEN }],
    ["join() with a numeric channel", { appid: APP_ID, channel: 5 }],
    ["join() with a numeric token", { appid: APP_ID, channel: "c", token: 5 }],
    ["join() with an object uid", { appid: APP_ID, channel: "c", token: TOKEN, uid: {} }],
  ].map(([input, options]) => ({
    input: input as string,
    act: (fake: FakeAgoraClient) => withSession(fake, (session) => session.join(options as never)),
    code: "INVALID_JOIN_OPTIONS" as const,
  })),
  {
    input: "guarded client.join(undefined, undefined)",
    act: (fake) => withSession(fake, (session) => session.client.join(undefined as never, undefined as never, null)),
    code: "INVALID_JOIN_OPTIONS",
  },
  ...(["join", "setProxy", "clientJoin", "clientStart"] as const).map((call) => ({
    input: `${call} after dispose()`,
    act: async (fake: FakeAgoraClient) => {
      const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "off" });
      const client = session.client;
      await session.dispose();
      const before = fake.fake.calls.length;
      const result = await outcome(() =>
        call === "join"
          ? session.join({ appid: APP_ID, channel: "c", token: TOKEN })
          : call === "setProxy"
            ? session.setProxy("tls")
            : call === "clientJoin"
              ? client.join(APP_ID, "c", TOKEN)
              : client.startProxyServer(5),
      );
      expect(fake.fake.calls.length).toBe(before);
      return result;
    },
    code: "DISPOSED" as const,
  })),
];

describe("bad input: a typed error, the SDK untouched, no unhandled rejection, no secret in the message", () => {
  it("has at least 25 rows", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(ROWS.map((row) => [row.input, row] as const))("%s", async (_input, row) => {
    const fake = createFakeAgoraClient();
    const error = await row.act(fake);
    expect(error).toBeInstanceOf(CloudProxyError);
    expect(error).toMatchObject({ code: row.code });
    const message = (error as Error).message;
    expect(message.length).toBeGreaterThan(30); // says what to do, not just a code
    expect(message).not.toContain(APP_ID);
    expect(message).not.toContain(TOKEN);
    if (row.code !== "DISPOSED") expect(fake.fake.calls).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.fake.listenerCount()).toBe(0);
  });
});

// A channel name, a short token or a uid passed where an options object or a client belongs:
// short values must not reach a message either (nor, through the store, a report).
const JOIN_OPTION_VALUES: unknown[] = ["sales-room", "t0k3n", "u7", "", 424242, -3.5, ["sales-room"]];
const echoed = (message: string, value: unknown) =>
  [value, ...(Array.isArray(value) ? value : [])]
    .filter((v) => (typeof v === "string" && v.length > 0) || typeof v === "number")
    .some((v) => message.includes(String(v)) || message.includes(JSON.stringify(v)));

describe("a value that may be a join option is never echoed in an error message", () => {
  const entries: [string, (fake: FakeAgoraClient, value: unknown) => Promise<unknown>][] = [
    ["session.join(value)", (fake, value) => withSession(fake, (session) => session.join(value as never))],
    ["createCloudProxySession(value)", (_fake, value) => outcome(() => createCloudProxySession(value as never))],
    [
      "testCloudProxyRoutes({ createClient: value })",
      (_fake, value) =>
        outcome(() =>
          testCloudProxyRoutes({ createClient: value as never, join: { appid: APP_ID, channel: "c", token: TOKEN } }),
        ),
    ],
    [
      "testCloudProxyRoutes({ join: value })",
      (fake, value) =>
        outcome(() => testCloudProxyRoutes({ createClient: () => asAgoraRTCClient(fake), join: value as never })),
    ],
  ];
  it.each(entries.flatMap(([name, act]) => JOIN_OPTION_VALUES.map((value) => [name, value, act] as const)))(
    "%s with %j: described by its type and size only",
    async (_name, value, act) => {
      const error = await act(createFakeAgoraClient(), value);
      expect(error).toBeInstanceOf(CloudProxyError);
      const message = (error as Error).message;
      expect(message).toMatch(/got (a|an|the) /);
      expect({ message, echoed: echoed(message, value) }).toEqual({ message, echoed: false });
    },
  );

  it("nor reaches a report through the session's error", async () => {
    const fake = createFakeAgoraClient();
    const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "off" });
    await session.join("sales-room" as never).catch(() => {});
    expect(session.store.getState().error).toMatchObject({ code: "INVALID_JOIN_OPTIONS" });
    const { json, text } = createCloudProxyReport({ session });
    expect(`${JSON.stringify(json)}\n${text}`).not.toContain("sales-room");
    expect(text).toContain("a string of 10 characters");
    await session.dispose();
  });
});

describe("durations in the session options", () => {
  // setTimeout fires at once for NaN, a negative delay or one past 2^31 - 1 ms: auto mode then
  // "timed out" on every route in milliseconds and blamed the firewall (UNREACHABLE).
  it.each([
    ["fallbackAfterMs", Number.NaN],
    ["fallbackAfterMs", -5],
    ["fallbackAfterMs", 0],
    ["fallbackAfterMs", Infinity],
    ["fallbackAfterMs", 2 ** 31],
    ["fallbackAfterMs", "5s"],
    ["routeTtlMs", Number.NaN],
    ["routeTtlMs", -1],
    ["stalledAfterMs", 2 ** 31],
  ] as const)("%s %s is refused with INVALID_MODE, at creation and live", (name, value) => {
    const fake = createFakeAgoraClient();
    expect(() => createCloudProxySession(asAgoraRTCClient(fake), { mode: "auto", [name]: value })).toThrow(
      expect.objectContaining({ code: "INVALID_MODE" }),
    );
    expect(fake.fake.calls).toEqual([]);
    const session = createCloudProxySession(asAgoraRTCClient(createFakeAgoraClient()), { mode: "auto" });
    expect(() => session.setOptions({ [name]: value })).toThrow(expect.objectContaining({ code: "INVALID_MODE" }));
    void session.dispose();
  });

  it("Infinity where it means never (routeTtlMs, stalledAfterMs) and a 1 ms fallback are taken", () => {
    const session = createCloudProxySession(asAgoraRTCClient(createFakeAgoraClient()), {
      mode: "auto",
      routeTtlMs: Infinity,
      stalledAfterMs: Infinity,
      fallbackAfterMs: 1,
    });
    expect(session.store.getState().disposed).toBe(false);
    void session.dispose();
  });
});
