import type { StageInfo } from '../contracts/audio.ts';

/** Where a spoken reply went: the sound card, a WAV file (no audio output), or nowhere (TTS off). */
export type SpeechOutput = 'speaker' | 'file' | 'none';

export interface SpeakOptions {
  /** Aborting stops synthesis and playback at once (barge-in). */
  signal?: AbortSignal;
  /** Names the WAV file when output is 'file', so a replay can be matched to its interaction. */
  correlationId?: string;
  /** Called once, when the first audio bytes exist (the "→ first audio" latency point). */
  onFirstAudio?: () => void;
}

export interface SpeakResult {
  interrupted: boolean;
  output: SpeechOutput;
  /** Milliseconds from the call to the first audio bytes; null when nothing was produced. */
  firstAudioMs: number | null;
  /** Length of the synthesized audio. */
  audioMs: number;
  file?: string;
}

/**
 * Text → sound. espeak-ng is the implementation that runs everywhere Debian does; a neural voice
 * (Piper ONNX on the Pi's NPU/CPU) would be a second implementation of this same interface.
 */
export interface SpeechSynthesizer {
  info(): StageInfo;
  speak(text: string, options?: SpeakOptions): Promise<SpeakResult>;
}

/** TTS switched off in config (tts.engine = none): replies are shown, not spoken. */
export class SilentSynthesizer implements SpeechSynthesizer {
  constructor(private readonly note = 'text-to-speech is off (tts.engine = none)') {}

  info(): StageInfo {
    return { stage: 'tts', name: 'none', ready: true, note: this.note };
  }

  async speak(): Promise<SpeakResult> {
    return { interrupted: false, output: 'none', firstAudioMs: null, audioMs: 0 };
  }
}
