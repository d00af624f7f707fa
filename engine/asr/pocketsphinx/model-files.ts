import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../errors/engine-error.ts';

/** The CMU US-English model as Debian's pocketsphinx-en-us installs it. */
export interface SphinxModel {
  hmm: string;
  dict: string;
  lm: string;
}

const DEBIAN_DIR = '/usr/share/pocketsphinx/model/en-us';

/**
 * Finds the model: an explicit dir (only that one: a configured path that is wrong must be an error,
 * not silently replaced), else $VOICE_KIOSK_SPHINX_MODEL, pkg-config's modeldir, then Debian's path.
 */
export function findSphinxModel(dir?: string): SphinxModel {
  const candidates = (
    dir ? [dir] : [process.env.VOICE_KIOSK_SPHINX_MODEL, pkgConfigModelDir(), DEBIAN_DIR]
  ).filter((d): d is string => !!d);
  for (const d of candidates) {
    const model = {
      hmm: path.join(d, 'en-us'),
      dict: path.join(d, 'cmudict-en-us.dict'),
      lm: path.join(d, 'en-us.lm.bin'),
    };
    if (existsSync(path.join(model.hmm, 'mdef')) && existsSync(model.dict) && existsSync(model.lm))
      return model;
  }
  throw new EngineError(
    'model-missing',
    'pocketsphinx en-us model not found: apt-get install pocketsphinx-en-us',
    {
      stage: 'asr',
      detail: { searched: candidates.join(':') },
    },
  );
}

function pkgConfigModelDir(): string | undefined {
  try {
    const dir = execFileSync('pkg-config', ['--variable=modeldir', 'pocketsphinx'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dir ? path.join(dir, 'en-us') : undefined;
  } catch {
    return undefined;
  }
}

const vocabCache = new Map<string, Set<string>>();

/** The words the pronunciation dictionary knows (alternates like "read(2)" fold into "read"). */
export function dictionaryWords(dictFile: string): Set<string> {
  const hit = vocabCache.get(dictFile);
  if (hit) return hit;
  const words = new Set<string>();
  for (const line of readFileSync(dictFile, 'utf8').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) words.add(line.slice(0, sp).replace(/\(\d+\)$/, ''));
  }
  vocabCache.set(dictFile, words);
  return words;
}

/**
 * The dictionary lines (alternate pronunciations included) for just `words`: the kiosk decoder needs a
 * few hundred words, and loading 130 000 costs seconds and memory per decoder.
 */
export function dictionarySubset(dictFile: string, words: ReadonlySet<string>): string {
  const out: string[] = [];
  for (const line of readFileSync(dictFile, 'utf8').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0 && words.has(line.slice(0, sp).replace(/\(\d+\)$/, ''))) out.push(line);
  }
  return out.join('\n') + '\n';
}
