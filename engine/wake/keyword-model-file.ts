import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { resolvePath } from '../paths/app-root.ts';
import { EngineError } from '../errors/engine-error.ts';

export const KEYWORD_SIDECAR_FORMAT = 1;

/** The JSON written beside a trained keyword head: what it is, how sure it must be, where it came from. */
export const keywordSidecarSchema = z.looseObject({
  format: z.literal(KEYWORD_SIDECAR_FORMAT),
  keyword: z.string().min(1),
  phrase: z.string().min(1),
  threshold: z.number().min(0).max(1),
  window: z.number().int().positive(),
  /**
   * Consecutive 80 ms steps the score must stay at or above the threshold before the head fires
   * (1 = the first step, as upstream). Chosen with the threshold on held-back negatives.
   */
  patience: z.number().int().min(1).max(8).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  licence: z.string(),
  featureModels: z.string(),
  recipe: z.record(z.string(), z.unknown()),
  data: z.record(z.string(), z.unknown()),
  validation: z.record(z.string(), z.unknown()),
  trainedAt: z.string(),
  trainingSec: z.number(),
});
export type KeywordSidecar = z.infer<typeof keywordSidecarSchema>;

/** True when a wake.keywords entry names a model file rather than a manifest id. */
export function isKeywordModelPath(entry: string): boolean {
  return entry.endsWith('.onnx') || entry.includes('/') || entry.includes(path.sep);
}

/**
 * Reads and checks a trained keyword head: DIR/x.onnx needs DIR/x.json whose sha256 matches the file,
 * so a truncated copy or a mismatched pair is refused with both names in the error.
 */
export async function loadKeywordModelFile(
  entry: string,
): Promise<{ file: string; sidecar: KeywordSidecar }> {
  const file = resolvePath(entry);
  const sidecarFile = file.replace(/\.onnx$/, '') + '.json';
  let bytes: Buffer;
  let raw: string;
  try {
    [bytes, raw] = await Promise.all([readFile(file), readFile(sidecarFile, 'utf8')]);
  } catch (err) {
    throw new EngineError(
      'bad-input',
      `wake model ${file} or its sidecar ${sidecarFile} cannot be read: ${(err as Error).message}`,
      { stage: 'wake', detail: { file } },
    );
  }
  let sidecar: KeywordSidecar;
  try {
    sidecar = keywordSidecarSchema.parse(JSON.parse(raw));
  } catch (err) {
    throw new EngineError(
      'bad-input',
      `wake model sidecar ${sidecarFile} is not valid: ${(err as Error).message.slice(0, 300)}`,
      { stage: 'wake', detail: { file: sidecarFile } },
    );
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sidecar.sha256)
    throw new EngineError(
      'bad-input',
      `wake model ${file} has sha256 ${actual} but ${sidecarFile} says ${sidecar.sha256}`,
      { stage: 'wake', detail: { file } },
    );
  return { file, sidecar };
}
