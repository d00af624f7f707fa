import type { KioskConfig } from '../contracts/config.ts';
import { probeAudioOutput } from './audio-output.ts';
import { EspeakSynthesizer, espeakAvailable } from './espeak-synthesizer.ts';
import { espeakVoiceFor } from './espeak-voice.ts';
import { SilentSynthesizer, type SpeechSynthesizer } from './speech-synthesizer.ts';
import { purgeSpokenReplies } from './spoken-reply-files.ts';

export interface SynthesizerChoice {
  synthesizer: SpeechSynthesizer;
  /** Set when replies will not be heard, for a notice event in the UI. */
  notice?: string;
}

/**
 * Picks the TTS from config and what this machine has: espeak-ng to the speaker; with no sound card,
 * the newest `tts.keepFiles` replies as WAV files in `fileDir` (default none: a reply nobody hears is
 * not kept); silent with a notice when espeak-ng is missing. The voice follows device.locale.
 * Piper (neural, ONNX) is not implemented; it would be one more branch here.
 */
export function createSynthesizer(
  config: KioskConfig,
  opts: { fileDir?: string; forceOutput?: 'speaker' | 'file'; keepFiles?: number } = {},
): SynthesizerChoice {
  if (config.tts.engine === 'none') return { synthesizer: new SilentSynthesizer() };
  if (!espeakAvailable()) {
    const notice = 'espeak-ng is not installed (apt-get install espeak-ng): replies are shown but not spoken';
    return { synthesizer: new SilentSynthesizer(notice), notice };
  }
  const voice = config.tts.voice ?? espeakVoiceFor(config.device.locale);
  const probe = opts.forceOutput ? { available: opts.forceOutput === 'speaker' } : probeAudioOutput();
  if (probe.available) {
    return { synthesizer: new EspeakSynthesizer({ voice, output: 'speaker' }) };
  }
  const keep = opts.keepFiles ?? config.tts.keepFiles;
  const why = 'reason' in probe && probe.reason ? probe.reason : 'no audio output';
  // Still synthesized (the pipeline's first-audio timing stays real), but kept only when asked.
  if (opts.fileDir && keep > 0) {
    return {
      synthesizer: new EspeakSynthesizer({ voice, output: 'file', outDir: opts.fileDir, keepFiles: keep }),
      notice: `${why}: the newest ${keep} spoken replies are kept in ${opts.fileDir}`,
    };
  }
  // Replies older versions left behind (one WAV per reply, never removed) go too.
  if (opts.fileDir) purgeSpokenReplies(opts.fileDir, 0);
  return {
    synthesizer: new EspeakSynthesizer({ voice, output: 'file', keepFiles: 0 }),
    notice: `${why}: replies are shown, not heard (tts.keepFiles keeps them as WAV files)`,
  };
}
