import { describe, expect, it } from 'vitest';
import { espeakVoiceFor, installedEspeakVoices } from './espeak-voice.ts';

// Real: Debian's espeak-ng voice list (`espeak-ng --voices`), installed by `npm test`'s set-up.
describe('espeakVoiceFor', () => {
  it.each([
    ['en-GB', 'en-gb'],
    ['en-US', 'en-us'],
    ['fr-FR', 'fr-fr'],
    ['de-AT', 'de'],
    ['pt-BR', 'pt-br'],
  ])('%s speaks with espeak-ng voice %s', (locale, voice) => {
    expect(installedEspeakVoices().has(voice)).toBe(true);
    expect(espeakVoiceFor(locale)).toBe(voice);
  });

  it('falls back to a voice of the same language, then to the bare language', () => {
    expect(espeakVoiceFor('fr-CA', new Set(['fr-be', 'fr-fr']))).toBe('fr-be');
    expect(espeakVoiceFor('xx-YY', new Set(['en-gb']))).toBe('xx');
  });
});
