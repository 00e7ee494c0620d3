/**
 * A small seeded pseudo-random generator (mulberry32), so `?seed=42` in the URL replays the
 * same simulated latencies: handy when a timeline needs to be reproduced.
 *
 * @example
 * const random = createSeededRandom(42);
 * random(); // 0.6011037519201636, every time
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The `seed` URL parameter as a generator, or `Math.random` without one. */
export function randomFromLocation(search: string): () => number {
  const seed = Number.parseInt(new URLSearchParams(search).get("seed") ?? "", 10);
  return Number.isFinite(seed) ? createSeededRandom(seed) : Math.random;
}
