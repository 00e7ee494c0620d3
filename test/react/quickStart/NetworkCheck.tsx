import { CloudProxyProvider, createCloudProxyReport, useCloudProxyPreflight } from "@agora-cloud-proxy/react";
import { Call, createClient } from "./QuickStart"; // the React quick start above

export function NetworkCheck({ appid }: { appid: string }) {
  const test = useCloudProxyPreflight({
    createClient, // called once per route: each route joins on its own throwaway client
    join: { appid, channel: "network-test", token: null },
    timeoutMs: 5000, // per route; unmount cancels and releases every throwaway client
  });
  const copyReport = () => navigator.clipboard.writeText(createCloudProxyReport({ preflight: test.result }).text);
  return (
    <>
      <button disabled={test.running} onClick={() => void test.run()}>
        Test the network
      </button>
      {test.results.map((r) => (
        <p key={r.route}>{`${r.route}: ${r.outcome}`}</p>
      ))}
      {test.result && <button onClick={() => void copyReport()}>Copy a report for IT</button>}
      <CloudProxyProvider client={createClient} mode="auto" preflight={test.result} fallback={<p>Loading…</p>}>
        <Call appid={appid} channel="support" />
      </CloudProxyProvider>
    </>
  );
}
