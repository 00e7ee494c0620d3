import type { RememberedRoute, RouteMemory } from "@agora-cloud-proxy/core";

/**
 * A route memory for one test. The default one lives as long as the page, so tests sharing it
 * would start on each other's remembered route; `entry` lets a test seed it and read it back.
 */
export function freshRouteMemory(
  entry: RememberedRoute | null = null,
): RouteMemory & { entry: RememberedRoute | null } {
  const store = {
    entry,
    read: () => store.entry,
    write: (next: RememberedRoute) => {
      store.entry = next;
    },
  };
  return store;
}
