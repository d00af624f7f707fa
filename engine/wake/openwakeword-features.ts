import type { InferenceSession } from 'onnxruntime-node';
import { openModelSession, ort } from '../models/onnx-session.ts';
import type { ModelLocation } from '../models/verified-path.ts';

/** openWakeWord's fixed geometry (upstream openwakeword/utils.py AudioFeatures). */
export const OWW_CHUNK_SAMPLES = 1280; // 80 ms: one embedding per chunk
const MEL_CONTEXT_SAMPLES = 480; // 3 hops of 160: with them, 1280 new samples give exactly 8 mel frames
const MEL_BANDS = 32;
const MEL_FRAMES_PER_CHUNK = 8;
const EMBEDDING_WINDOW = 76; // mel frames per embedding
export const EMBEDDING_SIZE = 96;

/**
 * The shared, keyword-independent front end of openWakeWord, run incrementally: each 1280-sample chunk
 * costs one melspectrogram run (on 1760 samples) and one embedding run over the last 76 mel frames —
 * never a recomputation of the buffer.
 */
export class OpenWakeWordFeatures {
  private readonly context = new Float32Array(MEL_CONTEXT_SAMPLES);
  private readonly melInput = new Float32Array(MEL_CONTEXT_SAMPLES + OWW_CHUNK_SAMPLES);
  private readonly melWindow = new Float32Array(EMBEDDING_WINDOW * MEL_BANDS);

  private constructor(
    private readonly mel: InferenceSession,
    private readonly embedding: InferenceSession,
  ) {
    this.reset();
  }

  /** Opens the verified melspectrogram and embedding models (sessions shared per process). */
  static async create(loc: ModelLocation = {}): Promise<OpenWakeWordFeatures> {
    const [mel, embedding] = await Promise.all([
      openModelSession('oww_melspectrogram', 'wake', loc),
      openModelSession('oww_embedding', 'wake', loc),
    ]);
    return new OpenWakeWordFeatures(mel, embedding);
  }

  /** Forgets all audio: upstream starts its mel buffer as all ones (a quiet, neutral spectrum). */
  reset(): void {
    this.context.fill(0);
    this.melWindow.fill(1);
  }

  /** The embedding of the neutral starting window: what keyword histories are primed with. */
  async neutralEmbedding(): Promise<Float32Array> {
    const saved = this.melWindow.slice();
    this.melWindow.fill(1);
    const e = await this.embed();
    this.melWindow.set(saved);
    return e;
  }

  /** Consumes exactly 1280 samples and returns the newest 96-d embedding. */
  async step(chunk: Int16Array): Promise<Float32Array> {
    // Upstream feeds int16 values as float32 without normalising to [-1, 1]; the models expect that scale.
    this.melInput.set(this.context, 0);
    for (let i = 0; i < chunk.length; i++) this.melInput[MEL_CONTEXT_SAMPLES + i] = chunk[i]!;
    this.context.set(this.melInput.subarray(this.melInput.length - MEL_CONTEXT_SAMPLES));

    const melOut = await this.mel.run({
      [this.mel.inputNames[0]!]: new ort.Tensor('float32', this.melInput, [1, this.melInput.length]),
    });
    const frames = melOut[this.mel.outputNames[0]!]!.data as Float32Array;
    const fresh = MEL_FRAMES_PER_CHUNK * MEL_BANDS;
    // Slide the 76-frame window by 8 frames; scale exactly as openWakeWord does (x / 10 + 2).
    this.melWindow.copyWithin(0, fresh);
    const base = this.melWindow.length - fresh;
    for (let i = 0; i < fresh; i++) this.melWindow[base + i] = frames[i]! / 10 + 2;
    return this.embed();
  }

  private async embed(): Promise<Float32Array> {
    const input = new ort.Tensor('float32', this.melWindow.slice(), [1, EMBEDDING_WINDOW, MEL_BANDS, 1]);
    const out = await this.embedding.run({ [this.embedding.inputNames[0]!]: input });
    return new Float32Array(out[this.embedding.outputNames[0]!]!.data as Float32Array);
  }
}
