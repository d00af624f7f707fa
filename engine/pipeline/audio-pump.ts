import type { AudioSource } from '../audio/audio-source.ts';
import type { AudioFrame } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { EventBus } from './event-bus.ts';

export interface AudioPumpOptions {
  source: AudioSource;
  feed: (frame: AudioFrame) => Promise<void>;
  bus: EventBus;
  log: Logger;
  /** Restart a failed source (unplugged mic) after this delay, with jitter; null = run once (files). */
  restartAfterMs?: number | null;
  onAvailability?: (available: boolean) => void;
}

/**
 * The supervised microphone loop (after wyoming-satellite's mic task): frames go to the pipeline in
 * order; a failing device becomes a notice and a retry after a delay with jitter, never a crash, and
 * an abort stops it cleanly. A file source simply runs to its end.
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
    while (!this.ac.signal.aborted) {
      let gotFrame = false;
      try {
        for await (const frame of source.frames({ signal: this.ac.signal })) {
          if (!gotFrame) {
            gotFrame = true;
            lastNotice = '';
            this.opts.onAvailability?.(true);
          }
          await this.opts.feed(frame);
        }
        if (this.opts.restartAfterMs == null) return;
      } catch (err) {
        const e = EngineError.toData(err, 'audio');
        this.opts.onAvailability?.(false);
        if (this.opts.restartAfterMs == null) throw err;
        // One notice per distinct failure, not one per retry, so the UI banner does not flicker.
        if (e.message !== lastNotice) {
          lastNotice = e.message;
          log.warn('audio source failed', { error: e.message, code: e.code });
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
      await delay(base + Math.random() * base * 0.5, this.ac.signal);
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
