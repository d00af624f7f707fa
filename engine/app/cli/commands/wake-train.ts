import { parseArgs } from 'node:util';
import { loadConfig, resolvePath } from '../../config/load.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { trainKeyword, type TrainProgress } from '../../../wake/training/keyword-trainer.ts';
import { ProgressBar } from '../progress-bar.ts';

const USAGE =
  'usage: voice-kiosk wake train --phrase "hey greenleaf" --out DIR [--minutes N] [--seed S] [--target-fa-per-hour F] [--progress-json]';

/** `voice-kiosk wake train`: the keyword trainer behind a progress bar (or JSON progress lines for the kiosk). */
export async function runWakeTrain(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      phrase: { type: 'string' },
      out: { type: 'string' },
      minutes: { type: 'string' },
      seed: { type: 'string' },
      'target-fa-per-hour': { type: 'string' },
      'progress-json': { type: 'boolean', default: false },
    },
  });
  if (!values.phrase || !values.out) throw new EngineError('bad-input', USAGE, { stage: 'wake' });
  const num = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n))
      throw new EngineError('bad-input', `--${name} must be a number, got '${v}'`, { stage: 'wake' });
    return n;
  };
  const config = loadConfig();
  const bar = new ProgressBar();
  const onProgress = (p: TrainProgress) => {
    if (values['progress-json']) process.stdout.write(JSON.stringify({ progress: p }) + '\n');
    else bar.update(p.fraction, p.etaSec, `${p.phase}: ${p.detail}`);
  };
  const ac = new AbortController();
  const stop = () =>
    ac.abort(
      new EngineError('unavailable', 'training interrupted (run the same command again to resume)', {
        stage: 'wake',
      }),
    );
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const result = await trainKeyword({
      phrase: values.phrase,
      outDir: resolvePath(values.out),
      minutes: num(values.minutes, 'minutes'),
      seed: num(values.seed, 'seed'),
      targetFaPerHour: num(values['target-fa-per-hour'], 'target-fa-per-hour'),
      knowledgeDir: resolvePath(config.reply.knowledgeDir),
      models: { modelsDir: config.paths.modelsDir },
      onProgress,
      signal: ac.signal,
    });
    const v = result.sidecar.validation as { recall: number; faPerHour: number; negativeHours: number };
    const summary = {
      model: result.onnxPath,
      sidecar: result.sidecarPath,
      threshold: result.sidecar.threshold,
      recall: v.recall,
      faPerHour: v.faPerHour,
      trainingSec: result.sidecar.trainingSec,
    };
    process.stdout.write(
      (values['progress-json']
        ? JSON.stringify({ result: summary })
        : `wrote ${result.onnxPath} (threshold ${summary.threshold}, held-back recall ${(v.recall * 100).toFixed(1)} %, ${v.faPerHour.toFixed(2)} false accepts/h over ${v.negativeHours.toFixed(2)} h, ${summary.trainingSec} s)`) +
        '\n',
    );
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
