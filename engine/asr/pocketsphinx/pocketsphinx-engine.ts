import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AsrMode, StageInfo, Transcript } from '../../contracts/audio.ts';
import { SAMPLE_RATE } from '../../contracts/audio.ts';
import { EngineError } from '../../errors/engine-error.ts';
import type { AsrEngine, AsrSession } from '../asr-engine.ts';
import { SAMPLE_KIOSK_PHRASES } from '../kiosk-phrases.ts';
import { DecoderPool } from './decoder-pool.ts';
import { buildKioskLanguageModel, kioskSentences, looksInDomain, type KioskLanguageModel } from './kiosk-language-model.ts';
import { dictionarySubset, dictionaryWords, findSphinxModel, type SphinxModel } from './model-files.ts';
import { loadNativeAddon, type NativeDecoder, type NativeHyp } from './native-decoder.ts';
import { DEFAULT_NOISE_FLOOR } from './noise-floor.ts';
import { PocketsphinxSession } from './pocketsphinx-session.ts';
import { guessPronunciation, readPronunciations } from './pronunciations.ts';

export interface PocketsphinxOptions {
  /** Directory holding en-us/, cmudict-en-us.dict and en-us.lm.bin (default: Debian's). */
  modelDir?: string;
  /** Questions the kiosk LM is built from (the composition root passes the knowledge base's; default: a sample list). */
  phrases?: readonly string[];
  /**
   * Kiosk mode keeps the kiosk LM's text only when at least this fraction of its word pairs occur in
   * the phrases (see looksInDomain); otherwise the speech is out of domain and the open-vocabulary
   * decode of the same audio is returned instead of being forced onto the store's words.
   */
  minPhraseCoverage?: number;
  /** Language weight for the kiosk LM (pocketsphinx -lw): higher trusts the store's phrases more. */
  kioskLanguageWeight?: number;
  /**
   * Scales the N-best path-score differences before they become alternative weights (a temperature:
   * lower spreads belief over more readings). Calibrated on the eval:answers tuning split.
   */
  nbestScale?: number;
  /** Amplitude of the noise floor added to kiosk-mode audio (noise-floor.ts); 0 turns it off. */
  noiseFloor?: number;
}

/** The kiosk decoder and its language model, swapped as one when the knowledge base changes. */
interface KioskDomain {
  lm: KioskLanguageModel;
  pool: DecoderPool;
}

/**
 * Chosen on the dev set (71 knowledge-base questions): in-domain hypotheses covered ≥ 0.5 of their
 * word pairs, off-topic ones ≤ 0.45 once hypotheses without a content word are excluded.
 */
export const DEFAULT_MIN_PHRASE_COVERAGE = 0.5;
/** pocketsphinx's own default -lw; a higher weight recognized no better and let off-topic speech through. */
export const DEFAULT_KIOSK_LW = 6.5;

/** PocketSphinx through the native addon: CMU en-us acoustic model, generic LM or the kiosk LM. */
export class PocketsphinxEngine implements AsrEngine {
  readonly name = 'pocketsphinx' as const;
  private model: SphinxModel | undefined;
  private kioskLm: KioskLanguageModel | undefined;
  private tmpDir: string | undefined;
  private pools: { dictation: DecoderPool; kioskFallback: DecoderPool; kiosk: DecoderPool } | undefined;
  private domainVersion = 0;
  private loading: Promise<void> | undefined;
  private loadError: EngineError | undefined;

  constructor(private readonly opts: PocketsphinxOptions = {}) {}

  load(): Promise<void> {
    this.loading ??= this.doLoad().catch((err: unknown) => {
      this.loadError =
        err instanceof EngineError
          ? err
          : new EngineError('unavailable', `pocketsphinx failed to load: ${String(err)}`, {
              stage: 'asr',
              cause: err,
            });
      this.loading = undefined;
      throw this.loadError;
    });
    return this.loading;
  }

  private async doLoad(): Promise<void> {
    const { Decoder } = loadNativeAddon();
    const model = findSphinxModel(this.opts.modelDir);
    const phrases = this.opts.phrases ?? SAMPLE_KIOSK_PHRASES;
    this.tmpDir = mkdtempSync(path.join(os.tmpdir(), 'vk-asr-'));
    // -fwdflat no: the second (flat-lexicon) pass runs over the whole utterance at ps_end_utt, which
    // made finalization grow with the utterance (≈2 s for 3 s of dictation on a loaded 2-core box)
    // for about half a point of kiosk WER on the dev set (5.5 % with it, 6.1 % without). The open-vocabulary decoder that runs beside the kiosk
    // LM only supplies the fallback text, so it also skips the lattice pass (-bestpath no).
    const base = ['-hmm', model.hmm, '-fwdflat', 'no'];
    const create = (): NativeDecoder => new Decoder();
    const domain = this.buildDomain(model, phrases);
    const pools = {
      dictation: new DecoderPool(create, [...base, '-dict', model.dict, '-lm', model.lm]),
      kioskFallback: new DecoderPool(create, [
        ...base,
        '-dict',
        model.dict,
        '-lm',
        model.lm,
        '-bestpath',
        'no',
      ]),
      kiosk: domain.pool,
    };
    await Promise.all([pools.dictation.warm(), pools.kioskFallback.warm(), pools.kiosk.warm()]);
    this.model = model;
    this.kioskLm = domain.lm;
    this.pools = pools;
    this.loadError = undefined;
  }

