// Run by test/packaging/run.mjs inside a scratch app that installed the packed tarballs:
// `node cjs.cjs <entry>...`. The same checks as esm.mjs, through require().
const assert = require("node:assert/strict");

assert.equal(typeof globalThis.window, "undefined", "this check must run without a DOM");
for (const specifier of process.argv.slice(2)) {
  const entry = require(specifier);
  assert.ok(Object.keys(entry).length > 0, `${specifier} has no exports`);
  console.log(`require ${specifier}: ${Object.keys(entry).sort().join(", ")}`);
}

const { createCloudProxySession, CloudProxyError } = require("@agora-cloud-proxy/core");
const { asAgoraRTCClient, createFakeAgoraClient } = require("@agora-cloud-proxy/testing");

async function main() {
  const fake = createFakeAgoraClient();
  const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "udp" });
  await session.join({ appid: "app", channel: "room", token: null });
  await session.dispose();
  assert.deepEqual(
    fake.fake.calls.map((call) => call.method),
    ["startProxyServer", "join", "leave", "stopProxyServer"],
  );
  assert.throws(() => session.setProxy(4), CloudProxyError);
  console.log("CJS: a session over the fake client ran start -> join -> leave -> stop");

  // The storybook entry (given when the react package is packed too), through require().
  if (process.argv.includes("@agora-cloud-proxy/testing/storybook")) {
    const storybook = require("@agora-cloud-proxy/testing/storybook");
    const client = storybook.getFakeAgoraClient(await storybook.loadFakeAgoraClient({}));
    const storySession = createCloudProxySession(asAgoraRTCClient(client), { mode: "tls" });
    await storySession.join({ appid: "app", channel: "room", token: null });
    await storySession.dispose();
    assert.deepEqual(storybook.sdkCalls(client), ["startProxyServer(5)", "join", "leave()", "stopProxyServer()"]);
    console.log("CJS: the storybook entry's loader made a fake client that core drove through a call");
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
