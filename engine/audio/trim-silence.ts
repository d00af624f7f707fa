/**
 * Drops a synthesized clip's leading/trailing silence so a phrase's start and end are where the voice
 * really is. The level is relative (3 % of the clip's peak, about −30 dB) because some flite voices
 * carry a recorded noise floor or a click of a few hundred (out of 32767) before the first phoneme.
 */
export function trimSilence(samples: Int16Array, relativeLevel = 0.03): Int16Array {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const level = Math.max(64, peak * relativeLevel);
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) < level) first++;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]!) < level) last--;
  return samples.slice(first, last + 1);
}
