/**
 * `npm run eval:asr -- [MANIFEST] [--engine pocketsphinx|moonshine|whisper] [--json]`: word error
 * rate per file and in total over (wav or synthesized voice, reference) pairs. Without a manifest it
 * runs the shipped dev set.
 */
import { loadConfig, resolvePath } from '../../config/load.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { parseFlags } from '../../cli/commands/cli-args.ts';
import type { AsrEngineName } from '../../../asr/asr-engine.ts';
import { createAsrEngine } from '../../../asr/create-asr-engine.ts';
import { loadKioskPhrases } from '../../kiosk-phrases.ts';
import { DEVSET_MANIFEST, readEvalManifest } from './devset.ts';
import { formatItem, formatSummary } from './eval-format.ts';
import { runEval } from './run-eval.ts';

async function main(argv: string[]): Promise<number> {
  const hasManifest = argv[0] !== undefined && !argv[0].startsWith('--');
  const flags = parseFlags(hasManifest ? argv.slice(1) : argv, { values: ['engine'], switches: ['json'] });
  const manifest = hasManifest ? argv[0]! : DEVSET_MANIFEST;
  const items = await readEvalManifest(manifest);
  const config = loadConfig();
  const kioskPhrases = await loadKioskPhrases(resolvePath(config.reply.knowledgeDir));
  const selection = await createAsrEngine({
    engine: (flags.engine ?? config.asr.engine) as AsrEngineName,
    modelsDir: resolvePath(config.paths.modelsDir),
    pocketsphinx: { phrases: kioskPhrases },
  });
  if (selection.fallback)
    process.stderr.write(`eval:asr: ${selection.fallback.error.message}; evaluating pocketsphinx\n`);
  try {
    const report = await runEval(selection.engine, items, manifest, {
      kioskPhrases,
      onItem: flags.json ? undefined : (r) => process.stdout.write(formatItem(r) + '\n'),
    });
    if (flags.json)
      process.stdout.write(
        JSON.stringify({ ...report, items: report.items.map(({ transcript: _t, ...r }) => r) }, null, 1) +
          '\n',
      );
    else process.stdout.write(formatSummary(report) + '\n');
    return 0;
  } finally {
    await selection.engine.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`eval:asr: ${EngineError.toData(err).message}\n`);
    process.exitCode = 1;
  },
);
