import { afterAll, beforeAll, describe, expect, test } from "vitest";

describe("a suite whose beforeAll throws", () => {
  beforeAll(() => {
    throw new Error("beforeAll threw");
  });
  test("never runs (vitest reports it skipped)", () => {
    expect(true).toBe(true);
  });
});

describe("a suite whose afterAll throws", () => {
  afterAll(() => {
    throw new Error("afterAll threw");
  });
  test("passes before the hook throws", () => {
    expect(true).toBe(true);
  });
});
