// @vitest-environment jsdom
// How often consumers render per join cycle (join -> CONNECTED -> leave -> DISCONNECTED), on the
// fake client (the real SDK never reaches CONNECTED offline). "Commits" are counted in an effect,
// so StrictMode's dev-only double render doesn't inflate them.
import {
  CloudProxyProvider,
  useCloudProxyClient,
  useCloudProxyStatus,
  type UseCloudProxyClientResult,
} from "@agora-cloud-proxy/react";
import { useContext, useEffect } from "react";
import { expect, it } from "vitest";
import { CloudProxyContext } from "../../packages/react/src/cloudProxyContext";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { fakeSdk, JOIN, sessionGone, until } from "./support/sdkUnderTest";

interface Counter {
  renders: number;
  commits: number;
}

const counter = (): Counter => ({ renders: 0, commits: 0 });

function useCount(count: Counter): void {
  count.renders += 1;
  useEffect(() => {
    count.commits += 1;
  });
}

function WholeStatus({ count, api }: { count: Counter; api: { current: UseCloudProxyClientResult | null } }) {
  const call = useCloudProxyClient();
  useCount(count);
  useEffect(() => {
    api.current = call;
  });
  return <output data-testid="whole">{call.status.connectionState}</output>;
}

function ConnectedFlag({ count }: { count: Counter }) {
  const connected = useCloudProxyStatus((s) => s.connectionState === "CONNECTED");
  useCount(count);
  return <output data-testid="flag">{String(connected)}</output>;
}

const shallowEqual = <T extends Record<string, unknown>>(a: T, b: T): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((key) => Object.is(a[key], b[key]));

function ProxyOnly({ count }: { count: Counter }) {
  const proxy = useCloudProxyStatus((s) => ({ proxy: s.proxy, mode: s.mode }), shallowEqual);
  useCount(count);
  return <output data-testid="proxy">{`${proxy.proxy}/${proxy.mode}`}</output>;
}

/** Counts the session's store changes, as React can't batch them: the most renders a consumer of all of it may need. */
function StoreChanges({ changes }: { changes: { count: number } }) {
  const owner = useContext(CloudProxyContext);
  useEffect(
    () =>
      owner?.getState().session?.store.subscribe(() => {
        changes.count += 1;
      }),
    [owner, changes],
  );
  return null;
}

describeEachReactMode("render counts per join cycle (fake client)", (mode) => {
  it("useCloudProxyStatus(s => s.connectionState === 'CONNECTED') commits exactly twice per join cycle; useCloudProxyClient() once per state change it sees", async () => {
    const sdk = fakeSdk({ joinLatencyMs: 10, leaveLatencyMs: 5 });
    const whole = counter();
    const flag = counter();
    const proxyOnly = counter();
    const changes = { count: 0 };
    const api: { current: UseCloudProxyClientResult | null } = { current: null };
    const view = renderIn(
      mode,
      <CloudProxyProvider client={sdk.client}>
        <WholeStatus count={whole} api={api} />
        <ConnectedFlag count={flag} />
        <ProxyOnly count={proxyOnly} />
        <StoreChanges changes={changes} />
      </CloudProxyProvider>,
    );
    await until(() => view.getByTestId("proxy").textContent === "on/udp");
    await new Promise((resolve) => setTimeout(resolve, 20));

    const before = { whole: { ...whole }, flag: { ...flag }, proxyOnly: { ...proxyOnly }, changes: changes.count };
    // Outside act(), as in an app: act() would batch the whole cycle into one commit.
    await api.current!.join(JOIN);
    await until(() => view.getByTestId("flag").textContent === "true");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api.current!.leave();
    await until(
      () =>
        view.getByTestId("flag").textContent === "false" && view.getByTestId("whole").textContent === "DISCONNECTED",
    );
    await new Promise((resolve) => setTimeout(resolve, 20));

    const perCycle = (now: Counter, then: Counter) => ({
      renders: now.renders - then.renders,
      commits: now.commits - then.commits,
    });
    const counts = {
      useCloudProxyClient: perCycle(whole, before.whole),
      connectedSelector: perCycle(flag, before.flag),
      proxySelectorWithShallowEqual: perCycle(proxyOnly, before.proxyOnly),
    };
    const storeChanges = changes.count - before.changes;

    expect(counts.connectedSelector.commits).toBe(2); // false -> true, true -> false
    expect(counts.proxySelectorWithShallowEqual.commits).toBe(0); // the proxy stayed on
    // At most one commit per store change (joinRequested, CONNECTING with its route, CONNECTED,
    // usingCloudProxy and uid, the attempt, then joinRequested false, DISCONNECTING, DISCONNECTED);
    // React batches the changes of one tick into one commit.
    expect(storeChanges).toBe(8);
    expect(counts.useCloudProxyClient.commits).toBeLessThanOrEqual(storeChanges);
    expect(counts.useCloudProxyClient.commits).toBeGreaterThanOrEqual(5); // each change of connectionState or joinRequested is seen
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok"]);

    view.unmount();
    await sessionGone(sdk);
  });

  it("an inline selector and a parent re-render don't re-render the consumer more than the parent does", async () => {
    const sdk = fakeSdk();
    const flag = counter();
    const view = renderIn(
      mode,
      <CloudProxyProvider client={sdk.client}>
        <ConnectedFlag count={flag} />
      </CloudProxyProvider>,
    );
    await until(() => sdk.proxyMode() === "proxy3");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const commits = flag.commits;
    view.rerender(
      <CloudProxyProvider client={sdk.client}>
        <ConnectedFlag count={flag} />
      </CloudProxyProvider>,
    );
    expect(flag.commits - commits).toBe(1);
    view.unmount();
    await sessionGone(sdk);
  });
});
