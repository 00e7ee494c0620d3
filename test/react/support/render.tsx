import { cleanup, render, type RenderResult } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterAll } from "vitest";
import type { ReactMode } from "./reactModes";

// Vitest runs without globals, so Testing Library can't register its own cleanup. Tests
// unmount what they render (the SDK log after unmount is what they assert); this only catches
// what a failed test left mounted. Not afterEach: it would unmount concurrent tests' trees.
afterAll(() => cleanup());

export interface ModeRender extends Omit<RenderResult, "rerender"> {
  rerender(ui: ReactNode): void;
}

/**
 * Renders `ui` in `mode`; `rerender` keeps the mode's wrapper so React keeps the tree. Queries
 * are scoped to this render's own container (not document.body), so concurrent tests never
 * see each other's elements.
 */
export function renderIn(mode: ReactMode, ui: ReactNode): ModeRender {
  const container = document.body.appendChild(document.createElement("div"));
  const view = render(mode.wrap(ui), { container, baseElement: container });
  return { ...view, rerender: (next) => view.rerender(mode.wrap(next)) };
}
