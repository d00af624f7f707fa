import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKeywordModelFile, type KeywordSidecar } from '../keyword-model-file.ts';
import { calibrate, type Calibration } from './calibration.ts';

export interface RecalibrateOptions {
  onnxPath: string;
  /** Minutes of held-back negative streams (60 = the 1 h the false-accept figure needs). */
  minutes?: number;
  targetFaPerHour?: number;
  /** Held-back phrase and near-miss clips (default 240 each). */
  positives?: number;
  nearMisses?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Chooses a trained head's threshold and patience on ≥ 1 h of held-back material and records them in
 * its sidecar (the .onnx is untouched, so its sha256 still matches): `threshold`, `patience`, and
 * `validation` = what they were chosen on, which the staff panel and `wake train` report.
 */
export async function recalibrateKeywordModel(
  opts: RecalibrateOptions,
): Promise<{ sidecarPath: string; sidecar: KeywordSidecar; calibration: Calibration }> {
  const { file, sidecar } = await loadKeywordModelFile(opts.onnxPath);
  const sidecarPath = file.replace(/\.onnx$/, '') + '.json';
  const target = opts.targetFaPerHour ?? Number(sidecar.recipe['targetFaPerHour'] ?? 0.5);
  const minutes = opts.minutes ?? 60;
  const calibration = await calibrate({
    onnxPath: file,
    phrase: sidecar.phrase,
    minutes,
    targetFaPerHour: target,
    cacheDir: path.join(path.dirname(file), `.calibrate-${sidecar.keyword}`),
    ...(opts.positives ? { positives: opts.positives } : {}),
    ...(opts.nearMisses ? { nearMisses: opts.nearMisses } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const prior = JSON.parse(await readFile(sidecarPath, 'utf8')) as KeywordSidecar;
  const { trainingClips, ...rest } = prior.validation as { trainingClips?: unknown };
  const next: KeywordSidecar = {
    ...prior,
    threshold: calibration.threshold,
    patience: calibration.patience,
    recipe: { ...prior.recipe, calibrationMinutes: minutes, targetFaPerHour: target },
    validation: {
      ...calibration,
      // What the trainer measured on its own 12 % held-back clips, kept for comparison.
      trainingClips: trainingClips ?? rest,
    },
  };
  await writeFile(`${sidecarPath}.tmp`, JSON.stringify(next, null, 2) + '\n');
  await rename(`${sidecarPath}.tmp`, sidecarPath);
  return { sidecarPath, sidecar: next, calibration };
}
