import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { decodeWav } from '../../../audio/wav-decode.ts';
import { EngineError } from '../../../errors/engine-error.ts';

const synthSchema = z.object({
  engine: z.enum(['espeak-ng', 'flite']),
  voice: z.string().optional(),
  speed: z.number().positive().optional(),
  pitch: z.number().optional(),
});

const itemSchema = z
  .object({
    id: z.string().min(1),
    /** kiosk | kiosk-paraphrase | kiosk-out-of-domain | dictation, or anything else a manifest groups by. */
    kind: z.string().default('dictation'),
    mode: z.enum(['kiosk', 'dictation']).default('dictation'),
    /** The reference transcript. */
    text: z.string(),
    /** A WAV path, relative to the manifest… */
    wav: z.string().optional(),
    /** …or a voice to synthesize `text` with (dev set: the WAVs are made at eval time, git-ignored). */
    synth: synthSchema.optional(),
  })
  .refine((i) => !!i.wav !== !!i.synth, 'each item needs exactly one of wav or synth');

const manifestSchema = z.object({ description: z.string().optional(), items: z.array(itemSchema).min(1) });

export type EvalItem = z.infer<typeof itemSchema>;

/** The dev set shipped with the repo (kiosk questions, paraphrases, off-topic speech, meeting sentences). */
export const DEVSET_MANIFEST = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../../../test/fixtures/asr-devset/manifest.json',
);

/** Reads and validates an eval manifest; a bad one is a 'schema' error naming the file and item. */
export async function readEvalManifest(file: string): Promise<EvalItem[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new EngineError('bad-input', `cannot read eval manifest ${file}: ${(err as Error).message}`, {
      stage: 'asr',
      detail: { file },
    });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EngineError('schema', `eval manifest ${file}: ${issue.path.join('.')}: ${issue.message}`, {
      stage: 'asr',
      detail: { file },
    });
  }
  return parsed.data.items;
}

// Synthesized clips are trimmed to the voice; a real utterance cut by the VAD keeps a little silence
// either side, and the decoder's own endpointing expects it.
const PAD_SAMPLES = 4800;

/** The item's audio as 16 kHz mono Int16, from its WAV or synthesized (cached) with the real synthesizer. */
export async function loadItemAudio(item: EvalItem, manifestFile: string): Promise<Int16Array> {
  if (item.wav) {
    const file = path.resolve(path.dirname(manifestFile), item.wav);
    return decodeWav(await readFile(file), file).samples;
  }
  // The synthesizer lives with the test fixtures; only an eval of a synth manifest needs it.
  const { synthesizeSamples } = (await import(
    new URL('../../../../test/fixtures/synth.ts', import.meta.url).href
  )) as typeof import('../../../../test/fixtures/synth.ts');
  const speech = await synthesizeSamples({ ...item.synth!, text: item.text });
  const padded = new Int16Array(speech.length + 2 * PAD_SAMPLES);
  padded.set(speech, PAD_SAMPLES);
  return padded;
}
