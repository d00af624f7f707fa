import type { AudioFrame, StageInfo, WakeDetection } from '../contracts/audio.ts';
import type { WakeWordDetector } from '../wake/wake-word-detector.ts';
import type { WakePort } from './stage-ports.ts';

/**
 * The wake stage the conversation runner holds, with a detector that can be swapped while the kiosk
 * runs (staff activate a newly trained keyword or roll back) and an optional candidate detector fed
 * the same frames so staff can try a model by speaking and watch its score, before activating it.
 */
export class SwitchableWake implements WakePort {
  private candidate: {
    model: string;
    detector: WakeWordDetector;
    peak: number;
    score: number;
    detections: number;
  } | null = null;

  constructor(private current: WakeWordDetector) {}

  async process(frame: AudioFrame): Promise<WakeDetection | null> {
    const active = this.current;
    const trying = this.candidate;
    const [found] = await Promise.all([
      active.process(frame),
      trying
        ? trying.detector.process(frame).then((d) => {
            const s = Object.values(trying.detector.scores())[0] ?? 0;
            trying.score = s;
            trying.peak = Math.max(trying.peak, s);
            trying.detections += d.length;
          })
        : null,
    ]);
    return found[0] ?? null;
  }

  reset(): void {
    this.current.reset();
  }

  info(): StageInfo {
    return this.current.info();
  }

  /** The loaded keyword heads (the shopper headline shows the first one's phrase). */
  keywords(): ReturnType<WakeWordDetector['keywords']> {
    return this.current.keywords();
  }

  /** Switches to another detector from the next frame on. */
  swap(next: WakeWordDetector): void {
    next.reset();
    this.current = next;
  }

  /** Starts (or with null stops) feeding a candidate detector for the try-it score. */
  setCandidate(model: string | null, detector: WakeWordDetector | null): void {
    detector?.reset();
    this.candidate = model && detector ? { model, detector, peak: 0, score: 0, detections: 0 } : null;
  }

  candidateScore(): { model: string; score: number; peak: number; detections: number } | null {
    if (!this.candidate) return null;
    const { model, score, peak, detections } = this.candidate;
    return { model, score, peak, detections };
  }
}
