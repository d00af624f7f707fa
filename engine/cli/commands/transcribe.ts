import { readFile } from 'node:fs/promises';
import { decodeWav } from '../../audio/wav-decode.ts';
import type { AsrMode } from '../../contracts/audio.ts';
import { loadConfig, resolvePath } from '../../config/load.ts';
import { EngineError } from '../../errors/engine-error.ts';
import type { AsrEngineName } from '../../asr/asr-engine.ts';
import { transcribeSamples } from '../../asr/asr-engine.ts';
import { createAsrEngine } from '../../asr/create-asr-engine.ts';
import type { CliCommand } from '../main.ts';
import { parseFlags } from './cli-args.ts';
import { loadKnowledgeDir } from '../../reply/knowledge/knowledge-files.ts';
import { speechCorpus } from '../../reply/knowledge/speech-corpus.ts';

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
  'usage: voice-kiosk transcribe FILE.wav [--engine pocketsphinx|moonshine|whisper] [--mode kiosk|dictation] [--json]';

export const command: CliCommand = {
  summary: 'transcribe a WAV file on this machine (pocketsphinx, or moonshine/whisper when installed)',
  async run(argv) {
    const file = argv[0];
    if (!file || file.startsWith('--')) throw new EngineError('bad-input', USAGE, { stage: 'asr' });
    const flags = parseFlags(argv.slice(1), { values: ['engine', 'mode'], switches: ['json'] });
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

    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new EngineError(
        'not-found',
        `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        { stage: 'asr', detail: { file } },
      );
    }
    const { samples } = decodeWav(bytes, file);

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
      const t = await transcribeSamples(selection.engine, samples, mode);
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
