// A seeded pseudo-random integer source (a 32-bit LCG) for tests that generate varied inputs:
// the same seed gives the same inputs, so a failure reproduces.
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
}
