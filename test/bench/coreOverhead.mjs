// Benchmark 1, core overhead, in a plain Node process on the built packages: what an app
// ships and runs. Inside vitest the same code runs under async hooks that tax every promise,
// which would measure the test runner rather than the session. Prints one JSON line.
import { createCloudProxySession } from "../../packages/core/dist/index.js";
import { asAgoraRTCClient, createFakeAgoraClient } from "../../packages/testing/dist/index.js";
import { compare } from "./compare.mjs";

const short = process.argv.includes("--short");
const rounds = short ? 9 : 21;
const iterations = short ? 3_000 : 5_000;
const JOIN = { appid: "benchbenchbenchbenchbenchbench00", channel: "bench", token: null, uid: 1 };

// The hand-written correct sequence: proxy on, join, leave, proxy off, on a new client.
const imperative = async () => {
  const client = createFakeAgoraClient();
  client.startProxyServer(3);
  await client.join(JOIN.appid, JOIN.channel, null, 1);
  await client.leave();
  client.stopProxyServer();
};

/**
 * The floor for any wrapper that takes requests the way the session must: two SDK listeners,
 * one microtask per request (so same-tick calls can merge), a new state object per change.
 * No ordering logic at all; it shows how much of the ratio is the fake being nearly free.
 */
class MinimalAsyncWrapper {
  state = { mode: null, uid: null };
  #onState = () => {};
  #onProxy = () => {};
  constructor(client) {
    this.client = client;
    client.on("connection-state-change", this.#onState);
    client.on("is-using-cloud-proxy", this.#onProxy);
  }
  async start() {
    await null;
    this.client.startProxyServer(3);
    this.state = { ...this.state, mode: "udp" };
  }
  async join() {
    await null;
    const uid = await this.client.join(JOIN.appid, JOIN.channel, null, 1);
    this.state = { ...this.state, uid };
  }
  async leave() {
    await null;
    await this.client.leave();
    this.state = { ...this.state, uid: null };
  }
  async dispose() {
    await null;
    this.client.stopProxyServer();
    this.client.off("connection-state-change", this.#onState);
    this.client.off("is-using-cloud-proxy", this.#onProxy);
    this.state = { ...this.state, mode: null };
  }
}

// 1. A call's lifetime: a client, the proxy started, join, leave, the proxy stopped.
const lifetime = await compare(rounds, iterations, imperative, async () => {
  const session = createCloudProxySession(asAgoraRTCClient(createFakeAgoraClient()), { mode: "udp" });
  await session.join(JOIN);
  await session.leave();
  await session.dispose();
});

const floor = await compare(rounds, iterations, imperative, async () => {
  const wrapper = new MinimalAsyncWrapper(createFakeAgoraClient());
  await wrapper.start();
  await wrapper.join();
  await wrapper.leave();
  await wrapper.dispose();
});

// 1b. The same cycle again and again on one long-lived client and session.
const bare = createFakeAgoraClient();
const session = createCloudProxySession(asAgoraRTCClient(createFakeAgoraClient()), { mode: "off" });
const longLived = await compare(
  rounds,
  iterations,
  async () => {
    bare.startProxyServer(3);
    await bare.join(JOIN.appid, JOIN.channel, null, 1);
    await bare.leave();
    bare.stopProxyServer();
  },
  async () => {
    await session.setProxy("udp");
    await session.join(JOIN);
    await session.leave();
    await session.setProxy("off");
  },
);
await session.dispose();

console.log(JSON.stringify({ lifetime, floor, longLived }));
