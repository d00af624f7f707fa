import type { KioskConfig } from '../contracts/config.ts';
import { probeAudioOutput } from './audio-output.ts';
import { EspeakSynthesizer, espeakAvailable } from './espeak-synthesizer.ts';
import { SilentSynthesizer, type SpeechSynthesizer } from './speech-synthesizer.ts';

export interface SynthesizerChoice {
  synthesizer: SpeechSynthesizer;
  /** Set when replies will not be heard, for a notice event in the UI. */
  notice?: string;
}

/**
 * Picks the TTS from config and what this machine has: espeak-ng to the speaker; to WAV files in
 * `fileDir` when there is no sound card; silent with a notice when espeak-ng is missing.
 * Piper (neural, ONNX) is not implemented; it would be one more branch here.
 */
export function createSynthesizer(
  config: KioskConfig,
  opts: { fileDir?: string; forceOutput?: 'speaker' | 'file' } = {},
): SynthesizerChoice {
  if (config.tts.engine === 'none') return { synthesizer: new SilentSynthesizer() };
  if (!espeakAvailable()) {
    const notice = 'espeak-ng is not installed (apt-get install espeak-ng): replies are shown but not spoken';
    return { synthesizer: new SilentSynthesizer(notice), notice };
  }
  const probe = opts.forceOutput ? { available: opts.forceOutput === 'speaker' } : probeAudioOutput();
  if (probe.available) {
    return { synthesizer: new EspeakSynthesizer({ voice: config.tts.voice, output: 'speaker' }) };
  }
  if (opts.fileDir) {
    return {
      synthesizer: new EspeakSynthesizer({ voice: config.tts.voice, output: 'file', outDir: opts.fileDir }),
      notice: `${'reason' in probe && probe.reason ? probe.reason : 'no audio output'}: spoken replies are written to ${opts.fileDir}`,
    };
  }
  const notice = `${'reason' in probe && probe.reason ? probe.reason : 'no audio output'}: replies are shown but not spoken`;
  return { synthesizer: new SilentSynthesizer(notice), notice };
}
