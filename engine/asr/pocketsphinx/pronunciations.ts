import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Pronunciations for shop words the CMU dictionary lacks ("paracetamol", "nappies", "skincare",
 * "moisturiser"): without one the word cannot be in the kiosk language model and is never heard. In
 * order: a compound of two dictionary words (skin+care), a British spelling's US form (ise → ize,
 * yoghurt → yogurt), then espeak-ng's own letter-to-sound rules mapped onto the CMU phone set.
 */
export function guessPronunciation(word: string, dict: ReadonlyMap<string, string>): string | null {
  const w = word.toLowerCase();
  if (dict.has(w)) return dict.get(w)!;
  for (const us of usSpellings(w)) if (dict.has(us)) return dict.get(us)!;
  // Both parts at least 4 letters: "nap"+"pies" is not how "nappies" sounds.
  for (let i = 4; i <= w.length - 4; i++) {
    const a = dict.get(w.slice(0, i));
    const b = dict.get(w.slice(i));
    if (a && b) return `${a} ${b}`;
  }
  return espeakToCmu(w);
}

function usSpellings(w: string): string[] {
  return [
    w.replace(/is(e|er|ed|ing|es)$/, 'iz$1'),
    w.replace(/our$/, 'or'),
    w.replace('yoghurt', 'yogurt'),
    w.replace(/ies$/, 'y'),
  ].filter((x) => x !== w);
}

// espeak-ng's phoneme mnemonics (en-us, `-x`) → CMU/ARPAbet phones; longest first.
const ESPEAK_TO_CMU: [string, string][] = [
  ['i@3', 'IH R'],
  ['aI@', 'AY ER'],
  ['aI', 'AY'],
  ['aU', 'AW'],
  ['eI', 'EY'],
  ['OI', 'OY'],
  ['oU', 'OW'],
  ['e@', 'EH R'],
  ['i@', 'IY AH'],
  ['U@', 'UH R'],
  ['A@', 'AA R'],
  ['O@', 'AO R'],
  ['3:', 'ER'],
  ['@L', 'AH L'],
  ['A:', 'AA'],
  ['O:', 'AO'],
  ['i:', 'IY'],
  ['u:', 'UW'],
  ['tS', 'CH'],
  ['dZ', 'JH'],
  ['3', 'ER'],
  ['@', 'AH'],
  ['a', 'AE'],
  ['0', 'AA'],
  ['O', 'AO'],
  ['E', 'EH'],
  ['I', 'IH'],
  ['i', 'IY'],
  ['U', 'UH'],
  ['u', 'UW'],
  ['V', 'AH'],
  ['S', 'SH'],
  ['Z', 'ZH'],
  ['T', 'TH'],
  ['D', 'DH'],
  ['N', 'NG'],
  ['j', 'Y'],
  ['r', 'R'],
  ['l', 'L'],
  ['w', 'W'],
  ['h', 'HH'],
  ['x', 'K'],
  ...'pbtdkgfvszmn'.split('').map((c): [string, string] => [c, c.toUpperCase()]),
];

/** espeak-ng's letter-to-sound pronunciation in CMU phones, or null when espeak-ng is not installed. */
export function espeakToCmu(word: string): string | null {
  if (!/^[a-z]+$/.test(word)) return null;
  let out: string;
  try {
    out = execFileSync('espeak-ng', ['-q', '-x', '-v', 'en-us', word], { encoding: 'utf8', timeout: 5000 });
  } catch {
    return null;
  }
  const s = out.trim().replace(/[',#%=_:|-]/g, (c) => (c === ':' ? ':' : ''));
  const phones: string[] = [];
  for (let i = 0; i < s.length; ) {
    const hit = ESPEAK_TO_CMU.find(([k]) => s.startsWith(k, i));
    if (hit) {
      phones.push(hit[1]);
      i += hit[0].length;
    } else i++;
  }
  return phones.length ? phones.join(' ') : null;
}

const dictCache = new Map<string, Map<string, string>>();

/** The dictionary's first pronunciation of every word (for compounds and lookups). */
export function readPronunciations(dictFile: string): Map<string, string> {
  const hit = dictCache.get(dictFile);
  if (hit) return hit;
  const map = new Map<string, string>();
  for (const line of readFileSync(dictFile, 'utf8').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    const w = line.slice(0, sp);
    if (!w.includes('(') && !map.has(w)) map.set(w, line.slice(sp + 1).trim());
  }
  dictCache.set(dictFile, map);
  return map;
}