  /** Writes a kiosk LM and its dictionary subset for `phrases` and makes a decoder pool for them. */
  private buildDomain(model: SphinxModel, phrases: readonly string[]): KioskDomain {
    const { Decoder } = loadNativeAddon();
    const known = dictionaryWords(model.dict);
    // Shop words the dictionary lacks get a guessed pronunciation instead of being dropped; the LM is
    // built once, over the dictionary and the guesses (start-up and every knowledge reload pay for it).
    const pron = readPronunciations(model.dict);
    const guessed = new Map<string, string>();
    for (const w of [...kioskSentences(phrases, known).unknown].sort()) {
      const p = guessPronunciation(w, pron);
      if (p) guessed.set(w, p);
    }
    const lm = buildKioskLanguageModel(phrases, guessed.size ? new Set([...known, ...guessed.keys()]) : known);
    const v = ++this.domainVersion;
    const arpa = path.join(this.tmpDir!, `kiosk-${v}.arpa`);
    writeFileSync(arpa, lm.arpa);
    const dict = path.join(this.tmpDir!, `kiosk-${v}.dict`);
    const extra = [...guessed].map(([w, p]) => `${w} ${p}\n`).join('');
    writeFileSync(dict, dictionarySubset(model.dict, new Set(lm.vocabulary)) + extra);
    const args = ['-hmm', model.hmm, '-fwdflat', 'no', '-dict', dict, '-lm', arpa];
    args.push('-lw', String(this.opts.kioskLanguageWeight ?? DEFAULT_KIOSK_LW));
    return { lm, pool: new DecoderPool(() => new Decoder(), args) };
  }

  /**
   * Rebuilds the kiosk language model from new phrases (the knowledge base was reloaded) without a
   * restart: the new decoder is loaded first and swapped in; utterances already running finish on the
   * old one, which is freed a little later.
   */
  async useDomain(phrases: readonly string[]): Promise<{ words: number }> {
    if (!this.pools || !this.model) throw new EngineError('unavailable', 'pocketsphinx engine not loaded', { stage: 'asr' });
    const domain = this.buildDomain(this.model, phrases);
    await domain.pool.warm();
    const old = this.pools.kiosk;
    this.pools = { ...this.pools, kiosk: domain.pool };
    this.kioskLm = domain.lm;
    setTimeout(() => void old.close(), 30_000).unref();
    return { words: domain.lm.vocabulary.length };
  }

  start(mode: AsrMode): AsrSession {
    if (!this.pools) {
      throw (
        this.loadError ??
        new EngineError('unavailable', 'pocketsphinx engine not loaded (call load() first)', { stage: 'asr' })
      );
    }
    const pools = this.pools;
    const decoders = mode === 'kiosk' ? [pools.kiosk, pools.kioskFallback] : [pools.dictation];
    const floor = mode === 'kiosk' ? (this.opts.noiseFloor ?? DEFAULT_NOISE_FLOOR) : 0;
    return new PocketsphinxSession(
      decoders,
      (hyps, audioMs, decodeMs) => this.decide(mode, hyps, audioMs, decodeMs),
      floor,
    );
  }

  /** Turns the finished decodes into one transcript, choosing kiosk or dictation text in kiosk mode. */
  private decide(mode: AsrMode, hyps: NativeHyp[], audioMs: number, decodeMs: number): Transcript {
    const dict = hyps[hyps.length - 1]!;
    const base = { engine: this.name, audioMs, decodeMs };
    if (mode === 'dictation') {
      if (tooFewWords(dict.hyp, audioMs)) return { text: '', confidence: 0, ...base };
      return { text: dict.hyp, confidence: posteriorConfidence(dict), ...base };
    }
    const kiosk = hyps[0]!;
    // The kiosk decode found no words: silence or noise, and nothing is invented from the other decode.
    if (!kiosk.hyp) return { text: '', confidence: 0, ...base };
    // Noise makes the decoder emit a stray word now and then ("food" over 6 s of pink noise); a
    // question has words at a speaking rate. Too few words for the audio's length is not speech.
    if (tooFewWords(kiosk.hyp, audioMs)) return { text: '', confidence: 0, ...base };
    if (looksInDomain(this.kioskLm!, kiosk.hyp, this.opts.minPhraseCoverage ?? DEFAULT_MIN_PHRASE_COVERAGE)) {
      const alternatives = nbestAlternatives(kiosk, this.opts.nbestScale ?? DEFAULT_NBEST_SCALE);
      return { text: kiosk.hyp, confidence: posteriorConfidence(kiosk), ...base, alternatives };
    }
    // Out of domain: the open-vocabulary words, with the low confidence an off-topic question deserves
    // (that decoder skips the lattice, so it has no posterior of its own).
    return { text: dict.hyp, confidence: dict.hyp ? 0.3 : 0, ...base };
  }

