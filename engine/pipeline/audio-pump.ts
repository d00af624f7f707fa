import type { AudioSource } from '../audio/audio-source.ts';
import type { AudioFrame } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import { jitteredBackoff } from '../offload/backoff.ts';
import type { EventBus } from './event-bus.ts';

export interface AudioPumpOptions {
  source: AudioSource;
  feed: (frame: AudioFrame) => Promise<void>;
  bus: EventBus;
  log: Logger;
  /** Restart a failed source (unplugged mic) after this delay, doubling per failure, with jitter; null = run once (files). */
  restartAfterMs?: number | null;
  /** The longest wait between restarts (default 30 s), so a re-plugged microphone is picked up soon. */
  restartMaxMs?: number;
  onAvailability?: (available: boolean) => void;
}

/**
 * The supervised microphone loop (after wyoming-satellite's mic task): frames go to the pipeline in
 * order; a failing device becomes a notice ('no-microphone') and a retry after an exponential,
 * jittered delay, never a crash; the first audio after a failure is a 'microphone-restored' notice,
 * the very first audio of a live source a 'microphone-ready' one; an abort stops it cleanly. A file
 * source simply runs to its end.
 */
export class AudioPump {
  private readonly ac = new AbortController();
  private running: Promise<void> | null = null;

  constructor(private readonly opts: AudioPumpOptions) {}

  /** Starts pumping; the returned promise settles when the source ends (files) or on stop(). */
  start(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  async stop(): Promise<void> {
    this.ac.abort();
    await this.running?.catch(() => undefined);
  }

  private async loop(): Promise<void> {
    const { source, bus, log } = this.opts;
    let lastNotice = '';
    let failures = 0;
    let everAvailable = false;
    while (!this.ac.signal.aborted) {
      let gotFrame = false;
      try {
        for await (const frame of source.frames({ signal: this.ac.signal })) {
          if (!gotFrame) {
            gotFrame = true;
            lastNotice = '';
            this.opts.onAvailability?.(true);
            // A screen re-reads micAvailable only when a notice says it changed. Without this one, a
            // screen that loaded before arecord's first audio (seconds late on a loaded machine)
            // said "Voice is not available right now" until it was reloaded.
            if (!everAvailable && failures === 0 && this.opts.restartAfterMs != null) {
              bus.publish({
                type: 'notice',
                correlationId: 'system',
                atMs: bus.now(),
                level: 'info',
                code: 'microphone-ready',
                message: 'The microphone is working.',
              });
            }
            everAvailable = true;
            if (failures > 0) {
              failures = 0;
              log.info('audio source recovered');
              bus.publish({
                type: 'notice',
                correlationId: 'system',
                atMs: bus.now(),
                level: 'info',
                code: 'microphone-restored',
                message: 'The microphone is working again.',
              });
            }
          }
          await this.opts.feed(frame);
        }
        if (this.opts.restartAfterMs == null) return;
      } catch (err) {
        const e = EngineError.toData(err, 'audio');
        this.opts.onAvailability?.(false);
        if (this.opts.restartAfterMs == null) throw err;
        failures++;
        if (e.message !== lastNotice) {
          lastNotice = e.message;
          log.warn('audio source failed', { error: e.message, code: e.code, failures });
        }
        // One notice per outage, not one per retry (whose reason may change from "read error" to
        // "open error"), so the UI banner does not flicker; the next one follows a recovery.
        if (failures === 1) {
          bus.publish({
            type: 'notice',
            correlationId: 'system',
            atMs: bus.now(),
            level: 'warning',
            code: 'no-microphone',
            message: `${e.message}. Tap or type to ask.`,
          });
        }
      }
      if (this.ac.signal.aborted) return;
      const base = this.opts.restartAfterMs ?? 5000;
      await delay(jitteredBackoff(Math.max(1, failures), base, this.opts.restartMaxMs ?? 30_000), this.ac.signal);
    }
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
