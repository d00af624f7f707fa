import { existsSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import recorder from 'node-record-lpcm16';
import { SAMPLE_RATE, type AudioFrame, type StageInfo } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import { DEFAULT_FRAME_SAMPLES, type AudioSource } from './audio-source.ts';
import { SampleChunker } from './sample-chunker.ts';

export interface MicrophoneOptions {
  /** arecord (ALSA, the Pi default), sox or rec: config.audio.recorder. */
  recorder: 'arecord' | 'sox' | 'rec';
  /** ALSA device such as plughw:1,0 (arecord -D, or AUDIODEV for sox); null = system default. */
  device: string | null;
}

/** True when `program` is an executable on $PATH (checked up front for a clearer error than ENOENT). */
export function onPath(program: string, envPath: string = process.env.PATH ?? ''): boolean {
  return envPath.split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, program)));
}

/**
 * Live microphone via node-record-lpcm16: the recorder program writes raw 16 kHz mono S16_LE to a pipe.
 * A missing program or a failing device ends the iterator with EngineError 'device-unavailable'
 * (carrying the recorder's own stderr line) instead of an unhandled child-process error.
 */
export class MicrophoneSource implements AudioSource {
  constructor(private readonly opts: MicrophoneOptions) {}

  info(): StageInfo {
    const ready = onPath(this.opts.recorder);
    return {
      stage: 'audio',
      name: `microphone (${this.opts.recorder})`,
      sampleRate: SAMPLE_RATE,
      ready,
      note: ready ? `device ${this.opts.device ?? 'default'}` : `${this.opts.recorder} not found on PATH`,
    };
  }

  async *frames(opts: { signal?: AbortSignal } = {}): AsyncIterable<AudioFrame> {
    const { recorder: program, device } = this.opts;
    const detail = { recorder: program, device: device ?? 'default' };
    if (!onPath(program)) {
      throw new EngineError(
        'device-unavailable',
        `microphone recorder '${program}' is not installed (apt-get install ${program === 'arecord' ? 'alsa-utils' : 'sox'})`,
        {
          stage: 'audio',
          detail,
        },
      );
    }
    if (opts.signal?.aborted) return;
    const recording = recorder.record({
      sampleRate: SAMPLE_RATE,
      channels: 1,
      recorder: program,
      device,
      audioType: 'raw',
      threshold: 0,
      endOnSilence: false,
    });
    let stderr = '';
    let spawnError: Error | null = null;
    // Attached synchronously: spawn failures are emitted on a later tick and would otherwise crash.
    recording.process.on('error', (err) => {
      spawnError = err;
    });
    recording.process.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    // The library re-emits a non-zero exit as a stream 'error' after 'end'; with no listener left that
    // would be an uncaught exception, so keep one for the lifetime of the stream (exit code is checked below).
    recording.stream().on('error', () => undefined);
    const stop = () => recording.stop();
    opts.signal?.addEventListener('abort', stop, { once: true });

    let carry: Buffer | null = null;
    let position = 0;
    // The pipe hands over whatever arecord wrote — seconds at once when the engine fell behind — so
    // frames are re-cut to the same 80 ms a file source yields: wake, VAD and pre-roll see one shape.
    const frames = new SampleChunker(DEFAULT_FRAME_SAMPLES);
    try {
      for await (const chunk of recording.stream() as AsyncIterable<Buffer | string>) {
        let data = typeof chunk === 'string' ? Buffer.from(chunk, 'binary') : chunk;
        if (carry) data = Buffer.concat([carry, data]);
        const whole = data.length - (data.length % 2);
        carry = whole < data.length ? data.subarray(whole) : null;
        if (whole === 0) continue;
        // Copy out of the pipe's buffer so the Int16Array is aligned and owned by the consumer.
        const samples = new Int16Array(whole / 2);
        Buffer.from(samples.buffer).set(data.subarray(0, whole));
        position += samples.length;
        for (const f of frames.push(samples)) yield { samples: f.chunk, atMs: (f.startSample / SAMPLE_RATE) * 1000 };
      }
      const rest = frames.flush();
      if (rest) yield { samples: rest.chunk.slice(0, rest.validSamples), atMs: (rest.startSample / SAMPLE_RATE) * 1000 };
    } catch (err) {
      if (opts.signal?.aborted) return;
      const why =
        (spawnError as Error | null)?.message ??
        (stderr.trim().split('\n').pop() || String(err).split('\n')[0]);
      throw new EngineError(
        'device-unavailable',
        `microphone ${program} (device ${device ?? 'default'}) failed: ${why}`,
        { stage: 'audio', detail, cause: err },
      );
    } finally {
      opts.signal?.removeEventListener('abort', stop);
      if (recording.process.exitCode === null && !recording.process.killed) recording.stop();
    }
    if (opts.signal?.aborted) return;
    // stdout can end before the recorder's stderr and exit status arrive; wait for both.
    const code = await exitCodeOf(recording.process);
    if (code !== 0 || position === 0) {
      const why =
        (spawnError as Error | null)?.message ??
        (stderr.trim().split('\n').pop() ||
          (code === 0 ? 'recorder produced no audio' : `exit code ${code}`));
      throw new EngineError(
        'device-unavailable',
        `microphone ${program} (device ${device ?? 'default'}) failed: ${why}`,
        { stage: 'audio', detail },
      );
    }
  }
}

function exitCodeOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}
