import { describe, expect, it } from 'vitest';
import { SAMPLE_RATE } from '../contracts/audio.ts';
import { renderCue } from './cue-player.ts';

// Pure rendering; playback itself is aplay (no sound card in CI).
describe('renderCue', () => {
  it('renders distinct, audible, click-free cues of the intended length', () => {
    const listening = renderCue('listening');
    const noSpeech = renderCue('no-speech');
    expect(listening.length).toBe(Math.round(0.07 * SAMPLE_RATE) + Math.round(0.09 * SAMPLE_RATE));
    expect(Math.max(...listening)).toBeGreaterThan(8000);
    expect(Math.abs(listening[0]!)).toBeLessThan(200);
    expect(Math.abs(listening.at(-1)!)).toBeLessThan(200);
    expect(noSpeech).not.toEqual(listening);
    const err = renderCue('error');
    const gap = err.subarray(Math.round(0.09 * SAMPLE_RATE) + 10, Math.round(0.13 * SAMPLE_RATE) - 10);
    expect(gap.every((s) => s === 0)).toBe(true);
  });
});
