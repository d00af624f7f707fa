import { encodeWav } from '../audio/wav-encode.ts';
import { SAMPLE_RATE } from '../contracts/audio.ts';
import { probeAudioOutput, spawnAplay } from './audio-output.ts';

export type Cue = 'listening' | 'no-speech' | 'error';

/** Short earcons so a shopper knows the kiosk heard the wake word, or did not hear a question. */
export interface CuePlayer {
  play(cue: Cue): void;
}

/** Tone sequences (Hz, ms): rising = listening, falling = didn't hear you, low double = error. */
const TONES: Record<Cue, [number, number][]> = {
  listening: [
    [660, 70],
    [880, 90],
  ],
  'no-speech': [
    [880, 70],
    [587, 110],
  ],
  error: [
    [330, 90],
    [0, 40],
    [330, 90],
  ],
};

/** Renders a cue as 16 kHz PCM with 5 ms fades, so the tones do not click. */
export function renderCue(cue: Cue): Int16Array {
  const parts = TONES[cue].map(([hz, ms]) => {
    const n = Math.round((ms / 1000) * SAMPLE_RATE);
    const fade = Math.round(0.005 * SAMPLE_RATE);
    const out = new Int16Array(n);
    for (let i = 0; i < n; i++) {
      const env = Math.min(1, i / fade, (n - 1 - i) / fade);
      out[i] = hz ? Math.round(Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE) * 9000 * env) : 0;
    }
    return out;
  });
  const all = new Int16Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** Plays cues through aplay, fire-and-forget; never throws (a missing speaker is already a notice). */
export class AplayCuePlayer implements CuePlayer {
  private readonly wavs = new Map<Cue, Buffer>();

  play(cue: Cue): void {
    let wav = this.wavs.get(cue);
    if (!wav) this.wavs.set(cue, (wav = encodeWav(renderCue(cue))));
    const p = spawnAplay();
    p.on('error', () => undefined);
    p.stdin?.on('error', () => undefined);
    p.stdin?.end(wav);
  }
}

/** The cue player for this machine: aplay when there is a sound card, otherwise silence. */
export function createCuePlayer(): CuePlayer {
  return probeAudioOutput().available ? new AplayCuePlayer() : { play: () => undefined };
}
