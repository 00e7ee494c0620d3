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
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
