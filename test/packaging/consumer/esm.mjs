// Run by test/packaging/run.mjs inside a scratch app that installed the packed tarballs:
// `node esm.mjs <entry>...`. Every Node-safe entry imports without a DOM, and core drives
// the fake client from @agora-cloud-proxy/testing through a whole call.
import assert from "node:assert/strict";

assert.equal(typeof globalThis.window, "undefined", "this check must run without a DOM");
for (const specifier of process.argv.slice(2)) {
  const entry = await import(specifier);
  assert.ok(Object.keys(entry).length > 0, `${specifier} has no exports`);
  console.log(`import ${specifier}: ${Object.keys(entry).sort().join(", ")}`);
}

const { createCloudProxySession, isCloudProxyError } = await import("@agora-cloud-proxy/core");
const { asAgoraRTCClient, createFakeAgoraClient } = await import("@agora-cloud-proxy/testing");

const fake = createFakeAgoraClient();
const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "tls" });
await session.join({ appid: "app", channel: "room", token: null });
await session.dispose();
assert.deepEqual(
  fake.fake.calls.map((call) => call.method),
  ["startProxyServer", "join", "leave", "stopProxyServer"],
);
assert.equal(
  isCloudProxyError(await session.join({ appid: "app", channel: "room" }).catch((error) => error), "DISPOSED"),
  true,
);
console.log("ESM: a session over the fake client ran start -> join -> leave -> stop");

// The storybook entry (given when the react package is packed too): its loader makes the same
// fake client as the main entry (one shared chunk), which core drives like any other.
if (process.argv.includes("@agora-cloud-proxy/testing/storybook")) {
  const storybook = await import("@agora-cloud-proxy/testing/storybook");
  const client = storybook.getFakeAgoraClient(
    await storybook.loadFakeAgoraClient({ parameters: { cloudProxy: { client: { joinLatencyMs: 0 } } } }),
  );
  const storySession = createCloudProxySession(asAgoraRTCClient(client), { mode: "udp" });
  await storySession.join({ appid: "app", channel: "room", token: null });
  await storySession.dispose();
  assert.deepEqual(storybook.sdkCalls(client), ["startProxyServer(3)", "join", "leave()", "stopProxyServer()"]);
  assert.equal(typeof storybook.withCloudProxy, "function");
  console.log("ESM: the storybook entry's loader made a fake client that core drove through a call");
}
