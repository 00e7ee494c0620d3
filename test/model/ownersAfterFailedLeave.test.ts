// @vitest-environment jsdom
/**
 * The React model's counterexample (seed 649280550) on the session alone: owners are plain
 * objects handing the session over in one tick (release + retain), as two provider instances
 * do at a `key` change. A call never outlives the owner that joined it.
 */
import { expect, it } from "vitest";
import { JOIN, fakeSession, sleep } from "../support/sessionHarness";

it("after a failed leave at an owner swap, the next owner swap without a join still leaves the call", async () => {
  const { fake, session, sdkLog, errors } = fakeSession({ mode: "udp" });
  const [first, second, third] = [{}, {}, {}];
  session.retain(first);
  await session.join(JOIN); // made while `first` holds the session: its call
  const swap = (from: object, to: object) => {
    session.release(from);
    session.retain(to);
  };

  fake.fake.failNextLeave("UNEXPECTED_ERROR");
  swap(first, second); // `second` never joins: the SDK is told to leave, and refuses
  await sleep(20);
  expect([fake.connectionState, errors.map((error) => error.code)]).toEqual(["CONNECTED", ["LEAVE_FAILED"]]);
  const before = sdkLog().length;

  swap(second, third); // `third` never joins either: `first`'s call must go now
  await sleep(20);
  try {
    expect({
      sent: sdkLog().slice(before),
      state: fake.connectionState,
      joinRequested: session.store.getState().joinRequested,
    }).toEqual({ sent: ["leave:ok"], state: "DISCONNECTED", joinRequested: false });
  } finally {
    session.release(third);
    await sleep(20);
  }
});
