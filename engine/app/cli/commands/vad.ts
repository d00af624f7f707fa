import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { WavFileSource } from '../../../audio/wav-file-source.ts';
import { VoiceActivityDetector } from '../../../vad/voice-activity-detector.ts';
import type { CliCommand } from '../cli-command.ts';
import { AUDIO_LIMIT_OPTIONS, audioLimits } from './audio-limits.ts';

const USAGE =
  'usage: voice-kiosk vad FILE.wav [--json] [--threshold P] [--trailing-silence MS] [--max-utterance MS] [--max-file-bytes N] [--max-file-ms MS]';

export const command: CliCommand = {
  usage: USAGE,
  summary: 'print the speech segments Silero VAD + the endpointer find in a WAV file',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        threshold: { type: 'string' },
        'trailing-silence': { type: 'string' },
        'max-utterance': { type: 'string' },
        ...AUDIO_LIMIT_OPTIONS,
      },
    });
    const file = positionals[0];
    if (!file) throw new EngineError('bad-input', USAGE, { stage: 'vad' });
    const num = (flag: string, raw: string | undefined, fallback: number, ok: (n: number) => boolean) => {
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!ok(n)) throw new EngineError('bad-input', `${flag}: invalid value '${raw}'`, { stage: 'vad' });
      return n;
    };
    const { vad, paths, audio } = loadConfig();
    const source = new WavFileSource(file, { limits: audioLimits(values, audio) });
    await source.probe(); // a missing, oversized or broken file fails here, before the model loads
    const detector = await VoiceActivityDetector.create({
      ...vad,
      threshold: num('--threshold', values.threshold, vad.threshold, (n) => n >= 0 && n <= 1),
      trailingSilenceMs: num(
        '--trailing-silence',
        values['trailing-silence'],
        vad.trailingSilenceMs,
        (n) => Number.isInteger(n) && n > 0,
      ),
      maxUtteranceMs: num(
        '--max-utterance',
        values['max-utterance'],
        vad.maxUtteranceMs,
        (n) => Number.isInteger(n) && n > 0,
      ),
      models: { modelsDir: paths.modelsDir },
    });
    for (const s of await detector.segments(source)) {
      const line = values.json
        ? JSON.stringify({
            startMs: Math.round(s.startMs),
            endMs: Math.round(s.endMs),
            endReason: s.endReason,
          })
        : `${(s.startMs / 1000).toFixed(2)}s – ${(s.endMs / 1000).toFixed(2)}s  (${s.endReason})`;
      process.stdout.write(line + '\n');
    }
    return 0;
  },
};
