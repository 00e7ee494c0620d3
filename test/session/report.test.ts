// @vitest-environment jsdom
import { createRealClient, recordSdkCalls, sdkSettled, until } from "../support/realSdk";
import {
  AGORA_CLOUD_PROXY_FIREWALL_RULES,
  type CloudProxyPreflightResult,
  type CloudProxyState,
  createCloudProxyReport,
  createCloudProxySession,
} from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { describe, expect, it, vi } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";

// Distinctive join options: if any of them (or a long piece of one) reaches a report, the
// scan below finds it.
const APP_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const TOKEN = "007eJxTYPjOtokenZZZsecretQQQ1234567890";
const CHANNEL = "board-meeting-q3-acquisition";
const UID = 424242;
const SECRETS = [APP_ID, TOKEN, CHANNEL, String(UID)];

/** Every secret, and every 8-character piece of one, that shows up in the report. */
function leaks(report: { json: unknown; text: string }): string[] {
  const haystack = `${JSON.stringify(report.json)}\n${report.text}`;
  return SECRETS.flatMap((secret) => {
    const pieces = secret.length <= 8 ? [secret] : [...secret].slice(0, -7).map((_, i) => secret.slice(i, i + 8));
    return pieces.filter((piece) => haystack.includes(piece));
  });
}

const preflight = (routes: CloudProxyPreflightResult["routes"]): CloudProxyPreflightResult => ({
  routes,
  best: routes.find((r) => r.outcome === "connected")?.route ?? null,
  startedAt: Date.UTC(2025, 0, 6, 9, 0, 0),
  durationMs: 3004,
});

const BLOCKED_DIRECT = preflight([
  { route: "direct", outcome: "timeout", connectMs: null, errorCode: null, usingCloudProxy: null },
  { route: "udp", outcome: "connected", connectMs: 412, errorCode: null, usingCloudProxy: true },
  { route: "tls", outcome: "connected", connectMs: 655, errorCode: null, usingCloudProxy: true },
]);

describe("createCloudProxyReport: never an App ID, a token, a channel name or a uid", () => {
  it("real SDK offline: auto mode times out on every route to UNREACHABLE; the report names every route and every rule, and none of the join options", async () => {
    const raw = await createRealClient();
    const calls = recordSdkCalls(raw);
    const session = createCloudProxySession(raw, {
      mode: "auto",
      fallbackAfterMs: 150,
      routeMemory: freshRouteMemory(),
    });
    const join = session.join({ appid: APP_ID, channel: CHANNEL, token: TOKEN, uid: UID });
    await expect(join).rejects.toMatchObject({ code: "UNREACHABLE" });

    const report = createCloudProxyReport({ session, preflight: BLOCKED_DIRECT, sdkVersion: "4.24.8" });
    expect(leaks(report)).toEqual([]);
    expect(report.json.routes.filter((r) => r.from === "call")).toEqual([
      { from: "call", route: "direct", outcome: "timeout", errorCode: null, ms: expect.any(Number) },
      { from: "call", route: "udp", outcome: "timeout", errorCode: null, ms: expect.any(Number) },
      { from: "call", route: "tls", outcome: "timeout", errorCode: null, ms: expect.any(Number) },
    ]);
    // The network test got through on udp and tls: only direct is blocked for good.
    expect(report.json.failedRoutes).toEqual(["direct"]);
    expect(report.json.session).toMatchObject({ connectionState: "DISCONNECTED", error: { code: "UNREACHABLE" } });
    expect(report.json.history.map((h) => `${h.kind} ${h.name} ${h.detail ?? ""}`.trim())).toContain(
      "call join direct",
    );

    // Without the network test, every route failed: every rule is needed.
    const alone = createCloudProxyReport({ session });
    expect(alone.json.failedRoutes).toEqual(["direct", "udp", "tls"]);
    expect(alone.json.firewallRules).toEqual(AGORA_CLOUD_PROXY_FIREWALL_RULES);
    expect(leaks(alone)).toEqual([]);

    await session.dispose();
    await sdkSettled(calls);
  });

  it("fake client: joined, then a join the SDK rejects with the options in its message; the report keeps the code, not the message", async () => {
    const fake = createFakeAgoraClient({ joinLatencyMs: 2 });
    const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "udp" });
    await session.join({ appid: APP_ID, channel: CHANNEL, token: TOKEN, uid: UID });
    await until(() => session.store.getState().connectionState === "CONNECTED");
    // An SDK error message may echo what it was given: the report must not.
    fake.fake.failNextJoin("INVALID_VENDOR_KEY", `invalid vendor key ${APP_ID}, channel ${CHANNEL}, token ${TOKEN}`);
    await expect(
      session.join({ appid: APP_ID, channel: `${CHANNEL}-2`, token: TOKEN, uid: UID }),
    ).rejects.toMatchObject({ code: "JOIN_FAILED", sdkCode: "INVALID_VENDOR_KEY" });

    const report = createCloudProxyReport({ session });
    expect(report.json.session?.error).toMatchObject({ code: "JOIN_FAILED", sdkCode: "INVALID_VENDOR_KEY" });
    expect(report.json.history.map((h) => h.detail)).toContain("INVALID_VENDOR_KEY");
    expect(report.text).toContain("JOIN_FAILED (SDK INVALID_VENDOR_KEY)");
    expect(leaks(report)).toEqual([]);
    // The scan itself works: the error's cause has them all.
    const cause = (session.store.getState().error?.cause as Error).message;
    expect(leaks({ json: cause, text: "" })).not.toEqual([]);
    await session.dispose();
  });
});

