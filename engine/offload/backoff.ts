/**
 * Delay before retry number `attempt` (1-based): exponential from `baseMs`, capped at `maxMs`, drawn
 * uniformly in [d/2, d]. The jitter keeps a fleet of kiosks that lost the broker together from all
 * reconnecting in the same instant; the lower half-bound keeps a single kiosk from hammering it.
 */
export function jitteredBackoff(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(exp / 2 + random() * (exp / 2));
}
