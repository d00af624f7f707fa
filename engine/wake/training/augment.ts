/**
 * Acoustic augmentation for synthesized clips, all generated here (no recorded data sets, so nothing
 * under someone else's licence): room reverberation from a synthetic impulse response, coloured noise
 * and speech babble at a chosen SNR, gain, and band-limiting (telephone / cheap microphone).
 */
export type NoiseKind = 'white' | 'pink' | 'brown' | 'hum';

/** Coloured noise of unit RMS. */
export function makeNoise(kind: NoiseKind, n: number, rand: () => number): Float32Array {
  const out = new Float32Array(n);
  if (kind === 'hum') {
    const f = 50 + rand() * 70;
    const phase = rand() * 6.28;
    for (let i = 0; i < n; i++) {
      const t = (i / 16000) * 2 * Math.PI * f + phase;
      out[i] = Math.sin(t) + 0.5 * Math.sin(2 * t) + 0.3 * Math.sin(3 * t) + 0.2 * (rand() * 2 - 1);
    }
  } else if (kind === 'white') {
    for (let i = 0; i < n; i++) out[i] = rand() * 2 - 1;
  } else if (kind === 'pink') {
    // Paul Kellet's economy pink filter.
    let b0 = 0,
      b1 = 0,
      b2 = 0;
    for (let i = 0; i < n; i++) {
      const w = rand() * 2 - 1;
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      out[i] = b0 + b1 + b2 + w * 0.1848;
    }
  } else {
    let last = 0;
    for (let i = 0; i < n; i++) {
      last = (last + 0.02 * (rand() * 2 - 1)) / 1.02;
      out[i] = last;
    }
  }
  return normalise(out);
}

function rms(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / Math.max(1, x.length));
}

function normalise(x: Float32Array): Float32Array {
  const r = rms(x) || 1;
  for (let i = 0; i < x.length; i++) x[i]! /= r;
  return x;
}

/** Adds `noise` (tiled) to `signal` so that the signal-to-noise ratio over the speech is `snrDb`. */
export function mixAtSnr(
  signal: Float32Array,
  noise: Float32Array,
  snrDb: number,
  speechRms?: number,
): Float32Array {
  const s = speechRms ?? rms(signal);
  const scale = (s / (rms(noise) || 1)) * 10 ** (-snrDb / 20);
  const out = new Float32Array(signal.length);
  for (let i = 0; i < signal.length; i++) out[i] = signal[i]! + scale * noise[i % noise.length]!;
  return out;
}

// --- reverberation: exponentially decaying noise tail (RT60) with a few early reflections, by FFT ---

function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a]! += tr;
        im[a]! += ti;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
  if (inverse)
    for (let i = 0; i < n; i++) {
      re[i]! /= n;
      im[i]! /= n;
    }
}

/** A synthetic room impulse response: direct path, early reflections, then a decaying diffuse tail. */
export function roomImpulse(rt60Sec: number, rand: () => number, sampleRate = 16000): Float32Array {
  const n = Math.round(Math.min(rt60Sec, 1.2) * sampleRate);
  const h = new Float32Array(Math.max(n, 16));
  h[0] = 1;
  for (let k = 0; k < 6; k++) {
    const at = Math.round((0.003 + rand() * 0.03) * sampleRate);
    if (at < h.length) h[at]! += (rand() * 0.6 + 0.2) * (rand() < 0.5 ? -1 : 1);
  }
  const decay = Math.log(1000) / (rt60Sec * sampleRate); // -60 dB at rt60
  const wet = 0.25 + rand() * 0.35;
  for (let i = Math.round(0.005 * sampleRate); i < h.length; i++)
    h[i]! += wet * (rand() * 2 - 1) * Math.exp(-decay * i) * 0.3;
  return h;
}

