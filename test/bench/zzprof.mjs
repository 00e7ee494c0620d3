import "./offlineJsdom.mjs";
for (const method of ["log", "info", "warn", "error", "debug"]) console[method] = () => {};
const { default: AgoraRTC } = await import("agora-rtc-sdk-ng");
AgoraRTC.setLogLevel(4); AgoraRTC.disableLogUpload();
const { createCloudProxySession } = await import("../../packages/core/dist/index.js");
const JOIN = { appid: "benchbenchbenchbenchbenchbench00", channel: "bench", token: null, uid: 1 };
const noop = () => {};
const clients = Array.from({ length: 100 }, () => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }));
const side = process.argv[2];
async function life(client) {
  if (side === "hand") {
    client.startProxyServer(3);
    const joined = client.join(JOIN.appid, JOIN.channel, null, 1).catch(noop);
    await new Promise((r) => setTimeout(r, 12));
    await client.leave(); client.stopProxyServer(); await joined;
  } else {
    const s = createCloudProxySession(client, { mode: "udp" });
    const joined = s.join(JOIN).catch(noop);
    await new Promise((r) => setTimeout(r, 12));
    await s.leave(); await s.dispose(); await joined;
  }
}
for (let r = 0; r < 15; r++) await Promise.all(clients.map(life));
process.exit(0);
