import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { MicrophoneSource } from '../../../audio/microphone-source.ts';
import { WavFileSource } from '../../../audio/wav-file-source.ts';
import type { AudioSource } from '../../../audio/audio-source.ts';
import { WakeWordDetector } from '../../../wake/wake-word-detector.ts';
import type { CliCommand } from '../cli-command.ts';
import { AUDIO_LIMIT_OPTIONS, audioLimits } from './audio-limits.ts';

const USAGE =
  'usage: voice-kiosk wake FILE.wav|--mic [--keyword K]... [--model DIR/x.onnx]... [--threshold T] [--refractory MS] [--json] [--verbose] [--max-file-bytes N] [--max-file-ms MS]\n       voice-kiosk wake train --phrase "hey greenleaf" --out DIR [--minutes N]\n       voice-kiosk wake calibrate --model DIR/x.onnx [--minutes 60]';

export const command: CliCommand = {
  usage: USAGE,
  summary:
    'detect the wake word in a WAV file or live (--mic); `wake train` makes a keyword model for a phrase',
  async run(argv) {
    if (argv[0] === 'train') return (await import('./wake-train.ts')).runWakeTrain(argv.slice(1));
    if (argv[0] === 'calibrate') return (await import('./wake-calibrate.ts')).runWakeCalibrate(argv.slice(1));
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        keyword: { type: 'string', multiple: true },
        model: { type: 'string', multiple: true },
        threshold: { type: 'string' },
        refractory: { type: 'string' },
        mic: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        ...AUDIO_LIMIT_OPTIONS,
      },
    });
    const file = positionals[0];
    if (!values.mic && !file) throw new EngineError('bad-input', USAGE, { stage: 'wake' });
    const config = loadConfig();
    const threshold = values.threshold === undefined ? config.wake.threshold : Number(values.threshold);
    // --model heads and configured model paths keep their own trained threshold unless --threshold is given.
    const keywords = [...(values.keyword ?? []), ...(values.model ?? [])];
    const chosen = keywords.length ? keywords : config.wake.keywords;
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1)
      throw new EngineError(
        'bad-input',
        `--threshold must be a number in [0, 1], got '${values.threshold}'`,
        { stage: 'wake' },
      );
    const refractoryMs =
      values.refractory === undefined ? config.wake.refractoryMs : Number(values.refractory);
    if (!Number.isInteger(refractoryMs) || refractoryMs < 0)
      throw new EngineError(
        'bad-input',
        `--refractory must be whole milliseconds, got '${values.refractory}'`,
        { stage: 'wake' },
      );

    const source: AudioSource = values.mic
      ? new MicrophoneSource(config.audio)
      : new WavFileSource(file!, { limits: audioLimits(values, config.audio) });
    // Check the file first so a bad one fails before the models load.
    if (source instanceof WavFileSource) await source.probe();
    const detector = await WakeWordDetector.create({
      keywords: chosen,
      threshold,
      ...(values.threshold === undefined ? {} : { thresholdOverride: threshold }),
      refractoryMs,
      models: { modelsDir: config.paths.modelsDir },
    });
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    if (values.mic)
      process.stderr.write(
        `listening for ${detector
          .keywords()
          .map((k) => `'${k.phrase}'`)
          .join(', ')} (Ctrl-C to stop)\n`,
      );
    try {
      for await (const frame of source.frames({ signal: ac.signal })) {
        for (const d of await detector.process(frame)) {
          const line = values.json
            ? JSON.stringify({ keyword: d.keyword, score: Number(d.score.toFixed(4)), atMs: d.atMs })
            : `${(d.atMs / 1000).toFixed(2)}s  ${d.keyword}  ${d.score.toFixed(3)}`;
          process.stdout.write(line + '\n');
        }
      }
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (values.verbose) process.stderr.write(`peak scores: ${JSON.stringify(detector.peakScores())}\n`);
    return 0;
  },
};