/** Convolves `x` with `h` (FFT); the output keeps x's length and its RMS. */
export function convolve(x: Float32Array, h: Float32Array): Float32Array {
  let size = 1;
  while (size < x.length + h.length) size <<= 1;
  const ar = new Float64Array(size),
    ai = new Float64Array(size);
  const br = new Float64Array(size),
    bi = new Float64Array(size);
  ar.set(x);
  br.set(h);
  fft(ar, ai, false);
  fft(br, bi, false);
  for (let i = 0; i < size; i++) {
    const r = ar[i]! * br[i]! - ai[i]! * bi[i]!;
    ai[i] = ar[i]! * bi[i]! + ai[i]! * br[i]!;
    ar[i] = r;
  }
  fft(ar, ai, true);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = ar[i]!;
  const scale = (rms(x) || 1) / (rms(out) || 1);
  for (let i = 0; i < out.length; i++) out[i]! *= scale;
  return out;
}

// --- band-limiting: RBJ biquads ---

function biquad(
  x: Float32Array,
  type: 'lowpass' | 'highpass',
  freq: number,
  q = 0.707,
  sampleRate = 16000,
): Float32Array {
  const w0 = (2 * Math.PI * freq) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const [b0, b1, b2] =
    type === 'lowpass' ? [(1 - cos) / 2, 1 - cos, (1 - cos) / 2] : [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
  const a0 = 1 + alpha;
  const a1 = -2 * cos;
  const a2 = 1 - alpha;
  const out = new Float32Array(x.length);
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const y = (b0 * x[i]! + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1;
    x1 = x[i]!;
    y2 = y1;
    y1 = y;
    out[i] = y;
  }
  return out;
}

/** Keeps only [lowHz, highHz] (two 2nd-order sections each side: a telephone or cheap microphone). */
export function bandLimit(x: Float32Array, lowHz: number, highHz: number): Float32Array {
  let y = x;
  if (lowHz > 0) y = biquad(biquad(y, 'highpass', lowHz), 'highpass', lowHz);
  if (highHz < 8000) y = biquad(biquad(y, 'lowpass', highHz), 'lowpass', highHz);
  return y;
}

/** What to do to one clip; every field optional, so a plan can say "clean". */
export interface AugmentSpec {
  rt60?: number;
  noise?: { kind: NoiseKind | 'babble'; snrDb: number };
  band?: [number, number];
  /** Peak level after augmentation, as a fraction of full scale. */
  peak: number;
}

/**
 * Applies reverb → band-limit → noise → gain to `speech` placed inside `total` samples at `at`, and
 * returns Int16 samples. `babble` is a long buffer of other speech used when noise.kind is 'babble'.
 */
export function renderClip(
  speech: Int16Array,
  at: number,
  total: number,
  spec: AugmentSpec,
  rand: () => number,
  babble?: Float32Array,
): Int16Array {
  let x: Float32Array = new Float32Array(total);
  for (let i = 0; i < speech.length && at + i < total; i++) x[at + i] = speech[i]! / 32768;
  let speechRms = 0;
  for (let i = 0; i < speech.length; i++) speechRms += (speech[i]! / 32768) ** 2;
  speechRms = Math.sqrt(speechRms / Math.max(1, speech.length));
  if (spec.rt60) x = convolve(x, roomImpulse(spec.rt60, rand));
  if (spec.band) x = bandLimit(x, spec.band[0], spec.band[1]);
  if (spec.noise) {
    let noise: Float32Array;
    if (spec.noise.kind === 'babble' && babble && babble.length > total) {
      const off = Math.floor(rand() * (babble.length - total));
      noise = normalise(babble.slice(off, off + total));
    } else noise = makeNoise(spec.noise.kind === 'babble' ? 'pink' : spec.noise.kind, total, rand);
    x = mixAtSnr(x, noise, spec.noise.snrDb, speechRms || 0.1);
  }
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  const g = peak > 0 ? spec.peak / peak : 1;
  const out = new Int16Array(total);
  for (let i = 0; i < total; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(x[i]! * g * 32767)));
  return out;
}
