const ZERO_CROSSINGS = 12;
// Above this many table entries (odd rate pairs with a huge number of phases) weights are computed per sample.
const MAX_TABLE = 4_000_000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Band-limited resampling (windowed sinc). WAV files from phones and PCs are 44.1/48 kHz; plain linear
 * interpolation would alias their 8–24 kHz content down into the speech band the models listen to.
 * Rates are integers, so output positions fall on a finite set of fractional phases: the kernel weights
 * are computed once per phase (polyphase) instead of per tap, which keeps a 60 s 44.1 kHz file well
 * under a second.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input;
  const ratio = toRate / fromRate;
  const outLength = Math.floor(input.length * ratio);
  const out = new Float32Array(outLength);
  // Cut-off at the lower of the two Nyquist frequencies, slightly below it for the transition band.
  const cutoff = Math.min(1, ratio) * 0.95;
  const halfWidth = Math.ceil(ZERO_CROSSINGS / cutoff);
  const taps = 2 * halfWidth + 1;
  const kernel = (x: number) => {
    if (Math.abs(x) >= halfWidth) return 0;
    const arg = x * cutoff;
    const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
    // Blackman window over [-halfWidth, halfWidth].
    return (
      sinc *
      (0.42 + 0.5 * Math.cos((Math.PI * x) / halfWidth) + 0.08 * Math.cos((2 * Math.PI * x) / halfWidth))
    );
  };
  const g = gcd(fromRate, toRate);
  const phases = toRate / g; // output i sits at input position i * (fromRate / g) / phases
  const step = fromRate / g;
  const table = phases * taps <= MAX_TABLE ? new Float32Array(phases * taps) : null;
  if (table) {
    for (let p = 0; p < phases; p++) {
      const frac = p / phases;
      for (let t = 0; t < taps; t++) table[p * taps + t] = kernel(t - halfWidth - frac);
    }
  }
  for (let i = 0; i < outLength; i++) {
    const num = i * step;
    const base = Math.floor(num / phases);
    const phase = num - base * phases;
    const first = base - halfWidth;
    let acc = 0;
    let norm = 0;
    for (let t = 0; t < taps; t++) {
      const j = first + t;
      if (j < 0 || j >= input.length) continue;
      const w = table ? table[phase * taps + t]! : kernel(t - halfWidth - phase / phases);
      acc += input[j]! * w;
      norm += w;
    }
    // Normalising by the weights actually used keeps DC gain exactly 1, also at the signal's edges.
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
