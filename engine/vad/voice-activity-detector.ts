import { SAMPLE_RATE, type AudioFrame, type SpeechSegment, type StageInfo } from '../contracts/audio.ts';
import { SampleChunker } from '../audio/sample-chunker.ts';
import type { AudioSource } from '../audio/audio-source.ts';
import type { ModelLocation } from '../models/verified-path.ts';
import { Endpointer, type EndpointerOptions, type VadEvent } from './endpointer.ts';
import { SILERO_CHUNK_SAMPLES, SileroVad } from './silero-vad.ts';

export type VoiceActivityOptions = EndpointerOptions & { models?: ModelLocation };

const CHUNK_MS = (SILERO_CHUNK_SAMPLES / SAMPLE_RATE) * 1000;

/**
 * Silero VAD v5 + Endpointer over any AudioSource. Live use: call `process(frame)` per frame and act on
 * the speech-start / speech-end events; offline use: `segments(source)` for a whole file.
 */
export class VoiceActivityDetector {
  private readonly chunker = new SampleChunker(SILERO_CHUNK_SAMPLES);
  private readonly endpointer: Endpointer;
  private baseMs: number | null = null;
  private samplesSeen = 0;
  private lastProb = 0;

  private constructor(
    private readonly vad: SileroVad,
    private readonly opts: VoiceActivityOptions,
  ) {
    this.endpointer = new Endpointer(opts);
  }

  /** Loads the verified Silero model; options are config.vad's fields. */
  static async create(opts: VoiceActivityOptions): Promise<VoiceActivityDetector> {
    return new VoiceActivityDetector(await SileroVad.create(opts.models), opts);
  }

  info(): StageInfo {
    return {
      stage: 'vad',
      name: 'Silero VAD v5 (onnxruntime-node) + endpointer',
      model: 'silero_vad',
      licence: 'MIT',
      sampleRate: SAMPLE_RATE,
      ready: true,
      note: `threshold ${this.opts.threshold}, trailing silence ${this.opts.trailingSilenceMs} ms, max ${this.opts.maxUtteranceMs} ms`,
    };
  }

  get inSpeech(): boolean {
    return this.endpointer.inSpeech;
  }

  /** Speech probability of the most recent 32 ms chunk. */
  get probability(): number {
    return this.lastProb;
  }

  /** New stream: model state, buffered samples and endpointer state are cleared. */
  reset(): void {
    this.vad.reset();
    this.chunker.reset();
    this.endpointer.reset();
    this.baseMs = null;
    this.samplesSeen = 0;
    this.lastProb = 0;
  }

  /** Feeds one frame (any length); resolves with the events completed by it. */
  async process(frame: AudioFrame): Promise<VadEvent[]> {
    this.baseMs ??= frame.atMs;
    this.samplesSeen += frame.samples.length;
    const events: VadEvent[] = [];
    for (const { chunk, startSample } of this.chunker.push(frame.samples)) {
      this.lastProb = await this.vad.probability(chunk);
      events.push(
        ...this.endpointer.push(this.lastProb, this.baseMs + (startSample / SAMPLE_RATE) * 1000, CHUNK_MS),
      );
    }
    return events;
  }

  /** End of stream: scores the last partial chunk and closes an open segment. */
  async finish(): Promise<VadEvent[]> {
    const events: VadEvent[] = [];
    const base = this.baseMs ?? 0;
    const endMs = base + (this.samplesSeen / SAMPLE_RATE) * 1000;
    const tail = this.chunker.flush();
    if (tail) {
      // The zero-padded last chunk is scored, but only its real samples count as time.
      this.lastProb = await this.vad.probability(tail.chunk);
      const startMs = base + (tail.startSample / SAMPLE_RATE) * 1000;
      events.push(...this.endpointer.push(this.lastProb, startMs, endMs - startMs));
    }
    events.push(...this.endpointer.finish(endMs));
    return events;
  }

  /** Every speech segment of a whole source (resets first). */
  async segments(source: AudioSource, signal?: AbortSignal): Promise<SpeechSegment[]> {
    this.reset();
    const out: SpeechSegment[] = [];
    const collect = (events: VadEvent[]) => {
      for (const e of events) if (e.type === 'speech-end') out.push(e.segment);
    };
    for await (const frame of source.frames(signal ? { signal } : {})) collect(await this.process(frame));
    collect(await this.finish());
    return out;
  }
}
