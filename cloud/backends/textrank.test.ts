import { describe, expect, it } from 'vitest';
import { ExtractiveBackend } from './extractive-backend.ts';
import { extractiveSummary } from '../../engine/summarize/extractive-summary.ts';
import { formatOutline } from '../../engine/protocol/summary-outline.ts';
import { chunkAtSentences } from './chunking.ts';
import { contentWords, splitSentences } from '../../engine/summarize/sentences.ts';
import { overlapSimilarity, pageRank, similarityMatrix, textRank } from '../../engine/summarize/textrank.ts';

// Real: the TextRank implementation and sentence splitter. No test peers.
describe('sentence splitting', () => {
  it('splits on terminators and line breaks, keeps abbreviations, decimals and initials inside a sentence', () => {
    const s = splitSentences('Dr. Smith paid 3.5 euros. Did J. R. agree?\nAnna: yes!  Ok then');
    expect(s.map((x) => x.text)).toEqual(['Dr. Smith paid 3.5 euros.', 'Did J. R. agree?', 'Anna: yes!', 'Ok then']);
  });
  it('offsets point back into the original text', () => {
    const text = '  First one.   Second one!';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('TextRank', () => {
  it('PageRank scores sum to 1 and favour the node with the most edge weight', () => {
    // Star: node 0 linked to 1, 2, 3; the leaves are not linked to each other.
    const n = 4;
    const w = new Float64Array(n * n);
    for (const j of [1, 2, 3]) w[j] = w[j * n] = 1;
    const { scores } = pageRank(w, n);
    expect([...scores].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeCloseTo(scores[2]!, 9);
  });

  it('the indexed similarity matrix holds exactly the pairwise overlap similarity of every sentence pair', () => {
    const text = 'The sale runs Friday. Sales staff run the sale sale! Coffee. The the the. Friday staff hours and the budget? Budget budget budget.';
    const bags = splitSentences(text).map((s) => contentWords(s.text));
    const n = bags.length;
    const w = similarityMatrix(bags);
    for (let i = 0; i < n; i++) {
      expect(w[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) if (i !== j) expect(w[i * n + j]).toBe(overlapSimilarity(bags[Math.min(i, j)]!, bags[Math.max(i, j)]!, new Set(bags[Math.max(i, j)])));
    }
  });

  it('picks the sentences that share the most content with the rest, in document order', () => {
    const text = [
      'The weather was nice this morning.',
      'The spring sale budget needs approval from the regional manager.',
      'Ben brought cake.',
      'The regional manager will approve the spring sale budget on Friday.',
      'Parking was full.',
      'Approval of the spring sale budget unblocks the garden tools order.',
      'Someone sneezed.',
    ].join(' ');
    const r = textRank(text, { ratio: 0.3, minSentences: 2, maxSentences: 3 });
    expect(r.kind).toBe('summary');
    if (r.kind !== 'summary') return;
    const picked = r.sentences.map((s) => s.text);
    expect(picked).toHaveLength(3);
    expect(picked.every((p) => /budget/.test(p))).toBe(true);
    const positions = r.sentences.map((s) => s.start);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('a very long transcript is ranked in blocks: bounded work, a short summary, document order', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `Line ${i} mentions ${['stock', 'rota', 'budget', 'sale'][i % 4]} and ${['Anna', 'Ben'][i % 2]}.`).join(' ');
    const r = textRank(text);
    expect(r.kind).toBe('summary');
    if (r.kind !== 'summary') return;
    expect(r.total).toBe(5000);
    expect(r.sentences.length).toBe(8);
    const starts = r.sentences.map((s) => s.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('empty and punctuation-only text is reported as empty, one or two sentences as too short', () => {
    expect(textRank('')).toEqual({ kind: 'empty' });
    expect(textRank(' ... !!! \n ')).toEqual({ kind: 'empty' });
    expect(textRank('Only one thing happened.').kind).toBe('too-short');
  });

  it('the extractive backend never returns an empty summary', async () => {
    const b = new ExtractiveBackend();
    const [empty, short, long] = await b.runBatch([
      { key: 'a', kind: 'summarize', payload: { meetingId: 'm', title: 't', transcript: '   ' } },
      { key: 'b', kind: 'summarize', payload: { meetingId: 'm', title: 't', transcript: 'We met. Nothing else.' } },
      { key: 'c', kind: 'summarize', payload: { meetingId: 'm', title: 't', transcript: Array.from({ length: 30 }, (_, i) => `Point ${i} about the sale budget and staff ${i % 4}.`).join(' ') } },
    ]);
    expect(empty).toMatchObject({ ok: false, retryable: false, code: 'bad-request' });
    expect(short).toMatchObject({ ok: true, text: 'We met. Nothing else.' });
    expect((short as { note: string }).note).toMatch(/kept whole/);
    expect(long).toMatchObject({ ok: true });
    expect((long as { text: string }).text.length).toBeGreaterThan(10);
  });

  it('answers from context by word overlap, and says so when the context has nothing', async () => {
    const b = new ExtractiveBackend();
    const [hit, miss] = await b.runBatch([
      { key: 'a', kind: 'answer', payload: { question: 'When does the shop open on Sunday?', context: 'We sell seeds. On Sunday the shop opens at 10. Parking is free.' } },
      { key: 'b', kind: 'answer', payload: { question: 'Who is the mayor?', context: 'We sell seeds.' } },
    ]);
    expect(hit).toMatchObject({ ok: true, text: 'On Sunday the shop opens at 10.' });
    expect(miss).toMatchObject({ ok: false, retryable: false });
  });
});

describe('chunking at sentence boundaries', () => {
  it('keeps chunks under the limit, overlaps by whole sentences and covers every sentence', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`);
    const chunks = chunkAtSentences(sentences.join(' '), { maxChars: 200, overlapSentences: 2 });
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(200);
    for (const s of sentences) expect(chunks.some((c) => c.includes(s))).toBe(true);
    for (let i = 1; i < chunks.length; i++) {
      const prev = splitSentences(chunks[i - 1]!).map((s) => s.text);
      expect(chunks[i]!.startsWith(prev.slice(-2).join(' '))).toBe(true);
    }
  });
  it('hard-cuts a run-on sentence longer than the limit at word boundaries', () => {
    const runOn = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkAtSentences(runOn, { maxChars: 120, overlapSentences: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join(' ')).toBe(runOn);
  });
});

describe('extractive backend and the kiosk draft', () => {
  it('write the same summary for the same meeting, decisions and action items listed apart', async () => {
    const transcript = [
      'The bread delivery van parks at the back door every morning.',
      'Fresh bread sells out by noon on most mornings.',
      'We decided to order twenty more loaves on Saturdays.',
      'Bob will update the price labels by Friday.',
    ].join('\n');
    const [out] = await new ExtractiveBackend().runBatch([
      { key: 'k', kind: 'summarize', payload: { meetingId: 'm1', title: 'Stand-up', transcript } },
    ]);
    const device = extractiveSummary(transcript);
    if (!out!.ok || !device.ok) throw new Error('both should summarize');
    expect((out as { text: string }).text).toBe(formatOutline(device.outline));
    expect((out as { text: string }).text).toContain(
      'Decisions:\n- We decided to order twenty more loaves on Saturdays.\n\nAction items:\n- Bob: update the price labels (by Friday)',
    );
  });
});