describe("createCloudProxyReport: what it says", () => {
  it("a route that connected once is working; the rules are those of the routes that only failed, with their destinations", () => {
    const { json, text } = createCloudProxyReport({ preflight: BLOCKED_DIRECT, sdkVersion: "4.24.8", userAgent: "UA" });
    expect(json).toMatchObject({
      format: "agora-cloud-proxy-report/1",
      sdkVersion: "4.24.8",
      userAgent: "UA",
      usingCloudProxy: null,
      networkTest: { startedAt: "2025-01-06T09:00:00.000Z", durationMs: 3004, best: "udp" },
      failedRoutes: ["direct"],
      workingRoutes: ["udp", "tls"],
      session: null,
      history: [],
    });
    expect(json.routes.map((r) => `${r.route} ${r.outcome} ${r.ms}`)).toEqual([
      "direct timeout null",
      "udp connected 412",
      "tls connected 655",
    ]);
    expect(json.firewallRules).toEqual(
      AGORA_CLOUD_PROXY_FIREWALL_RULES.filter((rule) => rule.routes.includes("direct")),
    );
    expect(json.firewallRules.every((rule) => rule.destinations.length > 0)).toBe(true);
    // A plain-data report: it survives JSON as it is.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);

    expect(text).toMatch(/^Blocked routes: +direct \(no proxy\)$/m);
    expect(text).toMatch(/^Working routes: +udp \(cloud proxy over UDP, SDK mode 3\); tls /m);
    expect(text).toMatch(/^network test +udp +connected +- +412 ms$/m);
    for (const rule of json.firewallRules) expect(text).toContain(`${rule.protocol} ${rule.ports}: ${rule.purpose}`);
    expect(text).toContain("*.ap.sd-rtn.com");
    expect(text.split("\n").every((line) => line === line.trimEnd())).toBe(true);
  });

  it("aborted and cancelled routes are neither failed nor working; nothing failed means no rules", () => {
    const { json, text } = createCloudProxyReport({
      preflight: preflight([
        { route: "direct", outcome: "connected", connectMs: 300, errorCode: null, usingCloudProxy: false },
        { route: "udp", outcome: "aborted", connectMs: null, errorCode: null, usingCloudProxy: null },
      ]),
    });
    expect(json.failedRoutes).toEqual([]);
    expect(json.workingRoutes).toEqual(["direct"]);
    expect(json.firewallRules).toEqual([]);
    expect(text).toContain("none: no route was blocked");
  });

  it("a failed route carries the SDK's code; a udp failure needs the udp rules only", () => {
    const { json, text } = createCloudProxyReport({
      preflight: preflight([
        { route: "direct", outcome: "connected", connectMs: 300, errorCode: null, usingCloudProxy: false },
        {
          route: "udp",
          outcome: "failed",
          connectMs: null,
          errorCode: "CAN_NOT_GET_GATEWAY_SERVER",
          usingCloudProxy: null,
        },
      ]),
    });
    expect(json.failedRoutes).toEqual(["udp"]);
    expect(json.firewallRules.map((rule) => `${rule.protocol} ${rule.ports}`)).toEqual([
      "TCP 443, 4000",
      "TCP 3433-3460",
      "UDP 3478-3500",
    ]);
    expect(text).toMatch(/udp +failed +CAN_NOT_GET_GATEWAY_SERVER/);
  });

  it("a live session and a snapshot of it give the same report; stalledMs is read when the state has it", async () => {
    const fake = createFakeAgoraClient({ joinLatencyMs: 2 });
    const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "tls" });
    await session.join({ appid: APP_ID, channel: CHANNEL, token: null });
    const live = createCloudProxyReport({ session, userAgent: "UA" }).json;
    const snapshot = createCloudProxyReport({
      session: { state: session.store.getState(), history: session.history.getState() },
      userAgent: "UA",
    }).json;
    expect({ ...snapshot, createdAt: "" }).toEqual({ ...live, createdAt: "" });
    expect(live.session).toEqual({
      connectionState: "CONNECTED",
      proxy: "on",
      mode: "tls",
      route: "tls",
      joinRequested: true,
      stalledMs: null,
      error: null,
    });
    expect(live.history.map((h) => `${h.kind} ${h.name} ${h.detail ?? ""}`.trim())).toEqual(
      session.history.getState().map((h) => `${h.kind} ${h.name} ${h.detail ?? ""}`.trim()),
    );

    const stalled = {
      ...session.store.getState(),
      connectionState: "CONNECTING",
      stalledMs: 12_000,
    } as CloudProxyState;
    const { json, text } = createCloudProxyReport({ session: { state: stalled, history: [] } });
    expect(json.session?.stalledMs).toBe(12_000);
    expect(text).toContain("CONNECTING for 12000 ms");
    await session.dispose();
  });

  it("defaults: no input, the SDK version unknown, the browser from navigator.userAgent", () => {
    const { json, text } = createCloudProxyReport();
    expect(json).toMatchObject({ sdkVersion: "unknown", userAgent: navigator.userAgent, routes: [], session: null });
    expect(navigator.userAgent).toMatch(/jsdom/);
    expect(Date.parse(json.createdAt)).toBeGreaterThan(Date.now() - 5_000);
    expect(text).toMatch(/^Network test: +not run$/m);
  });
});

