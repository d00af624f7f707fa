import { parseArgs } from 'node:util';
import { resolvePath } from '../../config/load.ts';
import { EngineError } from '../../../errors/engine-error.ts';
import { recalibrateKeywordModel } from '../../../wake/training/recalibrate.ts';
import { ProgressBar } from '../progress-bar.ts';

const USAGE = 'usage: voice-kiosk wake calibrate --model DIR/x.onnx [--minutes 60] [--target-fa-per-hour F]';

/**
 * `voice-kiosk wake calibrate`: re-chooses a trained head's threshold and patience on ≥ 1 h of fresh
 * held-back negatives (what `wake train` does as its last step) and rewrites its sidecar.
 */
export async function runWakeCalibrate(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      minutes: { type: 'string', default: '60' },
      'target-fa-per-hour': { type: 'string' },
    },
  });
  const minutes = Number(values.minutes);
  if (!values.model || !(minutes >= 1 && minutes <= 600))
    throw new EngineError('bad-input', USAGE, { stage: 'wake' });
  const target =
    values['target-fa-per-hour'] === undefined ? undefined : Number(values['target-fa-per-hour']);
  if (target !== undefined && !(target >= 0))
    throw new EngineError(
      'bad-input',
      `--target-fa-per-hour must be ≥ 0, got '${values['target-fa-per-hour']}'`,
      {
        stage: 'wake',
      },
    );
  const bar = new ProgressBar();
  const t0 = Date.now();
  const res = await recalibrateKeywordModel({
    onnxPath: resolvePath(values.model),
    minutes,
    ...(target === undefined ? {} : { targetFaPerHour: target }),
    onProgress: (done, total) =>
      bar.update(
        done / total,
        (((Date.now() - t0) / done) * (total - done)) / 1000,
        `held-back item ${done}/${total}`,
      ),
  });
  const c = res.calibration;
  process.stdout.write(
    `wrote ${res.sidecarPath}: threshold ${c.threshold}, patience ${c.patience}; held-back recall ${(c.recall * 100).toFixed(1)} %, ${c.faPerHour.toFixed(2)} false accepts/h over ${c.negativeHours} h, near misses waking ${(c.nearMissFalseRate * 100).toFixed(1)} %\n`,
  );
  return 0;
}
