// Held-out evaluation material for bench:wake-train: voices and acoustic conditions the trainer never
// uses (HELD_OUT in engine/wake/training/training-plan.ts), text it never sees, cached under bench/out/.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { decodeWav } from '../engine/audio/wav-decode.ts';
import { encodeWav } from '../engine/audio/wav-encode.ts';
import { renderClip, type AugmentSpec } from '../engine/wake/training/augment.ts';
import { seededRandom } from '../engine/random/seeded-random.ts';
import { containsPhrase } from '../engine/wake/training/training-plan.ts';
import { speak, type VoiceSpec } from '../engine/wake/training/tts-voices.ts';

export const OUT_DIR = path.join(import.meta.dirname, 'out', 'wake-train');

async function cachedWav(name: string, make: () => Promise<Int16Array>): Promise<Int16Array> {
  const file = path.join(OUT_DIR, name);
  if (existsSync(file)) return decodeWav(await readFile(file), file).samples;
  const samples = await make();
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(file, encodeWav(samples));
  return samples;
}

const key = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);

/** Sentences the trainer never reads: the Debian licence texts and this repo's docs (technical English). */
export function evalSentences(count: number, phrases: string[]): string[] {
  const texts: string[] = [];
  for (const f of ['GPL-3', 'Apache-2.0', 'MPL-2.0', 'GFDL-1.3', 'LGPL-2.1', 'Artistic']) {
    const p = path.join('/usr/share/common-licenses', f);
    if (existsSync(p)) texts.push(readFileSync(p, 'utf8'));
  }
  const docs = path.join(import.meta.dirname, '..', 'docs');
  for (const f of readdirSync(docs).filter((f) => f.endsWith('.md')))
    texts.push(readFileSync(path.join(docs, f), 'utf8'));
  const out: string[] = [];
  for (const t of texts)
    for (const s of t.replace(/[`#*_>|[\]()<>{}=/\\]/g, ' ').split(/[.!?;:\n]\s*/)) {
      const clean = s.replace(/\s+/g, ' ').trim();
      if (
        clean.split(' ').length >= 4 &&
        /^[A-Za-z]/.test(clean) &&
        !phrases.some((p) => containsPhrase(clean, p))
      )
        out.push(clean.split(' ').slice(0, 18).join(' '));
    }
  const rand = seededRandom(99);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.slice(0, count);
}

/** One held-out clip: 1.5 s lead, the text, 1 s tail, under a held-out condition; where the text ends. */
export async function heldOutClip(
  text: string,
  voice: VoiceSpec,
  cond: AugmentSpec,
  babble: Float32Array,
  seed: number,
): Promise<{ samples: Int16Array; endMs: number }> {
  const speech = await cachedWav(`say-${key([text, voice])}.wav`, () => speak(text, voice));
  const lead = 24000;
  const total = lead + speech.length + 16000;
  const samples = renderClip(speech, lead, total, cond, seededRandom(seed), babble);
  return { samples, endMs: ((lead + speech.length) / 16000) * 1000 };
}

/** Babble: six held-out-voice talkers over each other, from eval sentences (cached). */
export async function babbleTrack(voices: VoiceSpec[], sentences: string[]): Promise<Float32Array> {
  const mixed = await cachedWav(`babble-${key([voices, sentences.slice(0, 24)])}.wav`, async () => {
    const n = 16000 * 30;
    const acc = new Float32Array(n);
    for (let t = 0; t < 6; t++) {
      let at = Math.floor(t * 3000);
      for (let k = 0; at < n; k++) {
        const s = await speak(sentences[(t * 4 + k) % sentences.length]!, voices[(t + k) % voices.length]!);
        for (let i = 0; i < s.length && at + i < n; i++) acc[at + i]! += s[i]! / 32768;
        at += s.length + 1600;
      }
    }
    let peak = 0;
    for (const v of acc) peak = Math.max(peak, Math.abs(v));
    return Int16Array.from(acc, (v) => Math.round((v / peak) * 20000));
  });
  return Float32Array.from(mixed, (v) => v / 32768);
}

/**
 * ≥ `minutes` of non-wake speech and noise as 60 s streams: eval sentences by all voices (training and
 * held-out, since the text is what is new), pauses, and stretches of noise, under random conditions.
 */
export async function falseAcceptStreams(
  minutes: number,
  voices: VoiceSpec[],
  sentences: string[],
  babble: Float32Array,
): Promise<Int16Array[]> {
  const streams: Int16Array[] = [];
  let s = 0;
  for (let m = 0; m < minutes; m++) {
    streams.push(
      await cachedWav(`fa-${key([m, voices.length, sentences.length])}.wav`, async () => {
        const rand = seededRandom(1000 + m);
        const n = 16000 * 60;
        const speech = new Int16Array(n);
        let at = 8000;
        while (at < n - 8000) {
          if (rand() < 0.12) {
            at += 16000 * (1 + Math.floor(rand() * 3)); // a stretch of noise only
            continue;
          }
          const clip = await speak(
            sentences[s++ % sentences.length]!,
            voices[Math.floor(rand() * voices.length)]!,
          );
          speech.set(clip.subarray(0, Math.min(clip.length, n - at)), at);
          at += clip.length + Math.floor(rand() * 8000) + 2000;
        }
        const kinds = ['pink', 'brown', 'white', 'hum', 'babble'] as const;
        const cond: AugmentSpec = {
          peak: 0.1 + rand() * 0.6,
          noise: { kind: kinds[m % kinds.length]!, snrDb: 5 + Math.floor(rand() * 20) },
        };
        if (rand() < 0.5) cond.rt60 = 0.2 + rand() * 0.6;
        return renderClip(speech, 0, n, cond, rand, babble);
      }),
    );
  }
  return streams;
}