const JOIN = { appid: APP_ID, channel: CHANNEL, token: TOKEN, uid: UID };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createCloudProxyReport: a join refused for a reason no firewall rule fixes is not a blocked route", () => {
  it.each([
    ["udp", "INVALID_VENDOR_KEY", "invalid vendor key, can not find appid", "udp"],
    ["auto", "INVALID_VENDOR_KEY", "invalid vendor key, can not find appid", "direct"],
    ["tls", "UID_BANNED", "uid banned", "tls"],
    ["udp", "INVALID_PARAMS", "invalid params", "udp"],
    // The real SDK's answer to a bad App ID or token: a gateway code, the reason in the message.
    ["udp", "CAN_NOT_GET_GATEWAY_SERVER", "invalid token, authorized failed", "udp"],
    ["auto", "CAN_NOT_GET_GATEWAY_SERVER", "invalid vendor key, can not find appid", "direct"],
  ] as const)(
    "mode %s, the SDK says %s (%s): refused, no route blocked, no firewall rule",
    async (mode, code, text, route) => {
      const fake = createFakeAgoraClient({ joinLatencyMs: 2 });
      const session = createCloudProxySession(asAgoraRTCClient(fake), { mode, routeMemory: freshRouteMemory() });
      fake.fake.failNextJoin(code, text);
      await session.join(JOIN).catch(() => {});
      await sleep(20);

      const { json, text: ticket } = createCloudProxyReport({ session });
      expect(json.routes).toEqual([
        { from: "call", route, outcome: "refused", errorCode: code, ms: expect.any(Number) },
      ]);
      expect(json.failedRoutes).toEqual([]);
      expect(json.firewallRules).toEqual([]);
      expect(json.refused).toEqual([{ from: "call", route, errorCode: code, advice: expect.any(String) }]);
      expect(ticket).toMatch(new RegExp(`^Refused \\(not the firewall\\): ${route} ${code} — \\w`, "m"));
      if (code === "INVALID_VENDOR_KEY") expect(ticket).toContain(`${code} — check the App ID and token`);
      expect(ticket).toMatch(/^Blocked routes: +none$/m);
      expect(leaks({ json, text: ticket })).toEqual([]);
      await session.dispose();
    },
  );

  it("a join that fails on the network still blocks its route; the summary has no refusal", async () => {
    const fake = createFakeAgoraClient({ joinLatencyMs: 2 });
    const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "udp" });
    fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER", "request gateway timeout");
    await session.join(JOIN).catch(() => {});
    await sleep(20);
    const { json, text } = createCloudProxyReport({ session });
    expect(json.routes).toMatchObject([{ route: "udp", outcome: "failed", errorCode: "CAN_NOT_GET_GATEWAY_SERVER" }]);
    expect(json.failedRoutes).toEqual(["udp"]);
    expect(json.refused).toEqual([]);
    expect(json.firewallRules.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/^Refused/m);
    await session.dispose();
  });

  it("a network test row that failed with a code no firewall fixes is refused too", () => {
    const { json } = createCloudProxyReport({
      preflight: preflight([
        { route: "direct", outcome: "failed", connectMs: null, errorCode: "IP_BANNED", usingCloudProxy: null },
        { route: "udp", outcome: "timeout", connectMs: null, errorCode: null, usingCloudProxy: null },
      ]),
    });
    expect(json.routes.map((r) => `${r.route} ${r.outcome}`)).toEqual(["direct refused", "udp timeout"]);
    expect(json.failedRoutes).toEqual(["udp"]);
    expect(json.refused).toMatchObject([{ from: "network test", route: "direct", errorCode: "IP_BANNED" }]);
  });
});

