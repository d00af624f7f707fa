import { spawn, spawnSync } from 'node:child_process';

export interface AudioOutputProbe {
  /** True when aplay exists and ALSA lists at least one playback card. */
  available: boolean;
  /** Why not, in words a person can act on. */
  reason?: string;
}

/**
 * Checks once at start-up whether replies can be heard, so the UI can say "no speaker" instead of
 * every reply failing in aplay. Containers and headless CI have no sound card.
 */
export function probeAudioOutput(device: string | null = null): AudioOutputProbe {
  const r = spawnSync('aplay', ['-l'], { encoding: 'utf8', timeout: 5000 });
  if (r.error) return { available: false, reason: 'aplay (alsa-utils) is not installed' };
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (device) return { available: true };
  if (r.status !== 0 || /no soundcards found/i.test(text) || !/^card \d+/m.test(text)) {
    return { available: false, reason: 'no audio output device (aplay -l lists no sound card)' };
  }
  return { available: true };
}

/** Starts aplay reading a WAV stream from stdin; the caller pipes audio in and kills it to stop. */
export function spawnAplay(device: string | null = null) {
  const args = ['-q'];
  if (device) args.push('-D', device);
  args.push('-');
  return spawn('aplay', args, { stdio: ['pipe', 'ignore', 'pipe'] });
}
