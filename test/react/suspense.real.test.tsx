// @vitest-environment jsdom
// <Suspense> around a provider whose client comes from an async factory, with a child that
// suspends (on `use(promise)`, or a thrown promise on React 18) before it joins in an effect.
// When the child suspends, React hides the provider's already-committed tree; when it reveals it
// again, StrictMode (React 19) replays the provider's effects. That replay must not reach the
// SDK: exactly start(3), join. Of the placements tried (provider inside or outside <Suspense>,
// a suspending sibling, a suspending wrapper), only "provider inside <Suspense>, child suspends
// below it" flaps today; the others are not kept here.
import "../support/realSdk";
import { CloudProxyProvider } from "@agora-cloud-proxy/react";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import * as React from "react";
import { Suspense, type ReactNode } from "react";
import { expect, it } from "vitest";
import { JoinOnMount } from "./support/callComponents";
import { pause, releaseAfter, sdkView } from "./support/ownership";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { realSdk, sessionGone, until } from "./support/sdkUnderTest";

interface Resource {
  readonly promise: Promise<void>;
  done: boolean;
}

/** Data the page needs before it can join, ready after `ms`. */
function resourceAfter(ms: number): Resource {
  const resource: Resource = {
    done: false,
    promise: new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => {
      resource.done = true;
    }),
  };
  return resource;
}

// React 19's use(); React 18 has none, and a component suspends by throwing the promise.
const reactUse = (React as { use?: (promise: Promise<void>) => void }).use;

function WaitFor({ resource, children }: { resource: Resource; children: ReactNode }) {
  if (reactUse) reactUse(resource.promise);
  // React 18's Suspense protocol: a component suspends by throwing the promise it waits for.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  else if (!resource.done) throw resource.promise;
  return children;
}

const TIMINGS = [
  { name: "the client first, then the data", factoryMs: 0, dataMs: 20 },
  { name: "the data first, then the client", factoryMs: 20, dataMs: 0 },
];

describeEachReactMode(
  "<Suspense> around a provider with an async client factory (real SDK)",
  (mode) => {
    for (const { name, factoryMs, dataMs } of TIMINGS) {
      it(`provider inside <Suspense>, the child suspends before joining (${name}): the SDK gets exactly start(3) join`, async (ctx) => {
        const sdk = await realSdk();
        const factory = () =>
          new Promise<IAgoraRTCClient>((resolve) => setTimeout(() => resolve(sdk.client), factoryMs));
        const resource = resourceAfter(dataMs);
        const view = renderIn(
          mode,
          <Suspense fallback={<p>loading</p>}>
            <CloudProxyProvider client={factory} mode="udp">
              <WaitFor resource={resource}>
                <JoinOnMount />
              </WaitFor>
            </CloudProxyProvider>
          </Suspense>,
        );
        releaseAfter(ctx, [sdk], view.unmount);
        await until(() => sdk.client.connectionState === "CONNECTING");
        await pause(100);
        expect(view.container.textContent).toBe("call");
        expect(sdkView(sdk)).toEqual({
          log: ["startProxyServer(3):ok", "join:pending"],
          state: "CONNECTING",
          proxy: "proxy3",
          errors: [],
        });

        view.unmount();
        await sessionGone(sdk);
        expect(sdk.log().slice(-3)).toEqual(["join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
        expect(sdkView(sdk)).toMatchObject({ state: "DISCONNECTED", proxy: "disabled", errors: [] });
      });
    }
  },
  { concurrent: true },
);
