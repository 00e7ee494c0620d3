// @vitest-environment jsdom
// Issue 6, bad input through the React layer: every row renders the input into
// <CloudProxyProvider> or useCloudProxyClient({ client }) and asserts the CloudProxyError code
// that reaches onError, that nothing was thrown inside render (an error boundary records),
// that no promise was left rejected unhandled, and that the SDK (a fake client) was not touched.
import {
  CloudProxyProvider,
  useCloudProxyClient,
  type CloudProxyError,
  type CloudProxyErrorCode,
  type CloudProxyModeInput,
  type CloudProxyOptions,
} from "@agora-cloud-proxy/react";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { Component, type ReactNode } from "react";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { until } from "./support/sdkUnderTest";

class RecordingBoundary extends Component<{ thrown: unknown[]; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.thrown.push(error);
  }
  override render() {
    return this.state.failed ? <p>render threw</p> : this.props.children;
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on("unhandledRejection", onUnhandled));
afterAll(() => void process.off("unhandledRejection", onUnhandled));

type Input = { client?: unknown; mode?: unknown };
interface Row {
  input: string;
  make: () => Input;
  code: CloudProxyErrorCode;
}

const sentinel = () => createFakeAgoraClient();
const notAClient = { join: () => Promise.resolve(1) };

const clientRows: Row[] = [
  { input: "client factory throws", make: () => ({ client: () => { throw new Error("no SDK here"); } }), code: "INVALID_CLIENT" }, // prettier-ignore
  { input: "client factory rejects", make: () => ({ client: () => Promise.reject(new Error("chunk failed")) }), code: "INVALID_CLIENT" }, // prettier-ignore
  {
    input: "client factory returns a plain object",
    make: () => ({ client: () => notAClient }),
    code: "INVALID_CLIENT",
  },
  { input: "client factory resolves a plain object", make: () => ({ client: () => Promise.resolve(notAClient) }), code: "INVALID_CLIENT" }, // prettier-ignore
  { input: "client factory returns null", make: () => ({ client: () => null }), code: "INVALID_CLIENT" },
  { input: "client null", make: () => ({ client: null }), code: "INVALID_CLIENT" },
  { input: "client undefined", make: () => ({ client: undefined }), code: "INVALID_CLIENT" },
  { input: "client {} (plain object)", make: () => ({ client: {} }), code: "INVALID_CLIENT" },
  { input: "client a string", make: () => ({ client: "client" }), code: "INVALID_CLIENT" },
];

const BAD_MODES: unknown[] = [0, 1, 2, 4, 6, -1, NaN, "UDP", "tcp", null, {}];
const modeName = (mode: unknown) => (typeof mode === "string" ? JSON.stringify(mode) : Number.isNaN(mode) ? "NaN" : JSON.stringify(mode) ?? String(mode)); // prettier-ignore

/** The table the closing note copies: input -> code. */
export const BAD_INPUT_TABLE: { where: string; input: string; code: CloudProxyErrorCode }[] = [];

function Call({ options }: { options: CloudProxyOptions }) {
  const call = useCloudProxyClient(options);
  return <p>{call ? "session" : "none"}</p>;
}

