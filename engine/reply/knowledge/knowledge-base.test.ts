import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePath } from '../../paths/app-root.ts';
import { EngineError } from '../../errors/engine-error.ts';
import { confidentPassages } from '../grounded-answer.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { parseKnowledgeFile } from './knowledge-files.ts';
import { knowledgePhrases } from './knowledge-phrases.ts';
import { IN_DOMAIN, OUT_OF_DOMAIN } from './retrieval-questions.ts';

// Real: the sample store in assets/knowledge, the Markdown/YAML loader and SQLite FTS5 (better-sqlite3).
const SAMPLE = resolvePath('assets/knowledge');
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyOfSample(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-kb-'));
  tmp.push(dir);
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

describe('KnowledgeBase over the sample store', () => {
  const kb = KnowledgeBase.open(SAMPLE);

  it(`retrieval top-1 accuracy on ${IN_DOMAIN.length} shopper questions is at least 90%`, () => {
    const misses: string[] = [];
    for (const [q, expected] of IN_DOMAIN) {
      const top = kb.search(q, 3)[0]?.section.id;
      if (top !== expected) misses.push(`${q} → ${top ?? '(none)'} (want ${expected})`);
    }
    const accuracy = (IN_DOMAIN.length - misses.length) / IN_DOMAIN.length;
    console.log(
      `retrieval top-1: ${(accuracy * 100).toFixed(1)}% (${IN_DOMAIN.length - misses.length}/${IN_DOMAIN.length}); misses: ${misses.join('; ') || 'none'}`,
    );
    expect(IN_DOMAIN.length).toBeGreaterThanOrEqual(40);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('answers most in-domain questions confidently and no out-of-domain one', () => {
    const confident = IN_DOMAIN.filter(
      ([q, id]) => confidentPassages(kb.search(q))[0]?.section.id === id,
    ).length;
    console.log(`confident and right: ${confident}/${IN_DOMAIN.length}`);
    expect(confident / IN_DOMAIN.length).toBeGreaterThanOrEqual(0.85);
    const invented = OUT_OF_DOMAIN.filter((q) => confidentPassages(kb.search(q)).length > 0);
    expect(invented).toEqual([]);
  });

  it('FTS5 syntax and hostile text in a question are plain words, never a query error', () => {
    for (const q of [
      '"unbalanced',
      'NEAR(bread milk)',
      'bread AND OR NOT *',
      'col:bread ^milk',
      '\u0000\u0007 toilets \u202e',
      'x'.repeat(5000),
      'toilet '.repeat(3000),
    ]) {
      expect(() => kb.search(q)).not.toThrow();
    }
    expect(kb.search('toilet '.repeat(3000))[0]?.section.id).toBe('restrooms');
    expect(kb.search('???')).toEqual([]);
  });

  it('exports a phrase list of questions and names for the ASR kiosk mode', () => {
    const phrases = kb.knowledgePhrases();
    expect(phrases).toContain('Where are the toilets?');
    expect(phrases).toContain('Pharmacy');
    expect(phrases).toContain('croissants');
    expect(phrases).toContain('Christmas Day');
    expect(new Set(phrases).size).toBe(phrases.length);
    expect(phrases.length).toBeGreaterThan(100);
    expect(kb.suggestions().length).toBeGreaterThan(0);
    // The module-level export the ASR kiosk mode loads reads the same files.
    expect(knowledgePhrases(SAMPLE)).toEqual(phrases);
  });

  it('loads structured opening hours and departments', () => {
    expect(kb.data.hours?.weekly.sunday).toEqual({ open: 600, close: 960 });
    expect(kb.data.hours?.holidays.find((h) => h.date === '2026-12-25')?.hours).toBeNull();
    expect(kb.data.departments.find((d) => d.id === 'bakery')?.aliases).toContain('bread');
  });
});

describe('KnowledgeBase.reload', () => {
  it('picks up an edited file without a restart', () => {
    const dir = copyOfSample();
    const kb = KnowledgeBase.open(dir);
    expect(confidentPassages(kb.search('do you rent carpet cleaners'))).toEqual([]);
    writeFileSync(
      path.join(dir, 'rental.md'),
      '---\nid: rental\ntitle: Carpet cleaner rental\n---\nCarpet cleaners can be rented at customer service for 20 pounds a day.\n\nKeywords: carpet cleaner, rent, rental, hire\n',
    );
    const before = kb.data.sections.length;
    expect(kb.reload().sections).toBe(before + 1);
    expect(confidentPassages(kb.search('do you rent carpet cleaners'))[0]?.section.id).toBe('rental');
    kb.close();
  });

  it('a broken edit is a clear error naming the file, and the old knowledge keeps serving', () => {
    const dir = copyOfSample();
    const kb = KnowledgeBase.open(dir);
    writeFileSync(path.join(dir, 'broken.md'), '---\nid: broken\ntitle: [unclosed\n---\nText.\n');
    const err = (() => {
      try {
        kb.reload();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('bad-input');
    expect((err as EngineError).message).toContain('broken.md');
    expect(kb.search('where are the toilets')[0]?.section.id).toBe('restrooms');
    kb.close();
  });
});

describe('parseKnowledgeFile', () => {
  it('splits sections at ## headings and reads Questions / Keywords / Location', () => {
    const parsed = parseKnowledgeFile(
      '---\nid: misc\ntitle: Misc\n---\nIntro text.\n\n## Lockers {#lockers}\nLockers are free.\n\nLocation: by the door\n\nQuestions:\n- Can I leave my bag?\n- Are there lockers?\n\nKeywords: bag, locker\n',
      'misc.md',
    );
    expect(parsed.sections.map((s) => s.id)).toEqual(['misc', 'lockers']);
    expect(parsed.sections[1]).toMatchObject({
      title: 'Lockers',
      text: 'Lockers are free.',
      location: 'by the door',
      questions: ['Can I leave my bag?', 'Are there lockers?'],
      keywords: ['bag', 'locker'],
    });
  });

  it.each([
    ['no front-matter', 'Just text', 'missing front-matter'],
    ['bad id', '---\nid: Bad Id\ntitle: x\n---\ntext', 'ids are lower-case'],
    ['bad hours', '---\nid: h\ntitle: Hours\nweekly: {monday: "9-5"}\n---\ntext', 'weekly'],
    [
      'empty section',
      '---\nid: e\ntitle: E\n---\n## Empty {#empty}\nQuestions:\n- q?\n',
      "section 'empty' has no answer text",
    ],
  ])('%s is a bad-input error with the file name', (_name, source, message) => {
    try {
      parseKnowledgeFile(source, '/kb/file.md');
      throw new Error('expected failure');
    } catch (err) {
      expect((err as EngineError).code).toBe('bad-input');
      expect((err as EngineError).message).toContain('/kb/file.md');
      expect((err as EngineError).message).toContain(message);
    }
  });
});
