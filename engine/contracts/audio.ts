/** 16 kHz mono signed 16-bit PCM is the one audio format every stage after the source accepts. */
export const SAMPLE_RATE = 16_000;

export interface AudioFrame {
  /** Mono samples at SAMPLE_RATE, as Int16 (what microphones and WAV files give). */
  samples: Int16Array;
  /** Milliseconds since the start of the stream, of the first sample in this frame. */
  atMs: number;
}

export interface WakeDetection {
  keyword: string;
  score: number;
  atMs: number;
}

export interface SpeechSegment {
  startMs: number;
  endMs: number;
  /** Why the segment ended: trailing silence, the maximum length, or the end of the stream. */
  endReason: 'silence' | 'max-length' | 'end-of-stream';
}

export interface Transcript {
  text: string;
  confidence: number;
  engine: string;
  audioMs: number;
  decodeMs: number;
  /**
   * Other readings of the same audio, best first, each with a 0–1 share of the recognizer's belief
   * (the first is `text`). The reply stage scores them against the shop's knowledge.
   */
  alternatives?: { text: string; weight: number; /** The decoder's own path score (log domain), for calibration. */ pathScore?: number }[];
}

export type AsrMode = 'kiosk' | 'dictation';

/** What a stage says about itself (wyoming's describe/info): shown in /health and `voice-kiosk config`. */
export interface StageInfo {
  stage: string;
  name: string;
  model?: string;
  licence?: string;
  sampleRate?: number;
  ready: boolean;
  note?: string;
}
