/**
 * Band-limited resampling (windowed sinc). WAV files from phones and PCs are 44.1/48 kHz; plain linear
 * interpolation would alias their 8–24 kHz content down into the speech band the models listen to.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input;
  const ratio = toRate / fromRate;
  const outLength = Math.floor(input.length * ratio);
  const out = new Float32Array(outLength);
  // Cut-off at the lower of the two Nyquist frequencies, slightly below it for the transition band.
  const cutoff = Math.min(1, ratio) * 0.95;
  const zeroCrossings = 12;
  const halfWidth = Math.ceil(zeroCrossings / cutoff);
  for (let i = 0; i < outLength; i++) {
    const center = i / ratio;
    const first = Math.max(0, Math.ceil(center - halfWidth));
    const last = Math.min(input.length - 1, Math.floor(center + halfWidth));
    let acc = 0;
    let norm = 0;
    for (let j = first; j <= last; j++) {
      const x = j - center;
      const arg = x * cutoff;
      const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
      // Blackman window over [-halfWidth, halfWidth].
      const w =
        0.42 + 0.5 * Math.cos((Math.PI * x) / halfWidth) + 0.08 * Math.cos((2 * Math.PI * x) / halfWidth);
      const k = sinc * w;
      acc += input[j]! * k;
      norm += k;
    }
    // Normalising by the kernel sum keeps DC gain exactly 1, also at the edges of the signal.
    out[i] = norm === 0 ? 0 : acc / norm;
  }
  return out;
}

/** Float samples in [-1, 1] → Int16 with clipping (the engine's one PCM format). */
export function floatToInt16(input: Float32Array): Int16Array {
  const out = new Int16Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const v = Math.round(input[i]! * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}
