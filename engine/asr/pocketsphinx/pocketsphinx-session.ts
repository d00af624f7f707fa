import { performance } from 'node:perf_hooks';
import type { Transcript } from '../../contracts/audio.ts';
import { SAMPLE_RATE } from '../../contracts/audio.ts';
import { EngineError } from '../../errors/engine-error.ts';
import type { AsrSession } from '../asr-engine.ts';
import type { DecoderPool } from './decoder-pool.ts';
import { NoiseFloor } from './noise-floor.ts';
import type { NativeHyp, SerialDecoder } from './native-decoder.ts';

type Decide = (hyps: NativeHyp[], audioMs: number, decodeMs: number) => Transcript;

/**
 * One utterance fed to one or more decoders at once (kiosk mode decodes with the kiosk LM and the
 * generic LM side by side, on separate worker threads, so the comparison costs no extra latency).
 */
export class PocketsphinxSession implements AsrSession {
  private readonly decoders: Promise<SerialDecoder[]>;
  private samples = 0;
  private lastPartial = '';
  private busyMs = 0;
  private failure: unknown;
  private done = false;
  private readonly floor: NoiseFloor | undefined;

  /** `noiseFloor`: amplitude of the floor added to the audio before decoding (see noise-floor.ts); 0 = none. */
  constructor(
    private readonly pools: DecoderPool[],
    private readonly decide: Decide,
    noiseFloor = 0,
  ) {
    this.floor = noiseFloor > 0 ? new NoiseFloor(noiseFloor) : undefined;
    this.decoders = Promise.all(pools.map((p) => p.acquire())).then(async (ds) => {
      await Promise.all(ds.map((d) => d.run((n) => n.start())));
      return ds;
    });
    this.decoders.catch((err: unknown) => (this.failure ??= err));
  }

  write(samples: Int16Array): Promise<void> {
    if (this.done || samples?.length === 0) return Promise.resolve();
    if (!(samples instanceof Int16Array)) {
      this.failure ??= new EngineError('bad-audio', 'ASR expects 16 kHz mono Int16Array chunks', {
        stage: 'asr',
      });
      return Promise.resolve();
    }
    this.samples += samples.length;
    const chunk = samples.slice();
    this.floor?.apply(chunk);
    return this.decoders
      .then((ds) => Promise.all(ds.map((d, i) => d.run((n) => this.timed(i, () => n.process(chunk))))))
      .then((hyps) => {
        this.lastPartial = hyps[0]?.hyp ?? this.lastPartial;
      })
      .catch((err: unknown) => {
        this.failure ??= err;
      });
  }

  partial(): string {
    return this.lastPartial;
  }

  async finish(): Promise<Transcript> {
    if (this.done) throw new EngineError('bad-input', 'utterance already finished', { stage: 'asr' });
    this.done = true;
    let ds: SerialDecoder[] = [];
    try {
      ds = await this.decoders;
      const hyps = await Promise.all(ds.map((d, i) => d.run((n) => this.timed(i, () => n.end()))));
      if (this.failure) throw this.failure;
      const audioMs = Math.round((this.samples / SAMPLE_RATE) * 1000);
      return this.decide(hyps, audioMs, Math.round(this.busyMs));
    } catch (err) {
      if (err instanceof EngineError) throw err;
      throw new EngineError('internal', `pocketsphinx decode failed: ${(err as Error).message}`, {
        stage: 'asr',
        cause: err,
      });
    } finally {
      ds.forEach((d, i) => this.pools[i]!.release(d));
    }
  }

  async cancel(): Promise<void> {
    if (this.done) return;
    this.done = true;
    const ds = await this.decoders.catch(() => [] as SerialDecoder[]);
    await Promise.all(ds.map((d) => d.run((n) => n.end()).catch(() => undefined)));
    ds.forEach((d, i) => this.pools[i]!.release(d));
  }

  /** Decoder 0's working time is the utterance's decodeMs; the others run alongside it. */
  private async timed(index: number, op: () => Promise<NativeHyp>): Promise<NativeHyp> {
    const t0 = performance.now();
    try {
      return await op();
    } finally {
      if (index === 0) this.busyMs += performance.now() - t0;
    }
  }
}
