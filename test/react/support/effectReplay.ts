/**
 * Replays the effects of one mounted component instance, the way React itself does it:
 * <Activity> hidden then visible (React 19.2+), or Fast Refresh (React 18 and 19). Either way
 * the instance keeps its state (the same `useState` owner) and only its effects run their
 * cleanup and their setup again, as StrictMode's dev replay does.
 *
 * Fast Refresh needs React's refresh entry points (`scheduleRefresh`, `setRefreshHandler`),
 * which react-dom's development build hands to the React DevTools global hook when it loads.
 * Import this module BEFORE anything that imports react-dom: it installs a minimal hook that
 * keeps them (react-refresh's runtime does the same, with more bookkeeping).
 */
import * as React from "react";

interface Family {
  current: unknown;
  /** The versions made so far, newest last; only the two a fiber can still render with are kept. */
  versions: unknown[];
}
interface RefreshInternals {
  scheduleRefresh(root: unknown, update: { staleFamilies: Set<Family>; updatedFamilies: Set<Family> }): void;
  setRefreshHandler(handler: (type: unknown) => Family | undefined): void;
}

let internals: RefreshInternals | null = null;
const families = new Map<unknown, Family>();

const globals = globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown };
if (globals.__REACT_DEVTOOLS_GLOBAL_HOOK__ !== undefined) {
  throw new Error("effectReplay: a React DevTools hook is already installed (import this module first)");
}
globals.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true,
  renderers: new Map(),
  inject(injected: Partial<RefreshInternals>): number {
    if (typeof injected.scheduleRefresh === "function" && typeof injected.setRefreshHandler === "function") {
      internals = injected as RefreshInternals;
      internals.setRefreshHandler((type) => families.get(type));
    }
    return 1;
  },
  onScheduleFiberRoot() {},
  onCommitFiberRoot() {},
  onPostCommitFiberRoot() {},
  onCommitFiberUnmount() {},
  setStrictMode() {},
  checkDCE() {},
};

/** `<Activity>` where React has it (19.2+), else `undefined`. Read off the namespace: no import error on 18. */
export const Activity = (
  React as { Activity?: React.ComponentType<{ mode: "visible" | "hidden"; children?: React.ReactNode }> }
).Activity;

/**
 * Fast Refresh of `component` (a function component): React re-renders every mounted instance
 * of it with a new version of the same function (same hooks, state kept) and, because the
 * type changed, runs all of its effects again, cleanup then setup, in one commit. Call it
 * inside act(). `root` is what `createRoot` returned.
 *
 * Not under React 19's StrictMode: its second dev render resets the "type changed" flag, so
 * the effects keep their dependencies and do not run again (use <Activity> there). Callers
 * should check that the effects did run.
 */
export function refreshEffects(root: unknown, component: (props: never) => React.ReactNode): void {
  if (internals === null) throw new Error("effectReplay: react-dom did not hand over its refresh entry points");
  let family = families.get(component);
  if (!family) {
    family = { current: component, versions: [] };
    families.set(component, family);
  }
  // A new function every time, so the fiber's type differs from the one it rendered with.
  const version = (props: never) => component(props);
  families.set(version, family);
  family.current = version;
  family.versions.push(version);
  // A fiber and its alternate render with the newest or the one before it: older ones go.
  for (const old of family.versions.splice(0, Math.max(0, family.versions.length - 2))) families.delete(old);
  const fiberRoot = (root as { _internalRoot?: unknown })._internalRoot;
  if (!fiberRoot) throw new Error("effectReplay: not a root made by createRoot");
  internals.scheduleRefresh(fiberRoot, { staleFamilies: new Set(), updatedFamilies: new Set([family]) });
}
