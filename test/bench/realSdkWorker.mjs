// One worker of benchmark 1 on the REAL agora-rtc-sdk-ng (see realSdkOverhead.mjs, which
// runs two of these): jsdom by hand, the SDK with a network that never answers, the built core,
// and a pool of real clients. Each round it is asked for runs its lifetimes side by side and
// answers with the process's CPU time (process.cpuUsage) per lifetime.
import { networkAttempts } from "./offlineJsdom.mjs";

const perRound = Number(process.env.BENCH_PER_ROUND ?? 100);
const APPID = "benchbenchbenchbenchbenchbench00";
const JOIN = { appid: APPID, channel: "bench", token: null, uid: 1 };

// The SDK logs to the console as it loads and as joins fail.
for (const method of ["log", "info", "warn", "error", "debug"]) console[method] = () => {};

const { default: AgoraRTC } = await import("agora-rtc-sdk-ng");
AgoraRTC.setLogLevel(4);
AgoraRTC.disableLogUpload();
const { createCloudProxySession } = await import("../../packages/core/dist/index.js");

const gc = globalThis.gc;
if (!gc) throw new Error("run with node --expose-gc");
const noop = () => {};

/**
 * The real clients, one per lifetime of a round, made once and reused by every round of both
 * sides: the SDK never lets a client go (its global network-state emitter keeps a listener per
 * client), so a new client per lifetime would grow the heap, and the CPU time, round by round.
 * Their four ordering methods record each lifetime's calls on the instance (the same thin
 * wrapper on both sides); `joinIssued` resolves when the SDK's join was called, `joinSettled`
 * when it settled.
 */
const clients = Array.from({ length: perRound }, () => {
  const client = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
  const slot = { client, lifetime: undefined };
  for (const method of ["startProxyServer", "stopProxyServer", "leave"]) {
    const original = client[method];
    client[method] = function (...args) {
      slot.lifetime.calls.push(method === "startProxyServer" ? `${method}(${String(args[0])})` : method);
      return original.apply(this, args);
    };
  }
  const join = client.join;
  client.join = function (...args) {
    const { lifetime } = slot;
    const promise = join.apply(this, args);
    const call = { outcome: "pending" };
    lifetime.calls.push(call);
    lifetime.joinSettled = promise.then(
      () => void (call.outcome = "join:ok"),
      (error) => void (call.outcome = `join:${String(error?.code)}`),
    );
    lifetime.markJoinIssued();
    return promise;
  };
  return slot;
});

/** A new lifetime on a pooled client. */
function prepare(slot) {
  const lifetime = {
    client: slot.client,
    calls: [],
    joinSettled: undefined,
    joinIssued: undefined,
    markJoinIssued: noop,
  };
  lifetime.joinIssued = new Promise((resolve) => (lifetime.markJoinIssued = resolve));
  slot.lifetime = lifetime;
  return lifetime;
}

/**
 * The user hangs up while the call is CONNECTING: both sides leave the same time after the
 * SDK's join was called, so the SDK's join has come equally far when leave cancels it.
 */
const hangUpDelay = () => new Promise((resolve) => setTimeout(resolve, 10));

async function handWritten(subject) {
  const { client } = subject;
  client.startProxyServer(3);
  const joined = client.join(APPID, JOIN.channel, null, 1).catch(noop);
  await subject.joinIssued;
  await hangUpDelay();
  await client.leave();
  client.stopProxyServer();
  await joined;
}

async function throughSession(subject) {
  const session = createCloudProxySession(subject.client, { mode: "udp" });
  const joined = session.join(JOIN).catch(noop); // rejects CANCELLED: the leave below
  await subject.joinIssued;
  await hangUpDelay();
  await session.leave();
  await session.dispose();
  await joined;
  await subject.joinSettled;
}

const EXPECTED = "startProxyServer(3),join:OPERATION_ABORTED,leave,stopProxyServer";

function check(subject, side) {
  const calls = subject.calls.map((call) => (typeof call === "string" ? call : call.outcome)).join(",");
  const { connectionState } = subject.client;
  const proxy = subject.client._cloudProxyServerMode;
  if (calls !== EXPECTED || connectionState !== "DISCONNECTED" || proxy !== "disabled") {
    throw new Error(`${side}: SDK saw ${calls}, ended ${connectionState} with proxy ${proxy}; expected ${EXPECTED}`);
  }
}

/** One round: `perRound` lifetimes side by side; CPU ms per lifetime. */
async function round(lifetime, side) {
  const subjects = clients.map(prepare);
  gc();
  const start = process.cpuUsage();
  await Promise.all(subjects.map(lifetime));
  const { user, system } = process.cpuUsage(start);
  for (const subject of subjects) check(subject, side);
  return (user + system) / 1000 / perRound;
}

const LIFETIMES = { "hand-written": handWritten, session: throughSession };

// The coordinator asks for one round at a time: { side }; the answer is the CPU time per
// lifetime, or the error that stopped the round.
process.on("message", (message) => {
  if (message === "exit") process.exit(0); // the SDK keeps timers of its own: nothing to wait for
  round(LIFETIMES[message.side], message.side).then(
    (cpuMs) => process.send({ cpuMs, networkAttempts: networkAttempts.length }),
    (error) => process.send({ error: String(error?.stack ?? error) }),
  );
});
// The coordinator gone (killed, timed out): nothing left to measure for.
process.on("disconnect", () => process.exit(0));
process.send("ready");
