import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { decodeWav } from '../../audio/wav-decode.ts';
import { encodeWav } from '../../audio/wav-encode.ts';
import { speak, type VoiceSpec } from './tts-voices.ts';

const SR = 16000;
const TALKERS = 6;

/**
 * A babble track for training: TALKERS training voices reading training sentences over each other for
 * `seconds`, peak-normalised, cached in `file` (same inputs, same track). bench:wake-train builds its
 * own babble from held-out voices and its own text, so training on this hears neither.
 */
export async function trainingBabble(
  file: string,
  seconds: number,
  sentences: string[],
  voice: () => VoiceSpec,
): Promise<Float32Array> {
  if (existsSync(file)) {
    const s = decodeWav(await readFile(file), file).samples;
    return Float32Array.from(s, (v) => v / 32768);
  }
  const n = SR * seconds;
  const acc = new Float32Array(n);
  let k = 0;
  for (let t = 0; t < TALKERS; t++) {
    // Talkers start staggered so that the track never opens on one voice alone for long.
    let at = Math.floor((t * SR) / 5);
    while (at < n) {
      const said = await speak(sentences[k++ % sentences.length]!, voice());
      for (let i = 0; i < said.length && at + i < n; i++) acc[at + i]! += said[i]! / 32768;
      at += said.length + Math.floor(SR * 0.1);
    }
  }
  let peak = 0;
  for (const v of acc) peak = Math.max(peak, Math.abs(v));
  const pcm = Int16Array.from(acc, (v) => Math.round((v / (peak || 1)) * 20000));
  await writeFile(`${file}.tmp`, encodeWav(pcm));
  await rename(`${file}.tmp`, file);
  return Float32Array.from(pcm, (v) => v / 32768);
}
