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
    for (let i = 0; i < samples.length; i++) {
      // Numerical Recipes' 32-bit LCG: cheap, and its low-quality low bits do not matter here.
      this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
      const r = (this.state / 0x1_0000_0000) * 2 - 1;
      const v = Math.round(samples[i]! + r * this.amplitude);
      samples[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
    return samples;
  }
}
