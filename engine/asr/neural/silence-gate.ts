/**
 * Loudest 30 ms window below about -45 dBFS counts as silence. Neural decoders produce plausible
 * words from near-silent input, so they are not run on it at all.
 */
export function isSilent(audio: Float32Array, thresholdDb = -45, windowSamples = 480): boolean {
  let loudest = 0;
  for (let start = 0; start < audio.length; start += windowSamples) {
    let sum = 0;
    const end = Math.min(audio.length, start + windowSamples);
    for (let i = start; i < end; i++) sum += audio[i]! * audio[i]!;
    loudest = Math.max(loudest, sum / Math.max(1, end - start));
  }
  return 10 * Math.log10(loudest + 1e-12) < thresholdDb;
}
