// @vitest-environment jsdom
// <SdkCallLog> (from @agora-cloud-proxy/testing/storybook) re-renders from client.fake.subscribe:
// every change shows at once (act() flushes React, no time passes), including a connection state
// change no SDK call caused, and it holds no SDK event listener and no subscription once unmounted.
import { createFakeAgoraClient, type FakeAgoraClient } from "@agora-cloud-proxy/testing";
import { SdkCallLog } from "@agora-cloud-proxy/testing/storybook";
import { act } from "@testing-library/react";
import { expect, it } from "vitest";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";

/** Counts the subscriptions currently open on `client.fake.subscribe`. */
function countSubscriptions(client: FakeAgoraClient): { readonly open: number } {
  const counter = { open: 0 };
  const subscribe = client.fake.subscribe.bind(client.fake);
  client.fake.subscribe = (listener) => {
    counter.open += 1;
    const unsubscribe = subscribe(listener);
    return () => {
      counter.open -= 1;
      unsubscribe();
    };
  };
  return counter;
}

describeEachReactMode("<SdkCallLog> (fake client)", (mode) => {
  it("shows each call, its outcome and the connection state as soon as they change", async () => {
    const client = createFakeAgoraClient({ joinLatencyMs: 5 });
    const subscriptions = countSubscriptions(client);
    const view = renderIn(mode, <SdkCallLog client={client} />);
    const heading = () => view.container.querySelector("h3")?.textContent;
    const rows = () => [...view.container.querySelectorAll("li")].map((row) => row.textContent);
    expect(heading()).toBe("SDK calls · DISCONNECTED");
    expect(view.container.textContent).toContain("None yet.");

    act(() => client.startProxyServer(5));
    act(() => expect(() => client.startProxyServer(9)).toThrow());
    expect(rows()).toEqual(["startProxyServer(5) ok", "startProxyServer(9) INVALID_PARAMS"]);

    let joined: Promise<unknown> = Promise.resolve();
    act(() => {
      joined = client.join("app-id", "room", null, 1);
    });
    expect(heading()).toBe("SDK calls · CONNECTING");
    expect(rows().at(-1)).toBe("join pending");
    await act(() => joined);
    expect(heading()).toBe("SDK calls · CONNECTED");
    expect(rows().at(-1)).toBe("join ok");

    // No SDK call changes here: only the connection state does.
    await act(() => client.fake.dropNetwork());
    expect(heading()).toBe("SDK calls · DISCONNECTED");
    expect(rows()).toHaveLength(3);

    expect(client.fake.listenerCount()).toBe(0);
    expect(subscriptions.open).toBe(1);
    view.unmount();
    expect(subscriptions.open).toBe(0);
  });
});
