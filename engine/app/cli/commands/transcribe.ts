import { WavFileSource } from '../../../audio/wav-file-source.ts';
import type { AsrMode } from '../../../contracts/audio.ts';
import { loadConfig, resolvePath } from '../../config/load.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import type { AsrEngineName } from '../../../asr/asr-engine.ts';
import { createAsrEngine } from '../../../asr/create-asr-engine.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseFlags } from './cli-args.ts';
import { audioLimits } from './audio-limits.ts';
import { loadKnowledgeDir } from '../../../reply/knowledge/knowledge-files.ts';
import { speechCorpus } from '../../../reply/knowledge/speech-corpus.ts';

/** The kiosk sentences of the configured shop, or undefined (the engine's sample list) when it cannot be read. */
function shopSentences(dir: string): string[] | undefined {
  try {
    return speechCorpus(loadKnowledgeDir(resolvePath(dir)));
  } catch {
    return undefined;
  }
}

const ENGINES: readonly AsrEngineName[] = ['pocketsphinx', 'moonshine', 'whisper'];
const MODES: readonly AsrMode[] = ['kiosk', 'dictation'];
const USAGE =
  'usage: voice-kiosk transcribe FILE.wav [--engine pocketsphinx|moonshine|whisper] [--mode kiosk|dictation] [--json] [--max-file-bytes N] [--max-file-ms MS]';

export const command: CliCommand = {
  usage: USAGE,
  summary: 'transcribe a WAV file on this machine (pocketsphinx, or moonshine/whisper when installed)',
  async run(argv) {
    const file = argv[0];
    if (!file || file.startsWith('--')) throw new EngineError('bad-input', USAGE, { stage: 'asr' });
    const flags = parseFlags(argv.slice(1), { values: ['engine', 'mode', 'max-file-bytes', 'max-file-ms'], switches: ['json'] });
    const config = loadConfig();
    const engineName = (flags.engine ?? config.asr.engine) as AsrEngineName;
    if (!ENGINES.includes(engineName))
      throw new EngineError(
        'bad-input',
        `--engine must be one of ${ENGINES.join(', ')}, got '${engineName}'`,
        { stage: 'asr' },
      );
    const mode = (flags.mode ?? 'dictation') as AsrMode;
    if (!MODES.includes(mode))
      throw new EngineError('bad-input', `--mode must be kiosk or dictation, got '${mode}'`, {
        stage: 'asr',
      });

    // Checked before the models load; decoded as a stream, so memory does not grow with the file.
    const source = new WavFileSource(file, { frameSamples: 16_000, limits: audioLimits(flags, config.audio) });
    await source.probe();

    const selection = await createAsrEngine({
      engine: engineName,
      modelsDir: resolvePath(config.paths.modelsDir),
      // The same kiosk vocabulary the running kiosk uses: generated from the configured knowledge base.
      ...(mode === 'kiosk' ? { pocketsphinx: { phrases: shopSentences(config.reply.knowledgeDir) } } : {}),
    });
    try {
      if (selection.fallback)
        process.stderr.write(
          `voice-kiosk transcribe: ${selection.fallback.error.message}; using pocketsphinx\n`,
        );
      const session = selection.engine.start(mode);
      // One second at a time, each written before the next is read: the decoder's queue stays short.
      try {
        for await (const frame of source.frames()) await session.write(frame.samples);
      } catch (err) {
        await session.cancel();
        throw err;
      }
      const t = await session.finish();
      if (flags.json) {
        process.stdout.write(
          JSON.stringify({
            text: t.text,
            engine: t.engine,
            confidence: t.confidence,
            audioMs: t.audioMs,
            decodeMs: t.decodeMs,
          }) + '\n',
        );
      } else {
        process.stdout.write(`${t.text}\n`);
      }
      return 0;
    } finally {
      await selection.engine.close();
    }
  },
};
