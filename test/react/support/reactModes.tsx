import { StrictMode, type ReactNode } from "react";
import { describe } from "vitest";

/** How a suite renders: plain, or inside <StrictMode> (mount, unmount, mount again in dev). */
export interface ReactMode {
  readonly name: "plain" | "StrictMode";
  wrap(ui: ReactNode): ReactNode;
}

export const reactModes: readonly ReactMode[] = [
  { name: "plain", wrap: (ui) => ui },
  { name: "StrictMode", wrap: (ui) => <StrictMode>{ui}</StrictMode> },
];

/**
 * XState's describeEachReactMode: every React suite runs plain and inside <StrictMode>.
 * `concurrent` runs the tests of a suite at the same time: for suites on the real SDK, which
 * mostly wait for a cancelled join to reject (~1 s). Such tests share no global (no spies,
 * each has its own client) and unmount what they render.
 */
export function describeEachReactMode(
  title: string,
  suite: (mode: ReactMode) => void,
  { concurrent = false }: { concurrent?: boolean } = {},
): void {
  for (const mode of reactModes) {
    (concurrent ? describe.concurrent : describe)(`${title} (${mode.name})`, () => suite(mode));
  }
}
