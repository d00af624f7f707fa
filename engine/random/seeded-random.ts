/**
 * mulberry32: a tiny, fast seeded PRNG, so whatever is drawn from a seed (a trained wake word head, its
 * training data, a chaos schedule, a test model) comes out the same run after run.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
