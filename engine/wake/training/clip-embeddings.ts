import type { InferenceSession } from 'onnxruntime-node';
import { openModelSession, ort } from '../../models/onnx-session.ts';
import type { ModelLocation } from '../../models/verified-path.ts';
import { EMBEDDING_SIZE, OWW_CHUNK_SAMPLES } from '../openwakeword-features.ts';

const MEL_CONTEXT = 480;
const MEL_BANDS = 32;
const MEL_FRAMES_PER_CHUNK = 8;
const EMBEDDING_WINDOW = 76;
const MEL_BATCH = 32;
const EMBED_BATCH = 64;

/**
 * The openWakeWord front end over a whole clip, batched: the same numbers the streaming
 * `OpenWakeWordFeatures` produces chunk by chunk from a fresh reset (the unit test checks it), at a
 * fraction of the cost — training needs tens of thousands of embeddings and one onnxruntime call per
 * embedding dominates otherwise.
 */
export class ClipEmbedder {
  private constructor(
    private readonly mel: InferenceSession,
    private readonly embedding: InferenceSession,
  ) {}

  /** Opens the verified feature models (shared sessions). */
  static async create(loc: ModelLocation = {}): Promise<ClipEmbedder> {
    const [mel, embedding] = await Promise.all([
      openModelSession('oww_melspectrogram', 'wake', loc),
      openModelSession('oww_embedding', 'wake', loc),
    ]);
    return new ClipEmbedder(mel, embedding);
  }

  /**
   * One 96-d embedding per whole 80 ms chunk of `samples` (a trailing partial chunk is dropped), as if
   * streamed from a reset detector. Only chunks with index ≥ `fromChunk` are embedded (the mel frames
   * before still feed their windows); the result is indexed from `fromChunk`.
   */
  async embed(samples: Int16Array, fromChunk = 0): Promise<Float32Array[]> {
    const chunks = Math.floor(samples.length / OWW_CHUNK_SAMPLES);
    const melFrames = await this.melFrames(samples, chunks);
    // Mel frames of chunk c are rows [8c, 8c+8) of melFrames, already scaled; the window before
    // any audio is all ones, exactly like the streaming reset.
    const out: Float32Array[] = [];
    for (let start = Math.max(0, fromChunk); start < chunks; start += EMBED_BATCH) {
      const n = Math.min(EMBED_BATCH, chunks - start);
      const batch = new Float32Array(n * EMBEDDING_WINDOW * MEL_BANDS);
      for (let b = 0; b < n; b++) {
        const c = start + b;
        const endFrame = (c + 1) * MEL_FRAMES_PER_CHUNK; // exclusive, in mel frames since the start
        const base = b * EMBEDDING_WINDOW * MEL_BANDS;
        for (let f = 0; f < EMBEDDING_WINDOW; f++) {
          const src = endFrame - EMBEDDING_WINDOW + f;
          const dst = base + f * MEL_BANDS;
          if (src < 0) batch.fill(1, dst, dst + MEL_BANDS);
          else batch.set(melFrames.subarray(src * MEL_BANDS, (src + 1) * MEL_BANDS), dst);
        }
      }
      const res = await this.embedding.run({
        [this.embedding.inputNames[0]!]: new ort.Tensor('float32', batch, [
          n,
          EMBEDDING_WINDOW,
          MEL_BANDS,
          1,
        ]),
      });
      const data = res[this.embedding.outputNames[0]!]!.data as Float32Array;
      for (let b = 0; b < n; b++) out.push(data.slice(b * EMBEDDING_SIZE, (b + 1) * EMBEDDING_SIZE));
    }
    return out;
  }

  private async melFrames(samples: Int16Array, chunks: number): Promise<Float32Array> {
    const perChunk = MEL_FRAMES_PER_CHUNK * MEL_BANDS;
    const out = new Float32Array(chunks * perChunk);
    const width = MEL_CONTEXT + OWW_CHUNK_SAMPLES;
    for (let start = 0; start < chunks; start += MEL_BATCH) {
      const n = Math.min(MEL_BATCH, chunks - start);
      const input = new Float32Array(n * width);
      for (let b = 0; b < n; b++) {
        const first = (start + b) * OWW_CHUNK_SAMPLES - MEL_CONTEXT; // the 480 samples before the chunk
        for (let i = 0; i < width; i++) {
          const s = first + i;
          input[b * width + i] = s < 0 ? 0 : samples[s]!;
        }
      }
      const res = await this.mel.run({
        [this.mel.inputNames[0]!]: new ort.Tensor('float32', input, [n, width]),
      });
      const data = res[this.mel.outputNames[0]!]!.data as Float32Array;
      for (let i = 0; i < n * perChunk; i++) out[start * perChunk + i] = data[i]! / 10 + 2;
    }
    return out;
  }
}
