import { spawnSync } from 'node:child_process';

let installed: ReadonlySet<string> | null = null;

/** The language codes `espeak-ng --voices` lists (en-gb, en-us, fr-fr, de, …), read once per process. */
export function installedEspeakVoices(binary = 'espeak-ng'): ReadonlySet<string> {
  if (installed) return installed;
  const r = spawnSync(binary, ['--voices'], { encoding: 'utf8', timeout: 5000 });
  const names = new Set<string>();
  for (const line of (r.stdout ?? '').split('\n').slice(1)) {
    const lang = line.trim().split(/\s+/)[1];
    if (lang) names.add(lang.toLowerCase());
  }
  installed = names;
  return names;
}

/**
 * The espeak-ng voice for a BCP 47 locale, so a UK shop is spoken to in British English (en-GB →
 * en-gb) without a second setting: the exact region when espeak-ng has it, else the bare language
 * (de-AT → de), else the language as given (espeak-ng then reports the unknown voice itself).
 */
export function espeakVoiceFor(locale: string, voices: ReadonlySet<string> = installedEspeakVoices()): string {
  const tag = locale.toLowerCase();
  const lang = tag.split('-')[0]!;
  if (voices.has(tag)) return tag;
  if (voices.has(lang)) return lang;
  const sameLanguage = [...voices].filter((v) => v.startsWith(`${lang}-`)).sort();
  return sameLanguage[0] ?? lang;
}
