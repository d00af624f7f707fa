import type { InferenceSession } from 'onnxruntime-node';
import { SAMPLE_RATE, type AudioFrame, type StageInfo, type WakeDetection } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import { SampleChunker } from '../audio/sample-chunker.ts';
import type { AudioSource } from '../audio/audio-source.ts';
import { openFileSession, openModelSession, ort } from '../models/onnx-session.ts';
import { DEFAULT_MANIFEST, readManifest } from '../models/manifest.ts';
import type { ModelLocation } from '../models/verified-path.ts';
import { isKeywordModelPath, loadKeywordModelFile } from './keyword-model-file.ts';
import { EMBEDDING_SIZE, OWW_CHUNK_SAMPLES, OpenWakeWordFeatures } from './openwakeword-features.ts';

export interface WakeWordOptions {
  /**
   * Keyword heads (config.wake.keywords): manifest ids, e.g. 'hey_jarvis', or paths of heads trained by
   * `voice-kiosk wake train` (DIR/x.onnx with its DIR/x.json sidecar).
   */
  keywords: readonly string[];
  /** Score above which a manifest keyword fires (config.wake.threshold, openWakeWord's usual 0.5). */
  threshold: number;
  /** When set, also replaces the trained heads' own thresholds (the CLI's explicit --threshold). */
  thresholdOverride?: number;
  /** After a detection, no further detection for this long, in stream time (config.wake.refractoryMs). */
  refractoryMs: number;
  models?: ModelLocation;
}

interface KeywordHead {
  keyword: string;
  session: InferenceSession;
  /** Embeddings the head looks at (16 for every upstream model: 1.28 s). */
  window: number;
  threshold: number;
  /** Consecutive steps at or above the threshold before it fires (sidecar `patience`, else 1). */
  patience: number;
  /** Steps in a row the score has been at or above the threshold. */
  run: number;
  /** Stream time at the end of the run's first step: where the phrase ended, reported as the detection's time. */
  runFromMs: number;
  /** The spoken phrase when known (trained heads), for the UI's headline. */
  phrase?: string;
  licence: string;
  peak: number;
}

const FEATURE_MODELS = new Set(['oww_melspectrogram', 'oww_embedding']);

/** Keyword ids the manifest offers (wake-stage models other than the shared feature models). */
export async function wakeKeywords(loc: ModelLocation = {}): Promise<string[]> {
  const manifest = readManifest(loc.manifestPath ?? DEFAULT_MANIFEST);
  return manifest.models.filter((m) => m.stage === 'wake' && !FEATURE_MODELS.has(m.id)).map((m) => m.id);
}

// Upstream zeroes the first 5 predictions after start: the history is still mostly the neutral prime.
const WARMUP_STEPS = 5;

/**
 * Streaming openWakeWord on onnxruntime-node. Feed frames of any length as they arrive; every 80 ms
 * the shared front end adds one embedding and each keyword head scores the last 16.
 *
 * `WakeDetection.atMs` is the stream time at the END of the 80 ms chunk whose score first crossed the
 * threshold — in practice the end of the spoken phrase or up to a few hundred ms after it, because the
 * heads fire once they have heard the whole phrase.
 */
/** A frame this far from where the samples so far put it starts a new time base. */
const REBASE_AFTER_MS = 500;

export class WakeWordDetector {
  private readonly chunker = new SampleChunker(OWW_CHUNK_SAMPLES);
  private history: Float32Array[] = [];
  private steps = 0;
  private baseMs: number | null = null;
  /** Samples fed since the last reset, for the stream clock. */
  private fedSamples = 0;
  private quietUntilMs = -Infinity;
  private armed = true;
  private lastScores: Record<string, number> = {};

  private constructor(
    private readonly features: OpenWakeWordFeatures,
    private readonly heads: KeywordHead[],
    private readonly neutral: Float32Array,
    private readonly opts: WakeWordOptions,
  ) {
    this.reset();
  }

  /** Loads the verified front-end models and one head per keyword; unknown keywords are 'bad-input'. */
  static async create(opts: WakeWordOptions): Promise<WakeWordDetector> {
    if (opts.keywords.length === 0)
      throw new EngineError('bad-input', 'no wake keyword configured', { stage: 'wake' });
    const heads: KeywordHead[] = [];
    const available = await wakeKeywords(opts.models);
    for (const keyword of opts.keywords) {
      if (isKeywordModelPath(keyword)) {
        const { file, sidecar } = await loadKeywordModelFile(keyword);
        heads.push({
          keyword: sidecar.keyword,
          session: await openFileSession(file, 'wake'),
          window: sidecar.window,
          threshold: opts.thresholdOverride ?? sidecar.threshold,
          patience: sidecar.patience ?? 1,
          run: 0,
          runFromMs: 0,
          phrase: sidecar.phrase,
          licence: 'own (trained here)',
          peak: 0,
        });
        continue;
      }
      if (!available.includes(keyword)) {
        throw new EngineError(
          'bad-input',
          `unknown wake keyword '${keyword}' (available: ${available.join(', ')})`,
          {
            stage: 'wake',
            detail: { keyword },
          },
        );
      }
      const session = await openModelSession(keyword, 'wake', opts.models);
      const meta = session.inputMetadata[0] as { shape?: readonly (number | string)[] } | undefined;
      const dim = meta?.shape?.[1];
      heads.push({
        keyword,
        session,
        window: typeof dim === 'number' ? dim : 16,
        threshold: opts.thresholdOverride ?? opts.threshold,
        patience: 1,
        run: 0,
        runFromMs: 0,
        phrase: keyword.replace(/_/g, ' '),
        licence: 'CC-BY-NC-SA-4.0',
        peak: 0,
      });
    }
    const features = await OpenWakeWordFeatures.create(opts.models);
    return new WakeWordDetector(features, heads, await features.neutralEmbedding(), opts);
  }

