import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.ts';
import { EngineError } from '../../errors/engine-error.ts';
import { WavFileSource } from '../../audio/wav-file-source.ts';
import { VoiceActivityDetector } from '../../vad/voice-activity-detector.ts';
import type { CliCommand } from '../main.ts';

const USAGE =
  'usage: voice-kiosk vad FILE.wav [--json] [--threshold P] [--trailing-silence MS] [--max-utterance MS]';

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
    const { vad, paths } = loadConfig();
    const source = new WavFileSource(file);
    await source.decode();
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
