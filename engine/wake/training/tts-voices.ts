import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeWav } from '../../audio/wav-decode.ts';
import { EngineError } from '../../errors/engine-error.ts';
import { trimSilence } from '../../audio/trim-silence.ts';

const run = promisify(execFile);

/** One way of speaking: a Debian synthesizer, its voice, and speed/pitch/emphasis settings. */
export interface VoiceSpec {
  engine: 'espeak-ng' | 'flite' | 'festival';
  /** espeak-ng: accent+variant (en-gb+f2); flite: voice name; festival: voice function (kal_diphone). */
  voice: string;
  /** 1 = the engine's normal rate. */
  speed: number;
  /** espeak-ng pitch 0–99; ignored elsewhere. */
  pitch: number;
  /** espeak-ng word gap / emphasis: capitals emphasis on the last word when true. */
  emphasis?: boolean;
}

// Every English voice the Debian archive offers with a licence that allows commercial use. The
// mbrola voices espeak-ng lists (mb-us1…) are left out: MBROLA databases are licensed for
// non-commercial use only.
export const ESPEAK_ACCENTS = [
  'en-us',
  'en-gb',
  'en-gb-scotland',
  'en-gb-x-gbclan',
  'en-gb-x-rp',
  'en-gb-x-gbcwmd',
  'en-029',
  'en-us-nyc',
];
// Spelt as the variant files are named (espeak-ng-data/voices/!v): espeak-ng looks a variant up by its exact
// file name and silently speaks the plain accent for one it cannot find ('Boris' was en-us itself), so the
// trainer heard 13 fewer voices than it listed. 'Caleb' and 'Linda' keep the spelling HELD_OUT gives them, so
// bench:wake-train's voice list (and its comparison with earlier figures) is unchanged; never trained on.
export const ESPEAK_VARIANTS = [
  '',
  'm1',
  'm2',
  'm3',
  'm4',
  'm5',
  'm6',
  'm7',
  'm8',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
  'croak',
  'klatt',
  'klatt2',
  'klatt3',
  'Andy',
  'Annie',
  'Denis',
  'Gene',
  'Jacky',
  'Lee',
  'Mario',
  'Michael',
  'Mr serious',
  'rob',
  'steph',
  'Storm',
  'Tweaky',
  'anika',
  'grandma',
  'grandpa',
  'norbert',
  'shelby',
  'travis',
  'victor',
  'Alicia',
  'Andrea',
  'belinda',
  'boris',
  'Caleb',
  'david',
  'ed',
  'edward',
  'Hugo',
  'Linda',
  'max',
  'Mike',
  'paul',
  'quincy',
  'robert',
  'zac',
];
export const FLITE_VOICES = ['kal', 'kal16', 'awb', 'rms', 'slt'];
export const FESTIVAL_VOICES = ['kal_diphone', 'ked_diphone', 'cmu_us_slt_arctic_hts'];

/** Which synthesizers are on this machine (festival is optional: the voices it adds are a bonus). */
export async function availableEngines(): Promise<Set<VoiceSpec['engine']>> {
  const found = new Set<VoiceSpec['engine']>();
  const probe = async (cmd: string, args: string[], engine: VoiceSpec['engine']) => {
    try {
      await run(cmd, args, { timeout: 10_000 });
      found.add(engine);
    } catch {
      /* not installed */
    }
  };
  await Promise.all([
    probe('espeak-ng', ['--version'], 'espeak-ng'),
    probe('flite', ['-lv'], 'flite'),
    probe('text2wave', ['-h'], 'festival'),
  ]);
  return found;
}

/** Speaks `text` with `voice` and returns 16 kHz mono samples with leading/trailing silence trimmed. */
export async function speak(rawText: string, voice: VoiceSpec, tmpDir?: string): Promise<Int16Array> {
  // A leading '-' would be read as an option by espeak-ng and flite; markup is not speech either.
  const text = rawText.replace(/[^A-Za-z0-9' ,.?!]+/g, ' ').trim();
  if (!text) throw new EngineError('bad-input', `nothing to speak in '${rawText}'`, { stage: 'wake' });
  const dir = tmpDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vk-tts-')));
  const out = path.join(dir, `say-${process.pid}-${Math.random().toString(36).slice(2)}.wav`);
  try {
    if (voice.engine === 'espeak-ng') {
      const spoken = voice.emphasis ? text.replace(/(\S+)$/, (w) => w.toUpperCase()) : text;
      await run('espeak-ng', [
        '-v',
        voice.voice,
        '-s',
        String(Math.round(175 * voice.speed)),
        '-p',
        String(voice.pitch),
        ...(voice.emphasis ? ['-k', '20'] : []),
        '-w',
        out,
        spoken,
      ]);
    } else if (voice.engine === 'flite') {
      await run('flite', [
        '-voice',
        voice.voice,
        '--setf',
        `duration_stretch=${(1 / voice.speed).toFixed(3)}`,
        '--setf',
        `int_f0_target_mean=${Math.round(70 + voice.pitch * 1.6)}`,
        '-t',
        text,
        '-o',
        out,
      ]);
    } else {
      const txt = `${out}.txt`;
      await writeFile(txt, text);
      try {
        await run('text2wave', [
          '-eval',
          `(voice_${voice.voice})`,
          '-eval',
          `(Parameter.set 'Duration_Stretch ${(1 / voice.speed).toFixed(3)})`,
          txt,
          '-o',
          out,
        ]);
      } finally {
        await rm(txt, { force: true });
      }
    }
    return trimSilence(decodeWav(await readFile(out), out).samples);
  } catch (err) {
    throw new EngineError(
      'internal',
      `${voice.engine} could not speak with voice '${voice.voice}': ${(err as Error).message}`,
      { stage: 'wake', cause: err },
    );
  } finally {
    await rm(out, { force: true });
    if (!tmpDir) await rm(dir, { recursive: true, force: true });
  }
}