  info(): StageInfo {
    return {
      stage: 'wake',
      name: 'openWakeWord (onnxruntime-node)',
      model: this.heads.map((h) => h.keyword).join(','),
      licence: `keyword heads: ${this.heads.map((h) => `${h.keyword} ${h.licence}`).join(', ')}; features Apache-2.0`,
      sampleRate: SAMPLE_RATE,
      ready: true,
      note: `threshold ${this.heads.map((h) => `${h.keyword} ${h.threshold}${h.patience > 1 ? ` × ${h.patience} steps` : ''}`).join(', ')}, refractory ${this.opts.refractoryMs} ms`,
    };
  }

  /** Starts a new stream: clears audio buffers, scores and the refractory timer (sessions stay loaded). */
  reset(): void {
    this.features.reset();
    this.chunker.reset();
    const depth = Math.max(...this.heads.map((h) => h.window));
    this.history = Array.from({ length: depth }, () => this.neutral);
    this.steps = 0;
    this.baseMs = null;
    this.fedSamples = 0;
    this.quietUntilMs = -Infinity;
    this.armed = true;
    for (const h of this.heads) {
      h.peak = 0;
      h.run = 0;
    }
    this.lastScores = {};
  }

  /** Feeds one frame (any length); resolves with the detections it completed (usually none). */
  async process(frame: AudioFrame): Promise<WakeDetection[]> {
    const fedMs = (this.fedSamples / SAMPLE_RATE) * 1000;
    // A source that starts again (the microphone came back and arecord counts from 0) gets a new time
    // base: detections are compared with the VAD's times, which follow the frames' own clock.
    if (this.baseMs === null || Math.abs(frame.atMs - (this.baseMs + fedMs)) > REBASE_AFTER_MS) {
      if (this.baseMs !== null) this.quietUntilMs = -Infinity;
      this.baseMs = frame.atMs - fedMs;
    }
    this.fedSamples += frame.samples.length;
    const detections: WakeDetection[] = [];
    for (const { chunk, startSample } of this.chunker.push(frame.samples)) {
      const atMs = this.baseMs + ((startSample + OWW_CHUNK_SAMPLES) / SAMPLE_RATE) * 1000;
      const embedding = await this.features.step(chunk);
      this.history.shift();
      this.history.push(embedding);
      this.steps++;
      if (this.steps <= WARMUP_STEPS) continue;
      let best: WakeDetection | null = null;
      for (const head of this.heads) {
        const score = await this.score(head);
        this.lastScores[head.keyword] = score;
        if (score > head.peak) head.peak = score;
        head.run = score >= head.threshold ? head.run + 1 : 0;
        if (head.run === 1) head.runFromMs = atMs;
        // With patience the head fires steps after the phrase ended; the detection still says where it
        // ended, because the pipeline cuts the question's pre-roll and the wake phrase's tail from that time.
        if (head.run >= head.patience && (!best || score > best.score))
          best = { keyword: head.keyword, score, atMs: Math.round(head.runFromMs) };
      }
      // One utterance wakes the kiosk once: after a detection nothing fires until the refractory period
      // has passed AND every score has dropped below the threshold (a score stays high for several frames).
      if (best && this.armed && atMs >= this.quietUntilMs) {
        detections.push(best);
        this.quietUntilMs = atMs + this.opts.refractoryMs;
        this.armed = false;
      } else if (!best) {
        this.armed = true;
      }
    }
    return detections;
  }

  /** Runs a whole source (a file, or a microphone until aborted) and returns every detection. */
  async detectAll(source: AudioSource, signal?: AbortSignal): Promise<WakeDetection[]> {
    const out: WakeDetection[] = [];
    for await (const frame of source.frames(signal ? { signal } : {}))
      out.push(...(await this.process(frame)));
    return out;
  }

  /** The loaded heads' ids, spoken phrases and thresholds (the UI headline and the try-it panel). */
  keywords(): { keyword: string; phrase: string; threshold: number; patience: number }[] {
    return this.heads.map((h) => ({
      keyword: h.keyword,
      phrase: h.phrase ?? h.keyword,
      threshold: h.threshold,
      patience: h.patience,
    }));
  }

  /** Highest score per keyword since the last reset (for calibration and the CLI's --verbose). */
  peakScores(): Record<string, number> {
    return Object.fromEntries(this.heads.map((h) => [h.keyword, h.peak]));
  }

  /** Latest score per keyword. */
  scores(): Readonly<Record<string, number>> {
    return this.lastScores;
  }

  private async score(head: KeywordHead): Promise<number> {
    const input = new Float32Array(head.window * EMBEDDING_SIZE);
    const recent = this.history.slice(-head.window);
    for (let i = 0; i < recent.length; i++) input.set(recent[i]!, i * EMBEDDING_SIZE);
    const out = await head.session.run({
      [head.session.inputNames[0]!]: new ort.Tensor('float32', input, [1, head.window, EMBEDDING_SIZE]),
    });
    return (out[head.session.outputNames[0]!]!.data as Float32Array)[0]!;
  }
}
