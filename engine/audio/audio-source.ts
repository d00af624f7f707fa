import type { AudioFrame, StageInfo } from '../contracts/audio.ts';

/**
 * Where audio enters the engine. Every source yields 16 kHz mono Int16 frames with a stream-relative
 * timestamp, so wake, VAD and ASR never care whether it came from a microphone or a file.
 */
export interface AudioSource {
  info(): StageInfo;
  /**
   * Yields frames until the audio ends or `signal` aborts (then it returns without throwing).
   * Failures (missing device, bad file) are thrown as EngineError from the iterator.
   */
  frames(opts?: { signal?: AbortSignal }): AsyncIterable<AudioFrame>;
}

/** Frame length sources use by default: 80 ms, the openWakeWord step, a multiple of nothing else needed. */
export const DEFAULT_FRAME_SAMPLES = 1280;
