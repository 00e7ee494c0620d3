// @vitest-environment jsdom
import "../support/realSdk";
import { render } from "@testing-library/react";
import { AgoraRTCProvider, useRTCClient } from "agora-rtc-react";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { describe, expect, it } from "vitest";
import { fakeSdk } from "./support/sdkUnderTest";

describe("the React this project runs", () => {
  it("is React 18 in project react-18 and React 19 in react-19: react, react-dom and the renderer agree", () => {
    const expected = process.env.EXPECTED_REACT_MAJOR;
    expect(expected === "18" || expected === "19").toBe(true);
    expect(React.version.split(".")[0]).toBe(expected);
    expect(ReactDOM.version).toBe(React.version);
  });

  it("Testing Library and agora-rtc-react render with that same copy of React (hooks would throw otherwise)", () => {
    const sdk = fakeSdk();
    let seen: unknown = null;
    let renderedWith = "";
    function Probe() {
      seen = useRTCClient();
      renderedWith = React.version;
      return null;
    }
    const view = render(
      <AgoraRTCProvider client={sdk.client as never}>
        <Probe />
      </AgoraRTCProvider>,
    );
    expect(seen).toBe(sdk.client);
    expect(renderedWith).toBe(React.version);
    view.unmount();
  });
});
