import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { SAMPLE_RATE, type AudioFrame, type StageInfo } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import { DEFAULT_FRAME_SAMPLES, type AudioSource } from './audio-source.ts';
import { decodeWav, type DecodedWav } from './wav-decode.ts';

export interface WavFileSourceOptions {
  /** Samples per yielded frame (default 1280 = 80 ms). */
  frameSamples?: number;
  /** Yield frames no faster than real time, as a microphone would (for demos and scenario tests). */
  realtime?: boolean;
}

/** Plays a WAV file as if it were a microphone: decoded once, then yielded frame by frame. */
export class WavFileSource implements AudioSource {
  private decoded: DecodedWav | null = null;

  constructor(
    readonly file: string,
    private readonly opts: WavFileSourceOptions = {},
  ) {}

  info(): StageInfo {
    return { stage: 'audio', name: 'wav-file', sampleRate: SAMPLE_RATE, ready: true, note: this.file };
  }

  /** Reads and decodes the whole file (cached); errors are 'not-found' or 'bad-audio' naming it. */
  async decode(): Promise<DecodedWav> {
    if (this.decoded) return this.decoded;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new EngineError(
        code === 'ENOENT' ? 'not-found' : 'bad-audio',
        `${this.file}: cannot read (${code ?? (err as Error).message})`,
        {
          stage: 'audio',
          detail: { file: this.file },
          cause: err,
        },
      );
    }
    this.decoded = decodeWav(bytes, this.file);
    return this.decoded;
  }

  async *frames(opts: { signal?: AbortSignal } = {}): AsyncIterable<AudioFrame> {
    const { samples } = await this.decode();
    const size = this.opts.frameSamples ?? DEFAULT_FRAME_SAMPLES;
    const started = performance.now();
    for (let at = 0; at < samples.length; at += size) {
      if (opts.signal?.aborted) return;
      const atMs = (at / SAMPLE_RATE) * 1000;
      if (this.opts.realtime) {
        const wait = atMs - (performance.now() - started);
        if (wait > 0) await sleep(wait, undefined, { signal: opts.signal }).catch(() => undefined);
        if (opts.signal?.aborted) return;
      }
      yield { samples: samples.subarray(at, Math.min(at + size, samples.length)), atMs };
    }
  }
}
