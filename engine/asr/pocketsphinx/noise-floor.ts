/**
 * A faint, fixed noise floor added to the audio before the kiosk decoder sees it.
 *
 * The CMU en-us acoustic model was trained on recorded speech, which always has a noise floor.
 * Synthetic or digitally gated audio does not: exact zeros between words and empty spectral bands
 * (espeak-ng's formant synthesis) give log filter-bank energies far below anything in training, and
 * the decoder hears words that were not said. On the eval:answers tuning split the same espeak clips
 * recognized far better with pink noise under them than clean; a floor of ±200 (uniform, ≈ −49 dBFS
 * RMS) closed most of that gap (kiosk-decoder WER, greenleaf tune, clean: espeak 39.3 % → 19.7 %,
 * flite + festival 15.0 % → 16.4 %; ±100: 22.2 / 16.0, ±300: 19.9 / 17.6). pocketsphinx's own
 * -dither adds only ±1 LSB (espeak 31.7 %). A real microphone's floor in a shop is already louder, so
 * there the added floor changes next to nothing.
 * Answers (eval:answers, greenleaf tune, clean; correct incl. did-you-mean / confidently wrong), none →
 * ±200: espeak en-us 76.6/1.8 → 92.8/0.9, en-gb 54.1/13.5 → 82.0/5.4, flite 92.8/2.7 → 91.9/3.6,
 * festival 94.6/1.8 → 87.4/4.5 (the recorded-diphone voice loses as it does under pink noise); ±100
 * was worse overall (91.0, 77.5, 91.0, 88.3). With pink noise under the clips the floor changes little.
 * Gated to blocks with sound (below), at answerAt 0.6: en-us 86.9/1.0 → 89.5/1.6, en-gb 77.8/2.0 →
 * 74.5/2.9, festival 88.2/1.0 → 90.2/2.0 — about even, and a pause after the wake word stays silent.
 */
export const DEFAULT_NOISE_FLOOR = 200;

/**
 * Adds uniform noise of ±amplitude to `samples` in place. The generator is a fixed-seed LCG owned by
 * the caller (one per utterance), so the same audio always decodes to the same transcript.
 */
export class NoiseFloor {
  private state: number;

  constructor(
    private readonly amplitude: number,
    seed = 0x2545f491,
  ) {
    this.state = seed >>> 0;
  }

  apply(samples: Int16Array): Int16Array {
    if (this.amplitude <= 0) return samples;
    for (let from = 0; from < samples.length; from += GATE_BLOCK) {
      const to = Math.min(samples.length, from + GATE_BLOCK);
      if (blockRms(samples, from, to) >= GATE_RMS) this.fill(samples, from, to);
    }
    return samples;
  }

  private fill(samples: Int16Array, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      // Numerical Recipes' 32-bit LCG: cheap, and its low-quality low bits do not matter here.
      this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
      const r = (this.state / 0x1_0000_0000) * 2 - 1;
      const v = Math.round(samples[i]! + r * this.amplitude);
      samples[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
  }
}

/**
 * The floor goes only under 10 ms blocks that carry sound: the gain is in the speech (adding it only
 * to quiet blocks gave almost none of it), while white noise alone over a long digital silence — the
 * pause after the wake word in a synthetic scene — was heard as a fricative word ("flu is the milk").
 * A real microphone's own noise is above the gate, so there the floor stays continuous.
 */
const GATE_BLOCK = 160;
const GATE_RMS = 30;

function blockRms(samples: Int16Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / Math.max(1, to - from));
}
