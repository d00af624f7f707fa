import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StageInfo } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import { spawnAplay } from './audio-output.ts';
import type { SpeakOptions, SpeakResult, SpeechSynthesizer } from './speech-synthesizer.ts';
import { purgeSpokenReplies } from './spoken-reply-files.ts';

export interface EspeakOptions {
  voice?: string;
  /** 'speaker' plays through aplay; 'file' writes <outDir>/<correlationId>.wav (no sound card). */
  output: 'speaker' | 'file';
  outDir?: string;
  /** ALSA device for aplay; null = default. */
  device?: string | null;
  binary?: string;
  /** Words per minute (espeak-ng -s). */
  speed?: number;
  /** File output keeps only this many newest WAVs (0 = synthesize, keep none), so a kiosk without a speaker does not fill its disk. */
  keepFiles?: number;
}

/** True when the espeak-ng binary runs, so the composition root can pick a silent fallback with a notice. */
export function espeakAvailable(binary = 'espeak-ng'): boolean {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 5000 });
  return !r.error && r.status === 0;
}

/**
 * Spoken replies with espeak-ng (Debian package, GPL-3, formant synthesis: robotic but instant and
 * fully offline). Text goes in on stdin so an answer that starts with "-" is never read as an option.
 */
export class EspeakSynthesizer implements SpeechSynthesizer {
  private readonly voice: string;
  private readonly binary: string;

  constructor(private readonly options: EspeakOptions) {
    this.voice = options.voice ?? 'en-us';
    this.binary = options.binary ?? 'espeak-ng';
    const keep = options.keepFiles ?? 50;
    if (options.output === 'file' && keep > 0 && !options.outDir) {
      throw new EngineError('bad-input', 'espeak-ng file output that keeps files needs an outDir', { stage: 'tts' });
    }
    // A lowered limit (or files from an older version) takes effect at start, not after the next reply.
    if (options.output === 'file' && options.outDir) purgeSpokenReplies(options.outDir, keep);
  }

  info(): StageInfo {
    const where =
      this.options.output === 'speaker'
        ? 'speaker (aplay)'
        : (this.options.keepFiles ?? 50) > 0
          ? `WAV files in ${this.options.outDir} (newest ${this.options.keepFiles ?? 50} kept)`
          : 'none (no sound card; replies not kept)';
    return {
      stage: 'tts',
      name: 'espeak-ng',
      model: `voice ${this.voice}`,
      licence: 'GPL-3.0',
      sampleRate: 22_050,
      ready: true,
      note: `output: ${where}`,
    };
  }

  speak(text: string, opts: SpeakOptions = {}): Promise<SpeakResult> {
    const t0 = performance.now();
    const output = this.options.output;
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return resolve({ interrupted: true, output, firstAudioMs: null, audioMs: 0 });
      const args = ['-v', this.voice, '--stdin', '--stdout'];
      if (this.options.speed) args.push('-s', String(this.options.speed));
      const synth = spawn(this.binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const player: ChildProcess | null =
        output === 'speaker' ? spawnAplay(this.options.device ?? null) : null;
      const chunks: Buffer[] = [];
      let firstAudioMs: number | null = null;
      let interrupted = false;
      let stderr = '';
      let pending = player ? 2 : 1;
      let failed: Error | null = null;

      const onAbort = () => {
        interrupted = true;
        synth.kill('SIGKILL');
        player?.kill('SIGKILL');
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      const finish = () => {
        if (--pending > 0) return;
        opts.signal?.removeEventListener('abort', onAbort);
        if (failed && !interrupted) return reject(failed);
        const wav = Buffer.concat(chunks);
        const { sampleRate, dataBytes } = wavShape(wav);
        const result: SpeakResult = {
          interrupted,
          output,
          firstAudioMs,
          audioMs: Math.round((dataBytes / 2 / sampleRate) * 1000),
        };
        if (output === 'file' && !interrupted && wav.length > 44 && (this.options.keepFiles ?? 50) > 0) {
          mkdirSync(this.options.outDir!, { recursive: true });
          result.file = path.join(this.options.outDir!, `${safeName(opts.correlationId)}.wav`);
          writeFileSync(result.file, fixWavSizes(wav));
          purgeSpokenReplies(this.options.outDir!, this.options.keepFiles ?? 50);
        }
        resolve(result);
      };

      synth.stdout.on('data', (chunk: Buffer) => {
        if (firstAudioMs === null) {
          firstAudioMs = Math.round(performance.now() - t0);
          opts.onFirstAudio?.();
        }
        chunks.push(chunk);
        if (player?.stdin?.writable) player.stdin.write(chunk);
      });
      synth.stdout.on('end', () => player?.stdin?.end());
      synth.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      synth.on('error', (err) => {
        failed = new EngineError('unavailable', `espeak-ng could not start: ${err.message}`, {
          stage: 'tts',
          cause: err,
        });
      });
      synth.on('close', (code) => {
        if (code !== 0 && !interrupted && !failed) {
          failed = new EngineError(
            'internal',
            `espeak-ng exited with ${code}: ${stderr.trim().slice(0, 200)}`,
            { stage: 'tts' },
          );
        }
        finish();
      });
      if (player) {
        let playErr = '';
        player.stderr?.on('data', (c: Buffer) => (playErr += c.toString()));
        // aplay dying mid-stream must not break the reply: the text is already on screen.
        player.stdin?.on('error', () => undefined);
        player.on('error', (err) => {
          failed ??= new EngineError('device-unavailable', `aplay could not start: ${err.message}`, {
            stage: 'tts',
            cause: err,
          });
        });
        player.on('close', (code) => {
          if (code !== 0 && !interrupted && !failed) {
            failed = new EngineError(
              'device-unavailable',
              `aplay exited with ${code}: ${playErr.trim().slice(0, 200)}`,
              { stage: 'tts' },
            );
          }
          finish();
        });
      }
      synth.stdin.on('error', () => undefined);
      synth.stdin.end(text.replace(/\s+/g, ' ').trim() + '\n');
    });
  }
}

function safeName(id: string | undefined): string {
  return (id ?? `speech-${Date.now()}`).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Reads the sample rate and the real data length (espeak-ng's --stdout header says "unknown length"). */
function wavShape(wav: Buffer): { sampleRate: number; dataBytes: number } {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF') return { sampleRate: 22_050, dataBytes: 0 };
  return { sampleRate: wav.readUInt32LE(24) || 22_050, dataBytes: wav.length - 44 };
}

function fixWavSizes(wav: Buffer): Buffer {
  const out = Buffer.from(wav);
  out.writeUInt32LE(out.length - 8, 4);
  out.writeUInt32LE(out.length - 44, 40);
  return out;
}
