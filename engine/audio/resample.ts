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
  return new StreamingResampler(fromRate, toRate).push(input, true);
}

/**
 * The same resampler fed block by block, so a long file is converted with memory for one block and
 * the kernel's reach, not for the whole file. Output is sample-for-sample what `resample` gives for the
 * concatenated input: each output waits until every input tap it needs has arrived, and `final`
 * treats the end of input exactly as the whole-buffer version treats the end of its buffer.
 */
export class StreamingResampler {
  private readonly halfWidth: number;
  private readonly taps: number;
  private readonly phases: number;
  private readonly step: number;
  private readonly ratio: number;
  private readonly table: Float32Array | null;
  private readonly kernel: (x: number) => number;
  private buf = new Float32Array(0);
  /** Stream index of buf[0]. */
  private bufStart = 0;
  private received = 0;
  private nextOut = 0;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    this.ratio = toRate / fromRate;
    // Cut-off at the lower of the two Nyquist frequencies, slightly below it for the transition band.
    const cutoff = Math.min(1, this.ratio) * 0.95;
    const halfWidth = Math.ceil(ZERO_CROSSINGS / cutoff);
    this.halfWidth = halfWidth;
    this.taps = 2 * halfWidth + 1;
    this.kernel = (x: number) => {
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
    this.phases = toRate / g; // output i sits at input position i * (fromRate / g) / phases
    this.step = fromRate / g;
    this.table = this.phases * this.taps <= MAX_TABLE ? new Float32Array(this.phases * this.taps) : null;
    if (this.table) {
      for (let p = 0; p < this.phases; p++) {
        const frac = p / this.phases;
        for (let t = 0; t < this.taps; t++) this.table[p * this.taps + t] = this.kernel(t - halfWidth - frac);
      }
    }
  }

  /** Feeds the next block; returns the outputs now complete (all of them when `final`). */
  push(input: Float32Array, final = false): Float32Array {
    if (this.fromRate === this.toRate) return input;
    if (input.length > 0) {
      const joined = new Float32Array(this.buf.length + input.length);
      joined.set(this.buf);
      joined.set(input, this.buf.length);
      this.buf = joined;
      this.received += input.length;
    }
    const { phases, step, halfWidth, taps, table, kernel } = this;
    const total = this.received;
    let limit: number;
    if (final) {
      limit = Math.floor(total * this.ratio);
    } else {
      // Output i needs inputs up to floor(i*step/phases) + halfWidth.
      limit = Math.max(this.nextOut, Math.floor(((total - halfWidth) * phases) / step));
      while (limit > this.nextOut && Math.floor(((limit - 1) * step) / phases) + halfWidth >= total) limit--;
    }
    const out = new Float32Array(Math.max(0, limit - this.nextOut));
    const buf = this.buf;
    const offset = this.bufStart;
    for (let i = this.nextOut; i < limit; i++) {
      const num = i * step;
      const base = Math.floor(num / phases);
      const phase = num - base * phases;
      const first = base - halfWidth;
      let acc = 0;
      let norm = 0;
      for (let t = 0; t < taps; t++) {
        const j = first + t;
        if (j < 0 || j >= total) continue;
        const w = table ? table[phase * taps + t]! : kernel(t - halfWidth - phase / phases);
        acc += buf[j - offset]! * w;
        norm += w;
      }
      // Normalising by the weights actually used keeps DC gain exactly 1, also at the signal's edges.
      out[i - this.nextOut] = norm === 0 ? 0 : acc / norm;
    }
    this.nextOut = limit;
    // Keep only what the next output can still reach.
    const keepFrom = Math.max(0, Math.floor((this.nextOut * step) / phases) - halfWidth);
    if (keepFrom > this.bufStart) {
      this.buf = this.buf.slice(Math.min(this.buf.length, keepFrom - this.bufStart));
      this.bufStart = keepFrom;
    }
    return out;
  }
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
