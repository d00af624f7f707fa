// The ASR evaluation that CI runs on the shipped dev set. Real: libpocketsphinx + Debian's CMU model,
// the kiosk LM from the knowledge-base questions, every clip synthesized by espeak-ng or flite (several
// voices and speeds; cached under test/fixtures/generated/). The WER figures print for the note; the
// assertions are the targets, not recorded numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PocketsphinxEngine } from '../../../asr/pocketsphinx/pocketsphinx-engine.ts';
import { KnowledgeBase } from '../../../reply/knowledge/knowledge-base.ts';
import { speechCorpus } from '../../../reply/knowledge/speech-corpus.ts';
import { normalizeWords } from '../../../asr/text-normalize.ts';
import { DEVSET_MANIFEST, readEvalManifest } from './devset.ts';
import { formatSummary } from './eval-format.ts';
import { runEval, type EvalReport } from './run-eval.ts';

// The kiosk LM is built from the shipped knowledge base (assets/knowledge), exactly as the kiosk does:
// the sentences the composition root generates from it (speechCorpus) are the LM's training text.
const kb = KnowledgeBase.open(new URL('../../../../assets/knowledge', import.meta.url).pathname);
const corpus = speechCorpus(kb.data);
kb.close();
const inLm = new Set(corpus.map((s) => normalizeWords(s).join(' ')));
const engine = new PocketsphinxEngine({ phrases: corpus });
let report: EvalReport;

beforeAll(async () => {
  await engine.load();
  const kioskPhrases = corpus;
  report = await runEval(engine, await readEvalManifest(DEVSET_MANIFEST), DEVSET_MANIFEST, { kioskPhrases });
  console.log(formatSummary(report));
}, 900_000);
afterAll(() => engine.close());

// A little above the measured figure (README / docs/asr.md) so CI guards against a regression.
const UNSEEN_WER_CEILING = 0.15; // measured: 9.1 % (8 clips, 44 words)

const kind = (k: string) => report.byKind.find((s) => s.kind === k)!;

describe('ASR dev set (pocketsphinx)', () => {
  it('covers every kind of speech with several voices', () => {
    expect(report.byKind.map((k) => k.kind).sort()).toEqual([
      'dictation',
      'kiosk',
      'kiosk-out-of-domain',
      'kiosk-paraphrase',
    ]);
  });

  it('is spoken by both synthesizers in several voices and speeds', async () => {
    const items = await readEvalManifest(DEVSET_MANIFEST);
    const voices = new Set(items.map((i) => `${i.synth?.engine}/${i.synth?.voice}`));
    expect(new Set(items.map((i) => i.synth?.engine))).toEqual(new Set(['espeak-ng', 'flite']));
    expect(voices.size).toBeGreaterThanOrEqual(6);
    expect(new Set(items.map((i) => i.synth?.speed)).size).toBeGreaterThanOrEqual(3);
  });

  it('recognizes in-domain questions that are NOT among the language model sentences', () => {
    // The accuracy that matters is on wording the LM was not built from (issue 14): checked here, not assumed.
    const unseen = report.items.filter(
      (r) => r.mode === 'kiosk' && !r.kind.endsWith('out-of-domain') && !inLm.has(normalizeWords(r.reference).join(' ')),
    );
    const words = unseen.reduce((a, r) => a + r.words, 0);
    const errors = unseen.reduce((a, r) => a + r.errors, 0);
    console.log(`kiosk questions not in the LM: ${unseen.length} clips, ${words} words, WER ${((100 * errors) / words).toFixed(1)}%`);
    expect(unseen.length).toBeGreaterThanOrEqual(8);
    expect(errors / words).toBeLessThanOrEqual(UNSEEN_WER_CEILING);
  });

  it('does not force off-topic speech onto a kiosk phrase', () => {
    expect(kind('kiosk-out-of-domain').forced).toBe(0);
  });

  it('reports dictation WER (open vocabulary, robotic voices: no target, must be a real decode)', () => {
    const d = kind('dictation');
    expect(d.words).toBeGreaterThan(100);
    expect(d.wer).toBeLessThan(1);
    expect(report.items.filter((r) => r.kind === 'dictation' && r.wer === 0).length).toBeGreaterThan(0);
  });

  it('gives every clip a transcript with audio and decode times', () => {
    for (const r of report.items) {
      expect(r.transcript.engine).toBe('pocketsphinx');
      expect(r.transcript.audioMs).toBeGreaterThan(500);
    }
  });
});
