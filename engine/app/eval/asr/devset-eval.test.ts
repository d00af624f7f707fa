// The ASR evaluation that CI runs on the shipped dev set. Real: libpocketsphinx + Debian's CMU model,
// the kiosk LM from the knowledge-base questions, every clip synthesized by espeak-ng or flite (several
// voices and speeds; cached under test/fixtures/generated/). The WER figures print for the note; the
// assertions are the targets, not recorded numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PocketsphinxEngine } from '../../../asr/pocketsphinx/pocketsphinx-engine.ts';
import { loadKioskPhrases } from '../../kiosk-phrases.ts';
import { loadConfig, resolvePath } from '../../config/load.ts';
import { DEVSET_MANIFEST, readEvalManifest } from './devset.ts';
import { formatSummary } from './eval-format.ts';
import { runEval, type EvalReport } from './run-eval.ts';

// The kiosk LM is built from the shipped knowledge base (assets/knowledge), exactly as the kiosk does.
const kioskPhrases = await loadKioskPhrases(resolvePath(loadConfig().reply.knowledgeDir));
const engine = new PocketsphinxEngine({ phrases: kioskPhrases });
let report: EvalReport;

beforeAll(async () => {
  await engine.load();
  report = await runEval(engine, await readEvalManifest(DEVSET_MANIFEST), DEVSET_MANIFEST, { kioskPhrases });
  console.log(formatSummary(report));
}, 600_000);
afterAll(() => engine.close());

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

  it('recognizes the knowledge-base questions with WER ≤ 10% in kiosk mode', () => {
    expect(kind('kiosk').words).toBeGreaterThan(300);
    expect(kind('kiosk').wer).toBeLessThanOrEqual(0.1);
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
