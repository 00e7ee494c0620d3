// @vitest-environment jsdom
import { useCloudProxyClient, useCloudProxyStatus } from "@agora-cloud-proxy/react";
import { Component, type ReactNode } from "react";
import { afterEach, beforeEach, expect, it, vi, type MockInstance } from "vitest";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";

class Boundary extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null };
  static getDerivedStateFromError(error: Error) {
    return { message: error.message };
  }
  override render() {
    return this.state.message ?? this.props.children;
  }
}

// React reports a render error it hands to a boundary (console.error; React 18 also replays it
// as a window "error" event in dev). Expected here, so keep it out of the test output.
const swallow = (event: ErrorEvent) => event.preventDefault();
let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
  window.addEventListener("error", swallow);
});
afterEach(() => {
  window.removeEventListener("error", swallow);
  consoleError.mockRestore();
});

function ClientUser() {
  useCloudProxyClient();
  return null;
}

function StatusUser() {
  useCloudProxyStatus((s) => s.proxy);
  return null;
}

describeEachReactMode("hooks outside <CloudProxyProvider>", (mode) => {
  it("useCloudProxyClient() throws an error that names the provider to add, or the option to pass", () => {
    const view = renderIn(
      mode,
      <Boundary>
        <ClientUser />
      </Boundary>,
    );
    expect(view.container.textContent).toBe(
      "useCloudProxyClient() was called outside <CloudProxyProvider>. Wrap the call UI in <CloudProxyProvider client={...}> or pass { client } to the hook.",
    );
  });

  it("useCloudProxyStatus() throws an error that names the provider to add", () => {
    const view = renderIn(
      mode,
      <Boundary>
        <StatusUser />
      </Boundary>,
    );
    expect(view.container.textContent).toBe(
      "useCloudProxyStatus() was called outside <CloudProxyProvider>. Wrap the call UI in <CloudProxyProvider client={...}>.",
    );
  });
});
