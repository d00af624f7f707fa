/**
 * Re-cuts a stream of arbitrary-length frames into fixed-size chunks (openWakeWord wants 1280 samples,
 * Silero 512), carrying the remainder over so no sample is dropped or duplicated.
 */
export class SampleChunker {
  private readonly buf: Int16Array;
  private fill = 0;
  /** Stream position (in samples) of the first sample of the next chunk to be emitted. */
  private position = 0;

  constructor(readonly size: number) {
    this.buf = new Int16Array(size);
  }

  /** Feeds samples; returns each completed chunk (a copy) with its starting sample index. */
  push(samples: Int16Array): { chunk: Int16Array; startSample: number }[] {
    const out: { chunk: Int16Array; startSample: number }[] = [];
    let i = 0;
    while (i < samples.length) {
      const take = Math.min(this.size - this.fill, samples.length - i);
      this.buf.set(samples.subarray(i, i + take), this.fill);
      this.fill += take;
      i += take;
      if (this.fill === this.size) {
        out.push({ chunk: this.buf.slice(), startSample: this.position });
        this.position += this.size;
        this.fill = 0;
      }
    }
    return out;
  }

  /** Samples waiting for a full chunk. */
  get pending(): number {
    return this.fill;
  }

  /** Returns the partial chunk zero-padded to full size (end of stream), or null when empty. */
  flush(): { chunk: Int16Array; startSample: number; validSamples: number } | null {
    if (this.fill === 0) return null;
    const chunk = new Int16Array(this.size);
    chunk.set(this.buf.subarray(0, this.fill));
    const res = { chunk, startSample: this.position, validSamples: this.fill };
    this.position += this.size;
    this.fill = 0;
    return res;
  }

  reset(): void {
    this.fill = 0;
    this.position = 0;
  }
}
