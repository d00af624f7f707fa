import { SerialDecoder, type NativeDecoder } from './native-decoder.ts';

/**
 * Loaded decoders for one language model. A decoder holds one utterance at a time, and a meeting's
 * dictation can run while a shopper asks a question, so a busy pool loads another decoder instead of
 * making the second speaker wait; idle decoders are kept for the next utterance.
 */
export class DecoderPool {
  private readonly idle: SerialDecoder[] = [];
  private readonly all: SerialDecoder[] = [];

  constructor(
    private readonly create: () => NativeDecoder,
    private readonly args: readonly string[],
  ) {}

  /** Loads one decoder up front, so the first utterance does not pay the model load. */
  async warm(): Promise<void> {
    if (this.all.length === 0) this.release(await this.acquire());
  }

  /** An idle decoder, or a newly loaded one when all are in use. */
  async acquire(): Promise<SerialDecoder> {
    const ready = this.idle.pop();
    if (ready) return ready;
    const native = this.create();
    await native.load([...this.args]);
    const d = new SerialDecoder(native);
    this.all.push(d);
    return d;
  }

  release(d: SerialDecoder): void {
    if (this.all.includes(d) && !this.idle.includes(d)) this.idle.push(d);
  }

  get size(): number {
    return this.all.length;
  }

  /** Frees every decoder once its queued work is done. */
  async close(): Promise<void> {
    await Promise.all(this.all.map((d) => d.run((n) => n.close()).catch(() => undefined)));
    this.all.length = 0;
    this.idle.length = 0;
  }
}