describeEachReactMode("bad input through the React layer", (reactMode) => {
  const targets = ["<CloudProxyProvider>", "useCloudProxyClient({ client })"] as const;
  for (const where of targets) {
    const rows: Row[] = [
      ...clientRows,
      ...BAD_MODES.map((mode) => ({
        input: `mode=${modeName(mode)}`,
        make: () => ({ mode }),
        code: "INVALID_MODE" as const,
      })),
    ];
    for (const row of rows) {
      it(`${where}: ${row.input} -> ${row.code}; nothing thrown in render, SDK untouched`, async () => {
        const fake = sentinel();
        const made: Input = row.make();
        const input = ("client" in made ? made : { ...made, client: asAgoraRTCClient(fake) }) as {
          client: CloudProxyOptions["client"];
          mode?: CloudProxyModeInput;
        };
        const errors: CloudProxyError[] = [];
        const thrown: unknown[] = [];
        const before = unhandled.length;
        const options: CloudProxyOptions = { ...input, onError: (error) => errors.push(error) };
        const view = renderIn(
          reactMode,
          <RecordingBoundary thrown={thrown}>
            {where === "<CloudProxyProvider>" ? (
              <CloudProxyProvider {...options} fallback={<p>fallback</p>}>
                <p>children</p>
              </CloudProxyProvider>
            ) : (
              <Call options={options} />
            )}
          </RecordingBoundary>,
        );
        await until(() => errors.length > 0);
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(errors.map((error) => error.code)).toEqual([row.code]);
        expect(errors[0]!.name).toBe("CloudProxyError");
        expect(thrown).toEqual([]);
        expect(view.container.textContent).toBe(where === "<CloudProxyProvider>" ? "fallback" : "none");
        expect(fake.fake.calls).toEqual([]);
        expect(fake.fake.listenerCount()).toBe(0);
        view.unmount();
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(unhandled.slice(before)).toEqual([]);
        if (reactMode.name === "plain") BAD_INPUT_TABLE.push({ where, input: row.input, code: row.code });
      });
    }
  }

  for (const mode of BAD_MODES) {
    it(`<CloudProxyProvider> mode changes to ${modeName(mode)} while mounted -> INVALID_MODE; the session keeps UDP`, async () => {
      const fake = createFakeAgoraClient();
      const client = asAgoraRTCClient(fake);
      const errors: CloudProxyError[] = [];
      const thrown: unknown[] = [];
      const before = unhandled.length;
      const ui = (m: unknown) => (
        <RecordingBoundary thrown={thrown}>
          <CloudProxyProvider client={client} mode={m as CloudProxyModeInput} onError={(error) => errors.push(error)}>
            <p>children</p>
          </CloudProxyProvider>
        </RecordingBoundary>
      );
      const view = renderIn(reactMode, ui("udp"));
      await until(() => fake._cloudProxyServerMode === "proxy3" && view.container.textContent === "children");
      view.rerender(ui(mode));
      await until(() => errors.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors.map((error) => error.code)).toEqual(["INVALID_MODE"]);
      expect(thrown).toEqual([]);
      expect(fake.fake.calls.map((call) => call.method)).toEqual(["startProxyServer"]);
      view.unmount();
      await until(() => fake.fake.listenerCount() === 0);
      expect(fake._cloudProxyServerMode).toBe("disabled");
      expect(unhandled.slice(before)).toEqual([]);
    });
  }

  it("<CloudProxyProvider> mounted with an invalid mode, then given a valid one: it recovers without a remount", async () => {
    const fake = createFakeAgoraClient();
    const client = asAgoraRTCClient(fake);
    const errors: CloudProxyError[] = [];
    const ui = (m: unknown) => (
      <CloudProxyProvider
        client={client}
        mode={m as CloudProxyModeInput}
        onError={(error) => errors.push(error)}
        fallback={<p>fallback</p>}
      >
        <p>children</p>
      </CloudProxyProvider>
    );
    const view = renderIn(reactMode, ui(4));
    await until(() => errors.length > 0);
    expect([view.container.textContent, fake.fake.calls]).toEqual(["fallback", []]);
    view.rerender(ui("tls"));
    await until(() => view.container.textContent === "children" && fake._cloudProxyServerMode === "proxy5");
    expect(errors.map((error) => error.code)).toEqual(["INVALID_MODE"]);
    expect(fake.fake.calls.map((call) => call.method)).toEqual(["startProxyServer"]);
    view.unmount();
    await until(() => fake.fake.listenerCount() === 0);
    expect(fake._cloudProxyServerMode).toBe("disabled");
  });
});

afterAll(() => {
  if (process.env.PRINT_BAD_INPUT_TABLE)
    console.log(BAD_INPUT_TABLE.map((row) => `| ${row.where} | ${row.input} | ${row.code} |`).join("\n"));
});