  info(): StageInfo {
    const ready = !!this.pools;
    const info: StageInfo = {
      stage: 'asr',
      name: 'pocketsphinx',
      model: `cmusphinx en-us (${this.model?.hmm ?? 'Debian pocketsphinx-en-us'}), generic LM + kiosk trigram LM`,
      licence: 'BSD-2-Clause',
      sampleRate: SAMPLE_RATE,
      ready,
    };
    if (ready && this.kioskLm) {
      info.note =
        `kiosk LM: ${this.kioskLm.sentences.length} phrases, ${this.kioskLm.vocabulary.length} words` +
        (this.kioskLm.unknownWords.length
          ? `; not in dictionary: ${this.kioskLm.unknownWords.slice(0, 10).join(', ')}`
          : '');
    } else if (this.loadError) info.note = this.loadError.message;
    return info;
  }

  /** The words the kiosk LM left out because the dictionary cannot pronounce them. */
  unknownKioskWords(): string[] {
    return this.kioskLm?.unknownWords ?? [];
  }

  async close(): Promise<void> {
    const pools = this.pools;
    this.pools = undefined;
    this.loading = undefined;
    if (pools) await Promise.all([pools.dictation.close(), pools.kioskFallback.close(), pools.kiosk.close()]);
    if (this.tmpDir) rmSync(this.tmpDir, { recursive: true, force: true });
    this.tmpDir = undefined;
  }
}

/**
 * Below this many recognized words per second of audio (over 2.5 s) a kiosk decode is noise, not a
 * question: synthetic and recorded questions run at 2–3 words/s, pink noise gave one word in 6 s.
 */
export const MIN_WORDS_PER_SECOND = 0.4;

/** Noise, not speech: fewer than MIN_WORDS_PER_SECOND words over more than 2.5 s of audio. */
function tooFewWords(hyp: string, audioMs: number): boolean {
  const words = hyp.split(' ').filter(Boolean).length;
  return audioMs > 2500 && words / (audioMs / 1000) < MIN_WORDS_PER_SECOND;
}

/**
 * Chosen on the eval:answers tuning split (sample store, espeak en-us): at 1 the ten readings came out
 * nearly equal (path scores differ by a few hundred units of log 1.0001); 30 gave the most right answers
 * at ≤ 3 % confidently wrong (10: fewer direct answers, 60: more wrong ones).
 */
export const DEFAULT_NBEST_SCALE = 30;

/**
 * The lattice's N-best strings as weighted alternatives: path scores are log base 1.0001, so the
 * difference to the best path is a log-likelihood ratio; scaled and normalized it is a share of belief.
 */
export function nbestAlternatives(h: NativeHyp, scale: number): { text: string; weight: number; pathScore: number }[] {
  const list = (h.nbest ?? []).filter((e) => e.hyp.trim());
  if (list.length === 0) return [{ text: h.hyp, weight: 1, pathScore: h.score }];
  if (!list.some((e) => e.hyp === h.hyp)) list.unshift({ hyp: h.hyp, score: list[0]!.score });
  const top = Math.max(...list.map((e) => e.score));
  const raw = list.map((e) => Math.exp((e.score - top) * Math.log(1.0001) * scale));
  const total = raw.reduce((a, b) => a + b, 0);
  return list.map((e, i) => ({ text: e.hyp, weight: Math.round((raw[i]! / total) * 1000) / 1000, pathScore: e.score }));
}

const MAX_POSTERIOR_CONFIDENCE = 0.95;

/**
 * A 0–1 confidence from the decoder's log posterior (log base 1.0001), as the geometric mean per word
 * so long utterances are not punished for their length.
 */
export function posteriorConfidence(h: NativeHyp): number {
  const words = h.hyp.split(' ').filter(Boolean).length;
  if (words === 0) return 0;
  const perWord = (h.prob * Math.log(1.0001)) / words;
  // Capped below 1: a lattice with one path gives posterior 1 whatever the audio was ("thigh" at 1.0
  // over pink noise); the recognizer is never certain.
  return Math.round(Math.min(MAX_POSTERIOR_CONFIDENCE, Math.exp(perWord)) * 1000) / 1000;
}
