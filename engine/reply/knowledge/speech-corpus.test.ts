import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeDir } from './knowledge-files.ts';
import { speechCorpus } from './speech-corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('speechCorpus', () => {
  it('generates how shoppers ask about every listed product of the loaded shop', () => {
    const sample = speechCorpus(loadKnowledgeDir(path.join(ROOT, 'assets/knowledge')));
    expect(sample).toContain('do you sell batteries');
    expect(sample).toContain('which aisle has the crisps');
    expect(sample).toContain('how late are you open on sunday');
    expect(sample).toContain('what time does the deli counter close');
  });

  it('carries the everyday words shoppers wrap any question in, for every shop', () => {
    for (const dir of ['assets/knowledge', 'assets/shops/pharmacy']) {
      const words = new Set(speechCorpus(loadKnowledgeDir(path.join(ROOT, dir))).flatMap((s) => s.toLowerCase().split(/[^a-z']+/)));
      for (const w of ['how', 'many', "what's", 'here', 'still', 'these', 'something', 'with', 'use', 'long', 'got'])
        expect(words.has(w), `${dir}: ${w}`).toBe(true);
    }
    const sample = speechCorpus(loadKnowledgeDir(path.join(ROOT, 'assets/knowledge')));
    expect(sample).toContain("where's the tins");
    expect(sample).toContain('have you got any batteries');
  });

  it('follows the knowledge folder: a second shop gets its own words and not the first shop\'s', () => {
    const pharmacy = speechCorpus(loadKnowledgeDir(path.join(ROOT, 'assets/shops/pharmacy')));
    expect(pharmacy).toContain('where can i find paracetamol');
    expect(pharmacy).toContain('are you open on boxing day');
    expect(pharmacy.join('\n')).not.toMatch(/croissants|click and collect/);
  });
});
