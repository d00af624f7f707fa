import { setTimeout as sleep } from 'node:timers/promises';
import { SAMPLE_RATE, type AudioFrame, type StageInfo } from '../contracts/audio.ts';
import { DEFAULT_FRAME_SAMPLES, type AudioSource } from './audio-source.ts';
import type { DecodedWav } from './wav-decode.ts';
import {
  DEFAULT_AUDIO_LIMITS,
  openWav,
  streamWavSamples,
  type AudioInputLimits,
  type WavHeader,
} from './wav-stream.ts';

export interface WavFileSourceOptions {
  /** Samples per yielded frame (default 1280 = 80 ms). */
  frameSamples?: number;
  /** Yield frames no faster than real time, as a microphone would (for demos and scenario tests). */
  realtime?: boolean;
  /** Size and duration caps checked before decoding (config audio.maxFileBytes / maxFileMs). */
  limits?: AudioInputLimits;
}

/**
 * Plays a WAV file as if it were a microphone. The file is read and decoded in blocks as frames are
 * taken, so a three-hour recording needs no more memory than a three-second one; the header (and the
 * caps) are checked before the first sample is decoded.
 */
export class WavFileSource implements AudioSource {
  private header: WavHeader | null = null;

  constructor(
    readonly file: string,
    private readonly opts: WavFileSourceOptions = {},
  ) {}

  info(): StageInfo {
    return { stage: 'audio', name: 'wav-file', sampleRate: SAMPLE_RATE, ready: true, note: this.file };
  }

  /**
   * Validates the file without decoding it: regular file, within the caps, a well-formed header.
   * Errors are 'not-found', 'bad-audio' or 'too-large' naming the file; callers run it before loading models.
   */
  async probe(): Promise<WavHeader> {
    if (this.header) return this.header;
    const { handle, header } = await openWav(this.file, this.limits());
    await handle.close();
    this.header = header;
    return header;
  }

  /** The whole file decoded into memory (bounded by the caps): for callers that need every sample at once. */
  async decode(): Promise<DecodedWav> {
    const parts: Int16Array[] = [];
    const header = await this.probe();
    for await (const f of this.frames()) parts.push(f.samples.slice());
    const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      samples.set(p, at);
      at += p.length;
    }
    return { samples, sampleRate: SAMPLE_RATE, durationMs: header.durationMs, source: header.format };
  }

  async *frames(opts: { signal?: AbortSignal } = {}): AsyncIterable<AudioFrame> {
    const { handle, header } = await openWav(this.file, this.limits());
    this.header = header;
    const size = this.opts.frameSamples ?? DEFAULT_FRAME_SAMPLES;
    const started = performance.now();
    const pending = new Int16Array(size);
    let fill = 0;
    let position = 0; // samples yielded so far
    const frame = (samples: Int16Array): AudioFrame => {
      const f = { samples, atMs: (position / SAMPLE_RATE) * 1000 };
      position += samples.length;
      return f;
    };
    try {
      for await (const block of streamWavSamples(handle, header, this.file, opts.signal)) {
        let i = 0;
        while (i < block.length) {
          const take = Math.min(size - fill, block.length - i);
          pending.set(block.subarray(i, i + take), fill);
          fill += take;
          i += take;
          if (fill < size) break;
          fill = 0;
          if (opts.signal?.aborted) return;
          if (this.opts.realtime) {
            const wait = (position / SAMPLE_RATE) * 1000 - (performance.now() - started);
            if (wait > 0) await sleep(wait, undefined, { signal: opts.signal }).catch(() => undefined);
            if (opts.signal?.aborted) return;
          }
          yield frame(pending.slice());
        }
      }
      if (fill > 0 && !opts.signal?.aborted) yield frame(pending.slice(0, fill));
    } finally {
      await handle.close();
    }
  }

  private limits(): AudioInputLimits {
    return this.opts.limits ?? DEFAULT_AUDIO_LIMITS;
  }
}
