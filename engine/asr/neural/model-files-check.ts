import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../errors/engine-error.ts';
import type { NeuralModelSpec } from './neural-models.ts';

/** The message the kiosk shows when a neural model is absent: it names the command that fixes it. */
export function notInstalledMessage(group: string): string {
  return `model ${group} not installed: run npm run models:fetch -- ${group}`;
}

/**
 * Checks that every file of a model is present and, where pinned, has the pinned size and sha256,
 * so a truncated or substituted download is refused before onnxruntime tries to parse it.
 */
export async function verifyModelFiles(spec: NeuralModelSpec, modelsDir: string): Promise<void> {
  const missing = spec.files.filter((f) => !existsSync(path.join(modelsDir, f.file)));
  if (missing.length > 0) {
    throw new EngineError('model-missing', notInstalledMessage(spec.group), {
      stage: 'asr',
      detail: { model: spec.group, file: path.join(modelsDir, missing[0]!.file), missing: missing.length },
    });
  }
  for (const f of spec.files) {
    const full = path.join(modelsDir, f.file);
    if (f.size !== null && statSync(full).size !== f.size) {
      throw new EngineError(
        'model-checksum',
        `model ${spec.group}: ${f.file} has ${statSync(full).size} bytes, expected ${f.size}; fetch it again`,
        {
          stage: 'asr',
          detail: { model: spec.group, file: full },
        },
      );
    }
    if (f.sha256 !== null) {
      const actual = await sha256File(full);
      if (actual !== f.sha256) {
        throw new EngineError(
          'model-checksum',
          `model ${spec.group}: ${f.file} sha256 ${actual} does not match the pinned ${f.sha256}`,
          {
            stage: 'asr',
            detail: { model: spec.group, file: full, expected: f.sha256, actual },
          },
        );
      }
    }
  }
}

/** Streams a file through sha256 (model files are tens of MB: never read whole into memory). */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}
