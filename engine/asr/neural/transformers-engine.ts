import { performance } from 'node:perf_hooks';
import type { AsrMode, StageInfo, Transcript } from '../../contracts/audio.ts';
import { SAMPLE_RATE } from '../../contracts/audio.ts';
import { EngineError } from '../../errors/engine-error.ts';
import type { AsrEngine, AsrSession } from '../asr-engine.ts';
import { verifyModelFiles } from './model-files-check.ts';
import { NEURAL_MODELS, type NeuralModelSpec } from './neural-models.ts';
import { isSilent } from './silence-gate.ts';
import { disableOnnxTelemetry } from '../../models/onnx-telemetry.ts';

type Transcriber = (
  audio: Float32Array,
  opts?: Record<string, unknown>,
) => Promise<{ text: string } | { text: string }[]>;

export interface TransformersAsrOptions {
  engine: 'moonshine' | 'whisper';
  /** Absolute models directory (config paths.modelsDir, resolved). */
  modelsDir: string;
}

/**
 * Moonshine tiny or Whisper tiny.en through transformers.js on onnxruntime-node: the quality path on
 * a device that has fetched the weights. Local files only — remote model fetches are switched off,
 * so a missing file is an error naming `models:fetch`, never a download at run time.
 */
export class TransformersAsrEngine implements AsrEngine {
  readonly name: 'moonshine' | 'whisper';
  private readonly spec: NeuralModelSpec;
  private transcriber: Transcriber | undefined;
  private loading: Promise<void> | undefined;
  private loadError: EngineError | undefined;

  constructor(private readonly opts: TransformersAsrOptions) {
    this.name = opts.engine;
    this.spec = NEURAL_MODELS[opts.engine];
  }

  load(): Promise<void> {
    this.loading ??= this.doLoad().catch((err: unknown) => {
      this.loading = undefined;
      this.loadError =
        err instanceof EngineError
          ? err
          : new EngineError('unavailable', `${this.spec.group} failed to load: ${(err as Error).message}`, {
              stage: 'asr',
              detail: { model: this.spec.group },
              cause: err,
            });
      throw this.loadError;
    });
    return this.loading;
  }

  private async doLoad(): Promise<void> {
    await verifyModelFiles(this.spec, this.opts.modelsDir);
    disableOnnxTelemetry();
    const tf = await import('@huggingface/transformers');
    tf.env.allowRemoteModels = false;
    tf.env.allowLocalModels = true;
    tf.env.localModelPath = this.opts.modelsDir.endsWith('/')
      ? this.opts.modelsDir
      : `${this.opts.modelsDir}/`;
    const pipe = await tf.pipeline('automatic-speech-recognition', this.spec.group, {
      dtype: this.spec.dtype,
      device: 'cpu',
      local_files_only: true,
    });
    this.transcriber = pipe as unknown as Transcriber;
    this.loadError = undefined;
  }

  start(mode: AsrMode): AsrSession {
    const transcriber = this.transcriber;
    if (!transcriber)
      throw (
        this.loadError ??
        new EngineError('unavailable', `${this.name} engine not loaded (call load() first)`, { stage: 'asr' })
      );
    return new BufferedSession(
      mode,
      async (audio) => {
        const out = await transcriber(
          audio,
          this.spec.engine === 'whisper' ? { language: 'en', task: 'transcribe' } : {},
        );
        return (Array.isArray(out) ? out.map((o) => o.text).join(' ') : out.text).trim();
      },
      this.name,
    );
  }

  info(): StageInfo {
    const info: StageInfo = {
      stage: 'asr',
      name: this.name,
      model: this.spec.group,
      licence: this.spec.licence,
      sampleRate: SAMPLE_RATE,
      ready: !!this.transcriber,
    };
    if (this.loadError) info.note = this.loadError.message;
    return info;
  }

  async close(): Promise<void> {
    const t = this.transcriber as unknown as { dispose?: () => Promise<void> } | undefined;
    this.transcriber = undefined;
    this.loading = undefined;
    await t?.dispose?.();
  }
}

/**
 * Moonshine and Whisper decode a whole utterance at once, so the session only collects audio;
 * silence is answered without running the model, which would otherwise hallucinate words.
 */
class BufferedSession implements AsrSession {
  private chunks: Int16Array[] = [];
  private samples = 0;
  private done = false;
  private failure: EngineError | undefined;

  constructor(
    readonly mode: AsrMode,
    private readonly run: (audio: Float32Array) => Promise<string>,
    private readonly engine: string,
  ) {}

  write(samples: Int16Array): Promise<void> {
    if (this.done) return Promise.resolve();
    if (!(samples instanceof Int16Array)) {
      this.failure ??= new EngineError('bad-audio', 'ASR expects 16 kHz mono Int16Array chunks', {
        stage: 'asr',
      });
      return Promise.resolve();
    }
    this.chunks.push(samples.slice());
    this.samples += samples.length;
    return Promise.resolve();
  }

  partial(): string {
    return '';
  }

  async finish(): Promise<Transcript> {
    if (this.done) throw new EngineError('bad-input', 'utterance already finished', { stage: 'asr' });
    this.done = true;
    if (this.failure) throw this.failure;
    const audio = new Float32Array(this.samples);
    let o = 0;
    for (const c of this.chunks) for (let i = 0; i < c.length; i++) audio[o++] = c[i]! / 32768;
    this.chunks = [];
    const audioMs = Math.round((this.samples / SAMPLE_RATE) * 1000);
    const t0 = performance.now();
    const text = isSilent(audio) ? '' : await this.run(audio);
    // These models give no per-utterance posterior; a fixed confidence says "model did not reject".
    return {
      text,
      confidence: text ? 0.9 : 0,
      engine: this.engine,
      audioMs,
      decodeMs: Math.round(performance.now() - t0),
    };
  }

  cancel(): Promise<void> {
    this.done = true;
    this.chunks = [];
    return Promise.resolve();
  }
}
