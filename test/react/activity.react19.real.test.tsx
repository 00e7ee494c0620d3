// @vitest-environment jsdom
// <Activity> (React 19.2+) around a provider: hiding runs every effect cleanup below it (the
// call leaves, the provider lets go), showing runs the effects again: the call must rejoin on a
// live session. React 18 has no <Activity>; there this file only checks that it is React 18.
import "../support/realSdk";
import { CloudProxyProvider, useCloudProxyClient } from "@agora-cloud-proxy/react";
import type { UID } from "agora-rtc-sdk-ng";
import * as React from "react";
import { useEffect } from "react";
import { describe, expect, it } from "vitest";
import { StatusLine } from "./support/callComponents";
import { pause, releaseAfter, sdkView, watch, within, type Settled } from "./support/ownership";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { JOIN, realSdk, sessionGone, until, type SdkUnderTest } from "./support/sdkUnderTest";

// Read off the namespace: on React 18 the export is missing, not an import error.
const Activity = (
  React as { Activity?: React.ComponentType<{ mode: "visible" | "hidden"; children?: React.ReactNode }> }
).Activity;

/** Joins once on mount and leaves in its cleanup, the way apps write a call page. */
function Call({ onJoin }: { onJoin: (joined: Promise<UID>) => void }) {
  const { join, leave } = useCloudProxyClient();
  useEffect(() => {
    onJoin(join(JOIN));
    return () => void leave();
    // The pattern under test: join/leave captured once, at mount (they belong to the provider).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <p>call</p>;
}

function App({
  sdk,
  visible,
  onJoin,
}: {
  sdk: SdkUnderTest;
  visible: boolean;
  onJoin: (joined: Promise<UID>) => void;
}) {
  const Boundary = Activity!;
  return (
    <Boundary mode={visible ? "visible" : "hidden"}>
      <CloudProxyProvider client={sdk.client} mode="udp">
        <Call onJoin={onJoin} />
        <StatusLine />
      </CloudProxyProvider>
    </Boundary>
  );
}

if (Activity === undefined) {
  describe("<Activity> around a CloudProxyProvider", () => {
    it("is React 19.2+ only: this is React 18, which has no <Activity>", () => {
      expect(React.version).toMatch(/^18\./);
    });
  });
} else {
  describeEachReactMode(
    "<Activity> around a CloudProxyProvider (React 19.2+, real SDK)",
    (mode) => {
      it("hidden: the call leaves and the proxy stops; visible again: start(3) then join, CONNECTING, the new join is not rejected", async (ctx) => {
        const sdk = await realSdk();
        const joins: Settled[] = [];
        const onJoin = (joined: Promise<UID>) => joins.push(watch(joined));
        const view = renderIn(mode, <App sdk={sdk} visible onJoin={onJoin} />);
        releaseAfter(ctx, [sdk], view.unmount);
        await until(() => sdk.client.connectionState === "CONNECTING");
        await pause(20);
        expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:pending"]);

        view.rerender(<App sdk={sdk} visible={false} onJoin={onJoin} />);
        await until(() => sdk.log().includes("stopProxyServer:ok"));
        await sdk.settled();
        const hidden = ["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"];
        expect(sdkView(sdk)).toEqual({ log: hidden, state: "DISCONNECTED", proxy: "disabled", errors: [] });
        const joinsBefore = joins.length;

        view.rerender(<App sdk={sdk} visible onJoin={onJoin} />);
        await within(2_000, () => expect(sdk.client.connectionState).toBe("CONNECTING"));
        await pause(50);
        expect(sdkView(sdk)).toEqual({
          log: [...hidden, "startProxyServer(3):ok", "join:pending"],
          state: "CONNECTING",
          proxy: "proxy3",
          errors: [],
        });
        // StrictMode replays the revealed effects (leave, join): the first join is cancelled by
        // that leave, as at a first mount. None lands on the disposed session (DISPOSED).
        // The status is the new session's, not the disposed one's.
        await within(2_000, () => expect(view.container.textContent).toBe("callon/udp/CONNECTING"));
        const outcomes = joins.slice(joinsBefore).map((join) => join.outcome);
        expect(outcomes).toEqual(mode.name === "StrictMode" ? ["CANCELLED", "pending"] : ["pending"]);

        view.unmount();
        await sessionGone(sdk);
        expect(sdk.log().slice(-3)).toEqual(["join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
        expect(sdkView(sdk)).toMatchObject({ state: "DISCONNECTED", proxy: "disabled", errors: [] });
      });
    },
    { concurrent: true },
  );
}