describe("createCloudProxyReport: the route a join is stuck on", () => {
  it("mode tls, the join hangs: connecting before stalledAfterMs, then stalled; a stalled route is blocked (not proven) and needs its rules", async () => {
    const fake = createFakeAgoraClient({ joinLatencyMs: 2 });
    const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "tls", stalledAfterMs: 50 });
    fake.fake.hangNextJoin();
    void session.join(JOIN).catch(() => {});
    await until(() => session.store.getState().connectionState === "CONNECTING");

    const early = createCloudProxyReport({ session }).json;
    expect(early.routes).toEqual([{ from: "call", route: "tls", outcome: "connecting", errorCode: null, ms: null }]);
    expect(early.failedRoutes).toEqual([]);
    expect(early.firewallRules).toEqual([]);

    await until(() => session.store.getState().stalledMs !== null);
    const stalledMs = session.store.getState().stalledMs;
    const { json, text } = createCloudProxyReport({ session });
    expect(json.routes).toEqual([{ from: "call", route: "tls", outcome: "stalled", errorCode: null, ms: stalledMs }]);
    expect(json.failedRoutes).toEqual(["tls"]);
    expect(json.firewallRules).toEqual(AGORA_CLOUD_PROXY_FIREWALL_RULES.filter((rule) => rule.routes.includes("tls")));
    expect(text).toMatch(/^Blocked routes: +tls \(.*\) — stalled/m);
    expect(text).toMatch(/^call +tls +stalled +- +\d+ ms$/m);
    expect(text).toMatch(/^FIREWALL RULES THE BLOCKED ROUTES NEED \(tls stalled\)$/m);
    expect(leaks({ json, text })).toEqual([]);
    await session.dispose();
  });

  it("auto mode, every route hangs (defaults): past stalledAfterMs the route in flight has only its own time and is connecting; the routes that timed out are the blocked ones", async () => {
    vi.useFakeTimers();
    try {
      const fake = createFakeAgoraClient({ joinLatencyMs: 2 });
      const session = createCloudProxySession(asAgoraRTCClient(fake), {
        mode: "auto",
        routeMemory: freshRouteMemory(),
      });
      for (let i = 0; i < 3; i++) fake.fake.hangNextJoin();
      void session.join(JOIN).catch(() => {});
      await vi.advanceTimersByTimeAsync(10_500);
      const state = session.store.getState();
      expect(state.stalledMs).toBe(10_000);
      expect(state.route).toBe("tls");
      expect(state.attempts.map((a) => `${a.route} ${a.outcome}`)).toEqual(["direct timeout", "udp timeout"]);

      const { json, text } = createCloudProxyReport({ session });
      const tls = json.routes.at(-1);
      expect(tls).toMatchObject({ from: "call", route: "tls", outcome: "connecting", errorCode: null });
      // The join's time less the two timeouts: tls has been trying under a second, not 10 s.
      const spent = state.stalledMs! - state.attempts.reduce((sum, a) => sum + a.ms, 0);
      expect(tls?.ms).toBe(Math.max(0, spent));
      expect(tls?.ms).toBeLessThan(1_000);
      expect(json.failedRoutes).toEqual(["direct", "udp"]);
      expect(json.firewallRules).toEqual(
        AGORA_CLOUD_PROXY_FIREWALL_RULES.filter((rule) => rule.routes.some((r) => r === "direct" || r === "udp")),
      );
      expect(text).toMatch(/^call +tls +connecting +- +\d{1,3} ms$/m);
      expect(text).not.toMatch(/tls stalled/);
      expect(text).toMatch(/^FIREWALL RULES THE BLOCKED ROUTES NEED \(direct, udp\)$/m);

      // Two seconds on, tls has had two more (to stalledMs' one-second steps), not the join's 12.
      await vi.advanceTimersByTimeAsync(2_000);
      expect(session.store.getState().stalledMs).toBe(12_000);
      expect(createCloudProxyReport({ session }).json.routes.at(-1)).toMatchObject({
        route: "tls",
        outcome: "connecting",
        ms: Math.max(0, spent) + 2_000,
      });
      await session.dispose().catch(() => {});
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("createCloudProxyReport: input it can't trust", () => {
  const FORGED = "4.24.8\nBlocked routes:    none (all fine)";

  it("an SDK version or user agent with line breaks or control characters adds no line to the ticket", () => {
    const { json, text } = createCloudProxyReport({
      preflight: BLOCKED_DIRECT,
      sdkVersion: FORGED,
      userAgent: "UA\r\nWorking routes:\tall\u0000\u001b[2J\u2028x",
    });
    expect(json.sdkVersion).toBe("4.24.8 Blocked routes:    none (all fine)");
    expect(json.userAgent).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
    expect(text.match(/^Blocked routes:/gm)).toHaveLength(1);
    expect(text.match(/^Working routes:/gm)).toHaveLength(1);
    expect(text).toMatch(/^Blocked routes: +direct \(no proxy\)$/m);
    expect(text).toMatch(/^SDK: +agora-rtc-sdk-ng 4\.24\.8 Blocked routes: +none \(all fine\)$/m);
  });

  it("a version or user agent that is not a string is unknown; a long one is cut", () => {
    const odd = createCloudProxyReport({
      sdkVersion: { major: 4 } as unknown as string,
      userAgent: 42 as unknown as string,
    });
    expect(odd.json).toMatchObject({ sdkVersion: "unknown", userAgent: "unknown" });
    expect(odd.text).not.toContain("[object Object]");
    const long = createCloudProxyReport({ sdkVersion: "9".repeat(10_000), userAgent: "u".repeat(10_000) }).json;
    expect(long.sdkVersion.length).toBeLessThanOrEqual(300);
    expect(long.userAgent.length).toBeLessThanOrEqual(300);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a string", "yesterday"],
    ["undefined", undefined],
  ])("a network test whose startedAt is %s: the report says unknown instead of throwing", (_, startedAt) => {
    const { json, text } = createCloudProxyReport({
      preflight: { ...BLOCKED_DIRECT, startedAt } as unknown as CloudProxyPreflightResult,
      // A hand-made snapshot's history may carry such a time too.
      session: { state: null, history: [{ at: startedAt, kind: "call", name: "join", detail: "udp" }] } as never,
    });
    expect(json.networkTest).toMatchObject({ startedAt: null, durationMs: 3004, best: "udp" });
    expect(json.history).toEqual([{ at: "unknown", kind: "call", name: "join", detail: "udp" }]);
    expect(json.failedRoutes).toEqual(["direct"]);
    expect(text).toMatch(/^Network test: +started at an unknown time, took 3004 ms, best route udp$/m);
  });
});
